/** Issue 6 in the browser: a short test window, the badge, reminders that survive a stopped service worker. */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launch, waitFor, type Harness } from './harness.ts';

interface EventRow {
  orderId: number;
  kind: string;
  detail?: string;
  at: number;
}

let h: Harness;
before(async () => {
  h = await launch();
});
after(async () => {
  await h?.close();
});

const SN = 'KG3H8N2P6R0T4V7W';
/** TEST ONLY: every duration is divided by this, so the default 24 h window lasts 10 s (unpacked alarms fire ~1 s). */
const TIME_SCALE = 8640;

const badge = (): Promise<string> => h.evalInExtension(() => chrome.action.getBadgeText({}), 0);
const shown = async (): Promise<EventRow[]> =>
  (await h.readTable<EventRow>('events')).filter((e) => e.kind === 'reminder_shown');
const reminders = async (): Promise<string[]> => (await shown()).map((e) => e.detail ?? '');

test('an undelivered order raises the badge and its reminders arrive across a service-worker stop', async () => {
  await h.writeKv('settings.escalation', { timeScale: TIME_SCALE });
  const page = await h.context.newPage();
  await page.goto(`${h.shop.origin}/detail-order-sn/${SN}`);

  // 确认状态 and 联系客服 are due at once at this scale; showing the later one retires the earlier.
  const early = await waitFor(reminders, (r) => r.includes('contact_support'), 15_000);
  assert.ok(early.includes('contact_support'), early.join());
  assert.equal(await badge(), '', 'not overdue yet');

  // Stop the service worker: the window's end and the payment-complaint reminder must still come from the alarm.
  await h.stopServiceWorker();
  const stoppedAt = Date.now();
  const late = await waitFor(reminders, (r) => r.includes('payment_complaint'), 25_000);
  assert.ok(late.includes('payment_complaint'), late.join());
  assert.equal(late.filter((r) => r === 'payment_complaint').length, 1, 'shown once');
  const complaint = (await shown()).find((e) => e.detail === 'payment_complaint')!;
  assert.ok(complaint.at > stoppedAt, 'shown by the worker the alarm woke, after the stop');
  assert.equal(await waitFor(badge, (b) => b === '1'), '1');

  // Delivering the order on the shop stops the clock and clears the badge.
  await fetch(`${h.shop.origin}/__demo/orders/${SN}?status=completed`, { method: 'POST' });
  await page.reload();
  assert.equal(await waitFor(badge, (b) => b === ''), '');
});
