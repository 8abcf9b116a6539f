/**
 * extractOrders never throws and never lets page markup through: a broken adapter falls back to the
 * generic extractor (error tagged with its id), 100 KB strings are capped, markup in values stays
 * literal text, and text inside script/style/noscript/template is never read.
 */
import { describe, expect, it, vi } from 'vitest';
import { extractOrders, type ExtractedOrder } from '@/lib/extract';
import { MAX_CONTACT, MAX_FIELD, MAX_KEY } from '@/lib/extract/normalize';
import type { PlatformAdapter } from '@/lib/extract/platform';
import { ADAPTERS } from '@/lib/extract/platforms';
import dujiaoka from '@/lib/extract/platforms/dujiaoka';
import generic from '@/lib/extract/platforms/generic';
import { parseHtml } from './extract-fixture-files';

const ORDER_URL = 'https://shop.example.com/detail-order-sn/T5NQ7E8VYHK4M2XA';

/** A dujiaoka unicorn order page with the given (already escaped) field values. */
function unicornPage(v: { product?: string; contact?: string; status?: string; keys?: string } = {}): string {
  return `<!DOCTYPE html><html><head><title>订单详情</title></head><body>
  <div class="card"><div class="card-body">
    <h5 class="card-title">订单信息 <small class="text-muted">订单号：T5NQ7E8VYHK4M2XA</small></h5>
    <div class="mb-1"><label>订单名称：</label><span>${v.product ?? '爱奇艺黄金会员月卡 x 1'}</span></div>
    <div class="mb-1"><label>订单创建时间：</label><span>2024-05-01 12:30:45</span></div>
    <div class="mb-1"><label>下单邮箱：</label><span>${v.contact ?? 'a@example.com'}</span></div>
    <div class="mb-1"><label>实际支付价格：</label><span>19.90</span></div>
    <div class="mb-1"><label>订单状态：</label><span class="badge bg-success">${v.status ?? '已完成'}</span></div>
    <h6 class="card-title">订单详情</h6><textarea class="form-control">${v.keys ?? 'KEY-1'}</textarea>
  </div></div></body></html>`;
}

const throwing = (where: 'detect' | 'extract'): PlatformAdapter => ({
  id: 'broken',
  detect: () => {
    if (where === 'detect') throw new Error('detect failed');
    return true;
  },
  extract: () => {
    throw new Error('extract failed');
  },
});

describe('adapter failures', () => {
  it.each(['detect', 'extract'] as const)('a throw in %s is reported with the adapter id and generic runs', (where) => {
    const errors: Array<[string, unknown]> = [];
    const got = extractOrders(parseHtml(unicornPage()), ORDER_URL, {
      adapters: [throwing(where), generic],
      onAdapterError: (id, err) => errors.push([id, err]),
    });
    expect(errors).toHaveLength(1);
    expect(errors[0]![0]).toBe('broken');
    expect((errors[0]![1] as Error).message).toBe(`${where} failed`);
    expect(got.map((o) => [o.platform, o.orderNo])).toEqual([['generic', 'T5NQ7E8VYHK4M2XA']]);
  });

  it('falls back from a registered adapter that throws', () => {
    vi.spyOn(dujiaoka, 'extract').mockImplementation(() => {
      throw new TypeError('theme changed');
    });
    const ids: string[] = [];
    const got = extractOrders(parseHtml(unicornPage()), ORDER_URL, { onAdapterError: (id) => ids.push(id) });
    expect(ids).toEqual(['dujiaoka']);
    expect(got).toHaveLength(1);
    expect(got[0]).toMatchObject({
      platform: 'generic',
      orderNo: 'T5NQ7E8VYHK4M2XA',
      amount: 19.9,
      status: 'delivered',
    });
  });

  it('returns [] when the generic extractor throws as well, and survives a throwing listener', () => {
    const brokenGeneric: PlatformAdapter = { ...throwing('extract'), id: 'generic' };
    const ids: string[] = [];
    const listener = (id: string): void => {
      ids.push(id);
      throw new Error('listener bug');
    };
    const got = extractOrders(parseHtml(unicornPage()), ORDER_URL, {
      adapters: [throwing('extract'), brokenGeneric],
      onAdapterError: listener,
    });
    expect(got).toEqual([]);
    expect(ids).toEqual(['broken', 'generic']);
  });

  it('drops malformed adapter output instead of passing it on', () => {
    const sloppy: PlatformAdapter = {
      id: 'sloppy',
      detect: () => true,
      extract: () =>
        [
          { platform: 'sloppy', orderNo: '', status: 'delivered' },
          { platform: 'sloppy', orderNo: 'OK123456', status: 'bogus' },
          { platform: 'sloppy', orderNo: 'GOOD123456', status: 'paid', amount: Number.NaN, productName: '  ' },
        ] as unknown as ExtractedOrder[],
    };
    expect(extractOrders(parseHtml('<p></p>'), ORDER_URL, { adapters: [sloppy, generic] })).toEqual([
      { platform: 'sloppy', orderNo: 'GOOD123456', status: 'paid' },
    ]);
  });
});

describe('hostile values', () => {
  it('caps 100 KB strings in every field', () => {
    const big = 'x'.repeat(100_000);
    const started = performance.now();
    const [order] = extractOrders(
      parseHtml(unicornPage({ product: big, contact: `${big}@example.com`, keys: `${big}\nKEY-2` })),
      ORDER_URL,
    );
    expect(performance.now() - started).toBeLessThan(2000);
    expect(order!.productName!.length).toBeLessThanOrEqual(MAX_FIELD);
    expect(order!.contact!.length).toBeLessThanOrEqual(MAX_CONTACT);
    expect(order!.cardKeys![0]!.length).toBeLessThanOrEqual(MAX_KEY);
    expect(order!.cardKeys![1]).toBe('KEY-2');
  });

  it('keeps markup in values as literal text and reads only text of nested elements', () => {
    const [order] = extractOrders(
      parseHtml(
        unicornPage({
          product: '&lt;img src=x onerror=alert(1)&gt; <b onclick="x()">会员</b>',
          keys: '&lt;script&gt;alert(1)&lt;/script&gt;',
          status: '<i>已完成</i><script>var s="已退款"</script>',
        }),
      ),
      ORDER_URL,
    );
    expect(order!.productName).toBe('<img src=x onerror=alert(1)> 会员');
    expect(order!.cardKeys).toEqual(['<script>alert(1)</script>']);
    expect(order!.statusText).toBe('已完成');
  });

  it('ignores orders that exist only in script, style, noscript or template content', () => {
    const decoy = '订单号：JY20240918153012884<br>商品名称：会员<br>订单状态：已完成<br>订单金额：10元';
    const html = `<html><head><style>/* ${decoy} */</style><script>/* ${decoy} */</script></head><body>
      <noscript>${decoy}</noscript><template>${decoy}</template><div hidden>${decoy}</div>
      <aside>${decoy}</aside><div class="ad-box">${decoy}</div><p>欢迎光临</p></body></html>`;
    expect(extractOrders(parseHtml(html), 'https://x.example/')).toEqual([]);
  });

  it('reads many keys from a read-only textarea on an unknown shop', () => {
    const keys = Array.from({ length: 40 }, (_, i) => `CARD-${String(i).padStart(4, '0')}-ABCDEFGH`);
    const html = `<body><div>订单号：ZZ2024050112345</div><div>商品名称：测试卡</div><div>订单状态：已完成</div>
      <div>卡密信息：</div><textarea readonly>${keys.join('\n')}</textarea></body>`;
    const [order] = extractOrders(parseHtml(html), 'https://unknown.example/order');
    expect(order).toMatchObject({ platform: 'generic', orderNo: 'ZZ2024050112345', status: 'delivered' });
    expect(order!.cardKeys).toEqual(keys);
  });

  it('never throws on degenerate input', () => {
    const deep = `${'<div>'.repeat(5000)}订单号：AB12345678 状态：已完成 金额：1元${'</div>'.repeat(5000)}`;
    const docs = [
      parseHtml(''),
      parseHtml('<html></html>'),
      parseHtml(deep),
      parseHtml(`<body>${'订单号：'.repeat(20_000)}</body>`),
      parseHtml('<table><tr><th>订单号</th><th>状态</th><th>金额</th></tr><tr><td colspan=99>x</td></tr></table>'),
    ];
    for (const doc of docs) {
      for (const url of ['https://x.example/', 'not a url', new URL('https://y.example/?mod=faka')]) {
        expect(() => extractOrders(doc, url)).not.toThrow();
      }
    }
    expect(extractOrders(parseHtml(deep), 'not a url')).toEqual([]);
  });

  it('every registered adapter survives every degenerate page without throwing', () => {
    const doc = parseHtml('<html><body><table><tr><td></td></tr></table><textarea></textarea></body></html>');
    const url = new URL('https://x.example/');
    for (const adapter of ADAPTERS) {
      expect(() => adapter.detect(doc, url) && adapter.extract(doc, url)).not.toThrow();
    }
  });
});
