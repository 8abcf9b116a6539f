/**
 * Issue 15: a full browser restart on the same profile (the worker-stop test of reminders.test.ts, one step further).
 * The alarms, the badge and the capture queue come back: an overdue order raises the badge again at start-up, its
 * next reminder still fires from its alarm, and a screenshot that was waiting for a hidden tab when the browser quit
 * is taken when the buyer opens that page again (in a new tab: tab ids start over with the browser).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { launch, waitFor, type Harness } from './harness.ts';
import { startDemoShop, type DemoShop } from '../demo-shop/server.ts';

interface EventRow {
  orderId: number;
  kind: string;
  detail?: string;
  at: number;
}
interface QueuedCapture {
  orderId: number;
  url: string;
  anyTab?: boolean;
}

/** TEST ONLY: every duration is divided by this, so the default 24 h window lasts 10 s (as in reminders.test.ts). */
const TIME_SCALE = 8640;
const SN = 'KG3H8N2P6R0T4V7W'; // processing: its clock runs
const DONE_SN = 'KG7Q2M9X4A1B3C5D'; // delivered: picked up with a screenshot to take

let shop: DemoShop;
let profile: string;
let h: Harness | undefined;
before(async () => {
  shop = await startDemoShop();
  profile = mkdtempSync(join(tmpdir(), 'kamiguard-restart-'));
});
after(async () => {
  await h?.close();
  await shop?.close();
  rmSync(profile, { recursive: true, force: true });
});

const badge = (): Promise<string> => h!.evalInExtension(() => chrome.action.getBadgeText({}), 0);
const reminders = async (): Promise<EventRow[]> =>
  (await h!.readTable<EventRow>('events')).filter((e) => e.kind === 'reminder_shown');
const queue = async (): Promise<QueuedCapture[]> =>
  ((await h!.readTable<{ key: string; value: QueuedCapture[] }>('kv')).find((r) => r.key === 'capture.queue')?.value ??
    []) as QueuedCapture[];
const orderIdOf = async (orderNo: string): Promise<number> =>
  (
    await waitFor(
      () => h!.readTable<{ id: number; orderNo: string }>('orders'),
      (rows) => rows.some((o) => o.orderNo === orderNo),
    )
  ).find((o) => o.orderNo === orderNo)!.id;

test('after a browser restart the badge, the alarms and a waiting screenshot come back', async () => {
  h = await launch({ profileDir: profile, shop });
  await h.writeKv('settings.escalation', { timeScale: TIME_SCALE });
  const page = await h.context.newPage();
  await page.goto(`${shop.origin}/detail-order-sn/${SN}`);
  const id = await orderIdOf(SN);
  // The window ends: the payment-complaint reminder and the badge.
  await waitFor(reminders, (r) => r.some((e) => e.detail === 'payment_complaint'), 30_000);
  assert.equal(await waitFor(badge, (b) => b === '1'), '1');

  // A delivered order opened in a background tab: its text record is stored, its screenshot waits for the tab.
  const background = await h.context.newPage();
  await page.bringToFront();
  await background.goto(`${shop.origin}/detail-order-sn/${DONE_SN}`);
  const doneId = await orderIdOf(DONE_SN);
  const ofDone = async (): Promise<string[]> =>
    (await h!.readTable<{ orderId: number; kind: string }>('evidence'))
      .filter((e) => e.orderId === doneId)
      .map((e) => e.kind);
  await waitFor(ofDone, (kinds) => kinds.includes('order_text'));
  assert.deepEqual(await ofDone(), ['order_text'], 'no screenshot of a hidden tab');
  assert.deepEqual(
    (await queue()).map((q) => q.orderId),
    [doneId],
    'the screenshot waits in the queue',
  );
  const shownBefore = (await reminders()).length;

  // The browser quits with the tab still hidden, and starts again on the same profile.
  await h.close();
  const restartedAt = Date.now();
  h = await launch({ profileDir: profile, shop });

  assert.equal(await waitFor(badge, (b) => b === '1'), '1', 'the badge is set again at start-up');
  const alarms = await waitFor(
    () => h!.evalInExtension(() => chrome.alarms.getAll(), 0),
    (list) => list.some((a) => a.name === `order:${id}`),
  );
  assert.ok(
    alarms.some((a) => a.name === `order:${id}`),
    `the order's alarm is there: ${alarms.map((a) => a.name).join()}`,
  );
  // The waiting request now goes to whichever tab shows its page.
  assert.deepEqual(
    // (Not `every` alone: a read that finds no queue row at all, while the restarted worker rewrites it, is no answer.)
    (await waitFor(queue, (q) => q.length > 0 && q.every((r) => r.anyTab))).map((q) => [q.orderId, q.anyTab]),
    [[doneId, true]],
  );

  // The next step's reminder (12315 / 黑猫投诉, 48 h after the window at this scale: 20 s) comes from the alarm.
  const after = await waitFor(reminders, (r) => r.some((e) => e.detail === 'regulator_complaint'), 40_000);
  const regulator = after.find((e) => e.detail === 'regulator_complaint');
  assert.ok(regulator, after.map((e) => e.detail).join());
  assert.ok(regulator.at > restartedAt, 'shown by the restarted browser');
  assert.equal(after.length, shownBefore + 1, 'no reminder shown twice');

  // The buyer opens the delivered order's page again: the waiting screenshot is taken there.
  const again = await h.context.newPage();
  await again.goto(`${shop.origin}/detail-order-sn/${DONE_SN}`);
  await waitFor(ofDone, (kinds) => kinds.includes('order_page'), 20_000);
  assert.deepEqual((await ofDone()).sort(), ['order_page', 'order_text']);
  assert.deepEqual(await waitFor(queue, (q) => q.length === 0), []);
});
