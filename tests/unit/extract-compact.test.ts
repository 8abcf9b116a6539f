/**
 * Guards for the parts of lib/extract that were written compactly for the extractor's size budget: the
 * factored status regexes still know every word they once listed one by one, the label vocabulary stays
 * plain words (generic builds a regex from it without escaping), status validation covers exactly the
 * contract's statuses, readText's tag patterns, and dates that Date.UTC would roll over.
 */
import { describe, expect, it } from 'vitest';
import { isOrderStatus, parseStatus } from '@/lib/extract/normalize';
import { readShopTime } from '@/lib/time';
import { LABELS, readText } from '@/lib/extract/platform';
import { ORDER_STATUSES, type OrderStatus } from '@/lib/extract/types';
import { parseHtml } from './extract-fixture-files';

describe('status words of the factored rules', () => {
  // Each word of the rules as they were listed before factoring (等待付款 ⊃ 待付款 and the like included).
  const words: Record<OrderStatus, string> = {
    refunded: '已退款|已退单|退款成功|已折抵|refunded',
    out_of_stock: '库存|卡密不足|抢走商品|抢走了商品',
    frozen: '冻结|风控',
    abnormal: '退单中|退款中|通知失败|异常|失败|failed',
    closed: '已过期|过期|已取消|取消|已关闭|交易关闭|超时|已撤回|支付失败|expired|canceled|cancelled|closed',
    delivered:
      '已完成|订单完成|交易完成|交易成功|已发货|已使用|未使用|已人工处理|已发卡|已交付|delivered|shipped|completed',
    processing:
      '待处理|处理中|正在处理|已处理|等待发货|正在发货|发货中|等待中|进行中|补单中|续费中|改密中|已更新|未开始|开通中|未发货|待发货|processing|awaiting shipment|awaiting delivery',
    pending_payment:
      '待支付|待付款|未支付|未付款|部分付款|马上付款|继续支付|等待付款|等待支付|unpaid|awaiting payment|pending payment',
    paid: '已支付|已付款|完成付款|付款成功|支付成功|通知成功|TRADE_SUCCESS|paid',
    // Parts of words that say nothing alone.
    unknown: '已|付款|支付|发货|处理|关闭|完成|pay|unpaidx',
  };
  const cases = Object.entries(words).flatMap(([status, list]) => list.split('|').map((w) => [w, status] as const));
  it.each(cases)('%s → %s', (word, status) => {
    expect(parseStatus(word)).toBe(status);
  });
});

describe('isOrderStatus', () => {
  it('accepts exactly the statuses of the contract', () => {
    for (const s of ORDER_STATUSES) expect(isOrderStatus(s), s).toBe(true);
    for (const s of ['bogus', '', 'Paid', 'PAID', undefined, null, 3]) expect(isOrderStatus(s), String(s)).toBe(false);
  });
});

describe('LABELS', () => {
  it('holds plain words only, each once per field', () => {
    for (const [field, labels] of Object.entries(LABELS)) {
      expect(labels.length, field).toBeGreaterThan(0);
      expect(new Set(labels).size, field).toBe(labels.length);
      for (const label of labels) expect(label, field).toMatch(/^[\p{L}\p{N}]+$/u);
    }
  });
});

/** readText of a body holding `html`. */
const text = (html: string): string => readText(parseHtml(`<body>${html}</body>`).body);

describe('readText', () => {
  const blocks =
    'address article aside blockquote dd details dialog div dl dt fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header legend li main nav ol p pre section ul'.split(
      ' ',
    );

  it.each(blocks)('<%s> starts and ends a line', (tag) => {
    expect(text(`a<${tag}>b</${tag}>c`).split('\n').filter(Boolean)).toEqual(['a', 'b', 'c']);
  });

  it('puts line breaks around table parts and at <br> and <hr>', () => {
    expect(
      text('<table><thead><tr><th>x</th><th>y</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table>'),
    ).toMatch(/x\n+y\n+1/);
    expect(text('<table><caption>c</caption><tfoot><tr><td>f</td></tr></tfoot></table>')).toMatch(/c\n+f/);
    expect(text('a<br>b<hr>c').split('\n').filter(Boolean)).toEqual(['a', 'b', 'c']);
  });

  it('keeps inline elements on their line', () => {
    for (const tag of [
      'span',
      'b',
      'a',
      'em',
      'strong',
      'small',
      'label',
      'i',
      'code',
      'h7',
      'headers',
      'tdx',
      'divx',
    ]) {
      expect(text(`a<${tag}>b</${tag}>c`), tag).toBe('abc');
    }
  });

  it('skips the text of scripts, styles, templates, selects and other non-content', () => {
    const skipped = ['script', 'style', 'noscript', 'template', 'svg', 'canvas', 'iframe', 'object', 'select'];
    for (const tag of skipped) expect(text(`a<${tag}>b</${tag}>c`), tag).toBe('ac');
  });
});

describe('readShopTime rejects what Date.UTC would roll over', () => {
  it.each([
    '2023-02-29',
    '2024-04-31',
    '2024-13-01',
    '2024-00-10',
    '2024-05-00',
    '2024-12-31 24:00',
    '2024-05-01 12:60',
    '2024-05-01 12:30:60',
    '1999-12-31 23:59:59',
    '2101-01-01',
  ])('%s', (t) => {
    expect(readShopTime(t)).toBeUndefined();
  });

  it('keeps the edges that exist', () => {
    expect(readShopTime('2024-02-29 23:59:59')).toBe('2024-02-29T23:59:59+08:00');
    expect(readShopTime('2000-01-01 00:00')).toBe('2000-01-01T00:00:00+08:00');
    expect(readShopTime('2100-12-31T23:59:59Z')).toBe('2100-12-31T23:59:59Z');
  });
});
