import { describe, expect, it } from 'vitest';
import { textTail, textUnder } from '@/lib/checkout/page-text';
import { parseHtml } from './extract-fixture-files';

const doc = parseHtml(`<body><h1>QQ会员 月卡</h1><script>var msg = "库存不足";</script><style>.a{}</style>
<div hidden>隐藏的库存不足</div><p aria-hidden="true">装饰</p><textarea>买家输入</textarea>
<p>价格：<b>￥15.00</b></p><footer>© 小店 <a>浙ICP备2025012345号-2</a></footer></body>`);

describe('page text', () => {
  it('reads what a buyer can see: no script, style, hidden or typed text', () => {
    expect(textUnder(doc.body, 1000)).toBe('QQ会员 月卡 价格： ￥15.00 © 小店 浙ICP备2025012345号-2');
  });

  it('stops at its cap', () => {
    expect(textUnder(doc.body, 5)).toBe('QQ会员 ');
  });

  it('reads the end of a page backwards, for its footer', () => {
    const full = textUnder(doc.body, 1000);
    expect(textTail(doc.body, 20)).toBe(full.slice(-20));
    expect(textTail(doc.body, 20)).toContain('浙ICP备2025012345号-2');
    expect(textTail(doc.body, 1000)).toBe(textUnder(doc.body, 1000));
  });

  it('leaves out a subtree already read', () => {
    expect(textUnder(doc.body, 1000, doc.querySelector('footer')!)).toBe('QQ会员 月卡 价格： ￥15.00');
  });
});
