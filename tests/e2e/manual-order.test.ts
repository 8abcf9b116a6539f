/**
 * Issue 11 in the browser: a manual 代充 order whose key box echoes the buyer's QQ number is not delivered. It is
 * stored as processing with the labelled 下单邮箱 as its contact (the page's labelled contact comes first) and the QQ
 * number kept out of its keys, its clock runs in the popup, and a reminder alarm is scheduled for it.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launch, waitFor, type Harness } from './harness.ts';

interface OrderRow {
  id: number;
  orderNo: string;
  status: string;
  contact?: string;
  deliveryMode?: string;
  cardKeys?: string[];
}

let h: Harness;
before(async () => {
  h = await launch();
});
after(async () => {
  await h?.close();
});

const SN = 'KG8D4C2Q6R1T9M3P';

test('a 代充 order echoing the buyer’s QQ number is processing, with the labelled e-mail as contact and no keys', async () => {
  const page = await h.context.newPage();
  await page.goto(`${h.shop.origin}/detail-order-sn/${SN}`);
  // The page shows the echo where keys go: the thing that used to read as delivered.
  assert.match(await page.locator('textarea').inputValue(), /QQ账号:1846352971/);

  const rows = await waitFor(
    () => h.readTable<OrderRow>('orders'),
    (r) => r.some((o) => o.orderNo === SN),
    15_000,
  );
  const order = rows.find((o) => o.orderNo === SN);
  assert.ok(order, 'order stored');
  assert.equal(order.status, 'processing');
  // The contact the page labels (下单邮箱), not the QQ number the key box echoes.
  assert.equal(order.contact, '1846352971@qq.com');
  assert.equal(order.deliveryMode, 'manual');
  assert.equal(order.cardKeys, undefined, 'the echoed QQ number is no key');

  // A reminder alarm is scheduled for it, in the future.
  const alarm = await waitFor(
    () => h.evalInExtension((name) => chrome.alarms.get(name), `order:${order.id}`),
    (a) => a !== undefined,
  );
  assert.ok(alarm, 'alarm scheduled');
  assert.ok(alarm.scheduledTime > Date.now() - 1_000, 'the alarm lies ahead');

  // The popup shows its clock running: "已等 … / 承诺 …", no "已发货".
  const popup = await h.openExtensionPage('popup.html');
  const row = popup.locator(`[data-testid="order-row"][data-order-no="${SN}"]`);
  await row.waitFor();
  assert.equal(await row.getAttribute('data-status'), 'processing');
  assert.equal(await row.getAttribute('data-group'), 'running');
  const waited = await row.locator('[data-testid="waited"]').textContent();
  const running = await h.message('list_waited');
  // The message's first word ("已等" / "Waited", placeholders left empty here) marks the running clock.
  assert.ok(waited?.startsWith(running.trim().split(/\s+/)[0]!), `${waited} is a running clock (${running})`);
  assert.equal(await row.locator('[data-testid="status"]').textContent(), await h.message('status_processing'));
});
