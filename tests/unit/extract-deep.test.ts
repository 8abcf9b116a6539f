/**
 * A deeply nested page costs the extractor work in proportion to its size, not to its size times its depth: no text
 * walk looks up each node's ancestors (on a 10,000-deep page in Chromium that was 10 s of the page's main thread;
 * tests/e2e/hostile.test.ts loads such a page). Counted, not timed: the number of ancestor look-ups (`closest`).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { extractOrders } from '@/lib/extract';
import { parseHtml } from './extract-fixture-files';

const DEPTH = 2000;

/** A dujiaoka order page whose order sits DEPTH elements deep, each level with a line of text. */
function deepPage(): Document {
  const doc = parseHtml(`<!DOCTYPE html><html><head><title>订单详情</title></head><body>
  <div id="order" class="container"><div class="card"><div class="card-body">
    <h5 class="card-title">订单信息 <small class="text-muted">订单号：DEP20260501001</small></h5>
    <div class="mb-1"><label>订单名称：</label><span>爱奇艺黄金会员月卡 x 1</span></div>
    <div class="mb-1"><label>实际支付价格：</label><span>19.90</span></div>
    <div class="mb-1"><label>订单状态：</label><span class="badge">已完成</span></div>
  </div></div>
  <div class="card"><div class="card-body"><h6 class="card-title">订单详情</h6>
    <textarea class="form-control" readonly>DEEP-KEY-0001</textarea></div></div></div></body></html>`);
  let parent: Element = doc.body;
  for (let i = 0; i < DEPTH; i++) {
    const level = doc.createElement('div');
    level.append(doc.createTextNode(`第${i}层\n`));
    parent.append(level);
    parent = level;
  }
  parent.append(doc.getElementById('order')!);
  return doc;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('a deeply nested page', () => {
  it('is read with a number of ancestor look-ups independent of its depth', () => {
    const doc = deepPage();
    let owner = Object.getPrototypeOf(doc.body) as Element;
    while (!Object.hasOwn(owner, 'closest')) owner = Object.getPrototypeOf(owner) as Element;
    const closest = vi.spyOn(owner, 'closest');
    const orders = extractOrders(doc, 'https://shop.example.com/detail-order-sn/DEP20260501001');
    expect(orders.map((o) => [o.orderNo, o.status, o.cardKeys])).toEqual([
      ['DEP20260501001', 'delivered', ['DEEP-KEY-0001']],
    ]);
    // Each look-up climbs up to DEPTH levels; one per node visited would be DEPTH² steps.
    expect(closest.mock.calls.length).toBeLessThan(DEPTH / 10);
  });
});
