/**
 * Issue 12 in the browser: the popup's windowed list with 1,000 seeded orders, its search, and the next-step button of
 * an overdue order, which copies that step's draft and records draft_copied.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { seedOrders } from '../support/seed-orders.ts';
import { launch, waitFor, type Harness } from './harness.ts';

let h: Harness;
let popup: Page;
before(async () => {
  h = await launch();
  const seeder = await h.openExtensionPage('popup.html');
  await seedOrders(seeder);
  await seeder.close();
  popup = await h.openExtensionPage('popup.html');
  await popup.setViewportSize({ width: 380, height: 600 });
});
after(async () => {
  await h?.close();
});

const rowNos = (): Promise<string[]> =>
  popup.locator('[data-testid="order-row"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-order-no')!));

test('the windowed list with 1,000 orders shows the overdue ones first, keeps few rows in the DOM and scrolls', async () => {
  await popup.locator('[data-testid="order-row"]').first().waitFor();
  assert.equal(await popup.locator('[data-testid="order-row"]').first().getAttribute('data-group'), 'overdue');
  const first = await rowNos();
  assert.ok(first.length > 0 && first.length < 30, `rows in the DOM: ${first.length}`);
  assert.match((await popup.locator('[data-testid="filter-all"]').textContent()) ?? '', /1000/);

  // Scroll far down: other rows replace the first ones, still only a window of them, the done group by then.
  await popup.locator('[data-testid="order-list"]').evaluate((el) => el.scrollTo(0, el.scrollHeight * 0.9));
  await popup.waitForFunction((before) => {
    const nos = [...document.querySelectorAll('[data-testid="order-row"]')].map((r) => r.getAttribute('data-order-no'));
    return nos.length > 0 && !nos.includes(before);
  }, first[0] ?? null);
  const later = await rowNos();
  assert.ok(later.length < 30);
  assert.equal(await popup.locator('[data-testid="order-row"]').last().getAttribute('data-group'), 'done');
});

test('search narrows the list by order number, product or shop; the filter splits open from ended', async () => {
  await popup.locator('[data-testid="order-list"]').evaluate((el) => el.scrollTo(0, 0));
  const search = popup.locator('[data-testid="search"]');
  await search.fill('SEED000000000910');
  await popup.waitForFunction(() => document.querySelectorAll('[data-testid="order-row"]').length === 1);
  assert.deepEqual(await rowNos(), ['SEED000000000910']);

  await search.fill('shop5.example');
  await popup.waitForFunction(() =>
    [...document.querySelectorAll('[data-testid="order-row"] .site')].every((s) => s.textContent === 'shop5.example'),
  );
  assert.match((await popup.locator('[data-testid="list-shown"]').textContent()) ?? '', /\b2[0-9]\b/);

  await search.fill('Steam 钱包');
  await popup.locator('[data-testid="filter-ended"]').click();
  await popup.waitForFunction(() =>
    [...document.querySelectorAll('[data-testid="order-row"]')].every((r) => r.getAttribute('data-group') === 'done'),
  );
  const products = await popup.locator('[data-testid="product"]').allTextContents();
  assert.ok(products.length > 0 && products.every((p) => p.includes('Steam 钱包')), products.join(', '));

  await search.fill('no such order anywhere');
  await popup.locator('[data-testid="no-match"]').waitFor();
  await search.fill('');
  await popup.locator('[data-testid="filter-all"]').click();
});

test("an overdue order's next-step button copies its draft to the clipboard and records draft_copied", async () => {
  const shop = await h.context.newPage();
  await shop.goto(`${h.shop.origin}/`);
  await h.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: h.shop.origin });
  await popup.bringToFront();
  const row = popup.locator('[data-testid="order-row"][data-group="overdue"]').first();
  await row.waitFor();
  const orderNo = (await row.getAttribute('data-order-no'))!;
  const button = row.locator('[data-testid="next-step"]');
  assert.equal(await button.getAttribute('data-step'), 'payment_complaint');
  await button.click();
  await row.locator('[data-testid="next-step-note"]').waitFor();

  await shop.bringToFront();
  const text = await shop.evaluate(() => navigator.clipboard.readText());
  assert.match(text, new RegExp(orderNo));
  assert.doesNotMatch(text, /undefined|NaN|null/);

  const orders = await h.readTable<{ id: number; orderNo: string; paymentMethod: string }>('orders');
  const order = orders.find((o) => o.orderNo === orderNo)!;
  const copied = await waitFor(
    async () =>
      (await h.readTable<{ orderId: number; kind: string; detail?: string }>('events')).filter(
        (e) => e.orderId === order.id && e.kind === 'draft_copied',
      ),
    (rows) => rows.length === 1,
  );
  assert.equal(copied[0]!.detail, order.paymentMethod === '微信支付' ? 'wechat' : 'alipay');
  await shop.close();
});
