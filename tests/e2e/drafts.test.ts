/** Issue 7 in the browser: one click copies a channel's draft to the clipboard and the timeline records it. */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { ARTIFACTS, launch, waitFor, type Harness } from './harness.ts';

interface EventRow {
  orderId: number;
  kind: string;
  detail?: string;
  action?: string;
}

let h: Harness;
before(async () => {
  h = await launch();
});
after(async () => {
  await h?.close();
});

test('copying the 客服 draft puts the filled-in text on the clipboard and moves the ladder on', async () => {
  const sn = 'KG3H8N2P6R0T4V7W';
  const shop = await h.context.newPage();
  await shop.goto(`${h.shop.origin}/detail-order-sn/${sn}`);
  const orders = await waitFor(
    () => h.readTable<{ id: number; orderNo: string }>('orders'),
    (rows) => rows.some((r) => r.orderNo === sn),
  );
  const id = orders.find((o) => o.orderNo === sn)!.id;

  // The extension writes with its clipboardWrite permission; the test reads the (browser-wide) clipboard from the
  // shop's page, since Chromium grants no permissions to an extension's origin.
  await h.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: h.shop.origin });
  const popup = await h.context.newPage();
  await popup.goto(`chrome-extension://${h.extensionId}/popup.html#order=${id}`);
  // The drafts of every channel are folded below the step due now on the order's page.
  await popup.locator('[data-testid="fold-drafts"]').click();
  await popup.locator('[data-testid="copy-chat"]').click();
  await popup.locator('[data-testid="copied"]').waitFor();

  await shop.bringToFront();
  const text = await shop.evaluate(() => navigator.clipboard.readText());
  await popup.bringToFront();
  assert.match(text, new RegExp(sn), 'order number');
  assert.match(text, /腾讯视频VIP 月卡 代充/, 'product');
  assert.match(text, /¥15\.00/, 'amount');
  assert.doesNotMatch(text, /undefined|NaN|null/);

  const copied = await waitFor(
    async () => (await h.readTable<EventRow>('events')).filter((e) => e.orderId === id && e.kind === 'draft_copied'),
    (rows) => rows.length === 1,
  );
  assert.equal(copied[0]!.detail, 'chat');

  // The follow-up the copy offers: mark support contacted, which completes the 联系客服 step.
  await popup.locator('[data-testid="copied"] button').click();
  const contacted = await waitFor(
    async () =>
      (await h.readTable<EventRow>('events')).filter((e) => e.orderId === id && e.action === 'contacted_support'),
    (rows) => rows.length === 1,
  );
  assert.equal(contacted.length, 1);
  await popup.locator('[data-testid="fold-ladder"]').click();
  await popup.locator('[data-step="contact_support"][data-done="true"]').waitFor();
  await popup.setViewportSize({ width: 400, height: 900 });
  await popup.screenshot({ path: join(ARTIFACTS, 'popup-order-detail.png') });
});

test('the 网信办 12377 draft names the ICP 备案 number the shop page showed, and says it is not a refund channel', async () => {
  const sn = 'KG3H8N2P6R0T4V7W';
  const id = (await h.readTable<{ id: number; orderNo: string }>('orders')).find((o) => o.orderNo === sn)!.id;
  await waitFor(
    () => h.readTable<{ site: string; icp?: string }>('shops'),
    (rows) => rows.some((r) => r.icp),
  );
  const popup = await h.context.newPage();
  await popup.goto(`chrome-extension://${h.extensionId}/popup.html#order=${id}`);
  await popup.locator('[data-testid="fold-drafts"]').click();
  await popup.locator('[data-testid="copy-c12377"]').click();
  await popup.locator('[data-testid="copied"]').waitFor();
  const shop = h.context.pages().find((p) => p.url().startsWith(h.shop.origin))!;
  await shop.bringToFront();
  const text = await shop.evaluate(() => navigator.clipboard.readText());
  assert.match(text, /ICP备案号：京ICP备12345678号-1/);
  assert.match(text, new RegExp(`域名：${h.shop.origin.replace(/^https?:\/\//, '').replace(/\./g, '\\.')}`));
  assert.match(text, /12377 不是退款渠道/);
  assert.match(text, new RegExp(sn));
  await popup.close();
});
