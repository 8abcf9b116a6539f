import { afterEach, describe, expect, it } from 'vitest';
import { applyOrderAction } from '@/lib/background/order-actions';
import { getTimeline, openDb, upsertSighting, type KamiGuardDb } from '@/lib/db';
import { computeClock, DEFAULT_ESCALATION_SETTINGS } from '@/lib/escalation';
import { OrderActionMessageSchema, parseMessage } from '@/lib/messaging/schemas';

const dbs: KamiGuardDb[] = [];
async function pendingOrder(): Promise<{ db: KamiGuardDb; orderId: number }> {
  const db = openDb(`test-${crypto.randomUUID()}`);
  dbs.push(db);
  const { orderId } = await upsertSighting(db, {
    order: { platform: 'dujiaoka', orderNo: 'KG5P0C1B2D3E4F6G', status: 'pending_payment', statusText: '待支付' },
    site: 'shop.example.com',
    url: 'https://shop.example.com/detail-order-sn/KG5P0C1B2D3E4F6G',
    at: 1_000,
  });
  return { db, orderId };
}
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

const MIN = 60_000;

describe('applyOrderAction', () => {
  it('"I have paid" on a 待支付 order starts the clock, once', async () => {
    const { db, orderId } = await pendingOrder();
    const before = computeClock(
      (await db.orders.get(orderId))!,
      await getTimeline(db, orderId),
      DEFAULT_ESCALATION_SETTINGS,
      2_000,
    );
    expect(before.started).toBe(false);
    await applyOrderAction(db, orderId, { type: 'user_paid' }, 2_000);
    expect(await applyOrderAction(db, orderId, { type: 'user_paid' }, 9_000)).toBeUndefined();
    const order = (await db.orders.get(orderId))!;
    expect(order.userPaidAt).toBe(2_000);
    const clock = computeClock(order, await getTimeline(db, orderId), DEFAULT_ESCALATION_SETTINGS, 2_000 + 31 * MIN);
    expect(clock).toMatchObject({ started: true, startReason: 'user_paid', currentStep: 'contact_support' });
    expect(clock.advice).toBe('callback_failure');
  });

  it('marks steps done, sets and clears the window, and resolves with an outcome', async () => {
    const { db, orderId } = await pendingOrder();
    await applyOrderAction(db, orderId, { type: 'user_paid' }, 2_000);
    await applyOrderAction(db, orderId, { type: 'step_done', step: 'confirm_status' }, 3_000);
    await applyOrderAction(db, orderId, { type: 'set_window', minutes: 60 }, 4_000);
    expect((await db.orders.get(orderId))!.windowMinutes).toBe(60);
    await applyOrderAction(db, orderId, { type: 'set_window', minutes: null }, 4_500);
    expect((await db.orders.get(orderId))!.windowMinutes).toBeUndefined();
    await applyOrderAction(db, orderId, { type: 'draft_copied', channel: 'chat' }, 5_000);
    await applyOrderAction(db, orderId, { type: 'resolve', outcome: 'refunded' }, 6_000);

    const order = (await db.orders.get(orderId))!;
    expect(order).toMatchObject({ resolvedAt: 6_000, outcome: 'refunded' });
    const timeline = await getTimeline(db, orderId);
    expect(timeline.map((e) => [e.kind, e.action, e.detail])).toEqual([
      ['first_seen', undefined, undefined],
      ['user_paid', undefined, undefined],
      ['user_action', 'step_done', 'confirm_status'],
      ['user_action', undefined, 'window:60'],
      ['user_action', undefined, 'window:default'],
      ['draft_copied', undefined, 'chat'],
      ['resolved', 'refunded', 'refunded'],
    ]);
    const clock = computeClock(order, timeline, DEFAULT_ESCALATION_SETTINGS, 10_000);
    expect(clock).toMatchObject({ running: false, stopReason: 'resolved', outcome: 'refunded' });
  });

  it('refuses an order that does not exist, writing nothing', async () => {
    const { db } = await pendingOrder();
    await expect(applyOrderAction(db, 999, { type: 'user_paid' }, 1)).rejects.toThrow(/No order 999/);
    expect(await db.events.count()).toBe(1);
  });
});

describe('order action messages', () => {
  it.each([
    [{ orderId: 1, action: { type: 'resolve', outcome: 'won' } }, /outcome/],
    [{ orderId: 0, action: { type: 'user_paid' } }, /orderId/],
    [{ orderId: 1, action: { type: 'set_window', minutes: 0 } }, /minutes/],
    [{ orderId: 1, action: { type: 'step_done', step: 'dance' } }, /step/],
    [{ orderId: 1, action: { type: 'draft_copied', channel: '<script>' } }, /channel/],
    [{ orderId: 1, action: { type: 'delete_everything' } }, /type/],
  ])('rejects %j', (data, pattern) => {
    expect(() => parseMessage(OrderActionMessageSchema, data)).toThrow(pattern);
  });
});
