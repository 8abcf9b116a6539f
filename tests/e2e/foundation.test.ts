/** Issue 3: one order travels from a demo shop page into the database and the popup, in real Chromium. */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { ARTIFACTS, launch, waitFor, type Harness } from './harness.ts';

interface OrderRow {
  id: number;
  orderNo: string;
  productName?: string;
  amount?: number;
  status: string;
  site: string;
}
interface EventRow {
  orderId: number;
  kind: string;
  status?: string;
}

let h: Harness;
before(async () => {
  h = await launch();
});
after(async () => {
  await h?.close();
});

test('a delivered demo order appears in the database and the popup', async () => {
  const page = await h.context.newPage();
  await page.goto(`${h.shop.origin}/detail-order-sn/KG7Q2M9X4A1B3C5D`);
  const orders = await waitFor(
    () => h.readTable<OrderRow>('orders'),
    (rows) => rows.some((r) => r.orderNo === 'KG7Q2M9X4A1B3C5D'),
  );
  const order = orders.find((r) => r.orderNo === 'KG7Q2M9X4A1B3C5D');
  assert.ok(order, 'order stored');
  assert.equal(order.productName, 'QQ超级会员 1个月');
  assert.equal(order.amount, 29.9);
  assert.equal(order.status, 'delivered');
  // What the page showed about the shop itself: the ICP 备案 number in its footer, kept per host.
  const shops = await waitFor(
    () => h.readTable<{ site: string; icp?: string }>('shops'),
    (rows) => rows.some((r) => r.site === order.site),
  );
  assert.equal(shops.find((r) => r.site === order.site)?.icp, '京ICP备12345678号-1');
  assert.equal(order.site, new URL(h.shop.origin).host);

  const popup = await h.openExtensionPage('popup.html');
  const row = popup.locator('[data-testid="order-row"][data-order-no="KG7Q2M9X4A1B3C5D"]');
  await row.waitFor();
  assert.equal(await row.locator('[data-testid="order-no"]').textContent(), 'KG7Q2M9X4A1B3C5D');
  assert.equal(await row.locator('[data-testid="product"]').textContent(), 'QQ超级会员 1个月');
  assert.match((await row.locator('[data-testid="amount"]').textContent()) ?? '', /29\.90/);
  assert.equal(await row.locator('[data-testid="status"]').textContent(), await h.message('status_delivered'));
  await popup.setViewportSize({ width: 400, height: 600 });
  await popup.screenshot({ path: join(ARTIFACTS, 'popup-orders.png') });
  await popup.close();
});

test('a status change on reload keeps one order and adds one status event', async () => {
  const sn = 'KG3H8N2P6R0T4V7W';
  const page = await h.context.newPage();
  await page.goto(`${h.shop.origin}/detail-order-sn/${sn}`);
  const first = await waitFor(
    () => h.readTable<OrderRow>('orders'),
    (rows) => rows.some((r) => r.orderNo === sn),
  );
  const stored = first.find((r) => r.orderNo === sn)!;
  assert.equal(stored.status, 'processing');

  const res = await fetch(`${h.shop.origin}/__demo/orders/${sn}?status=completed`, { method: 'POST' });
  assert.equal(res.status, 200);
  await page.reload();
  const after = await waitFor(
    () => h.readTable<OrderRow>('orders'),
    (rows) => rows.find((r) => r.orderNo === sn)?.status === 'delivered',
  );
  assert.equal(after.filter((r) => r.orderNo === sn).length, 1, 'still one order');
  assert.equal(after.find((r) => r.orderNo === sn)!.status, 'delivered');

  // A third visit with nothing new changes nothing.
  await page.reload();
  await new Promise((r) => setTimeout(r, 1500));
  const events = (await h.readTable<EventRow>('events')).filter((e) => e.orderId === stored.id);
  const statusEvents = events.filter((e) => e.kind === 'first_seen' || e.kind === 'status_changed');
  assert.deepEqual(
    statusEvents.map((e) => [e.kind, e.status]),
    [
      ['first_seen', 'processing'],
      ['status_changed', 'delivered'],
    ],
  );
});

test("the shop page's own origin has no kamiguard database", async () => {
  const page = await h.context.newPage();
  await page.goto(`${h.shop.origin}/detail-order-sn/KG7Q2M9X4A1B3C5D`);
  await new Promise((r) => setTimeout(r, 800));
  const names = await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name));
  assert.ok(!names.includes('kamiguard'), `shop origin databases: ${names.join(', ')}`);
});
