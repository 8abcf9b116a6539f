import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EventRecord, OrderRecord } from '@/lib/db/types';
import { cloneDefaults, computeClock, STEP_IDS, type EscalationSettings, type StepId } from '@/lib/escalation';

/** 2025-03-01 10:00 China time. */
const T0 = Date.parse('2025-03-01T10:00:00+08:00');
const MIN = 60_000;
const HOUR = 60 * MIN;

function order(over: Partial<OrderRecord> = {}): OrderRecord {
  return {
    id: 1,
    platform: 'dujiaoka',
    orderNo: 'KG7Q2M9X4A1B3C5D',
    productName: 'QQ超级会员 1个月',
    amount: 29.9,
    status: 'processing',
    site: 'shop.example.com',
    url: 'https://shop.example.com/detail-order-sn/KG7Q2M9X4A1B3C5D',
    urls: ['https://shop.example.com/detail-order-sn/KG7Q2M9X4A1B3C5D'],
    firstSeenAt: T0,
    lastSeenAt: T0,
    ...over,
  };
}
const ev = (kind: EventRecord['kind'], at: number, over: Partial<EventRecord> = {}): EventRecord => ({
  orderId: 1,
  kind,
  at,
  ...over,
});
/** An order paid at T0 (the shop's own 支付时间) and first seen processing at T0. */
const paidOrder = (over: Partial<OrderRecord> = {}): OrderRecord =>
  order({ paidAt: new Date(T0).toISOString(), ...over });
const seen = (status: OrderRecord['status'], at: number): EventRecord =>
  ev(at === T0 ? 'first_seen' : 'status_changed', at, { status });
const settings = (over: Partial<EscalationSettings> = {}): EscalationSettings => ({ ...cloneDefaults(), ...over });
const step = (state: ReturnType<typeof computeClock>, id: StepId) => state.steps.find((s) => s.id === id)!;

afterEach(() => {
  vi.useRealTimers();
});

describe('when the clock starts', () => {
  it('starts at the shop-stated paidAt, before the first sighting', () => {
    const o = paidOrder({ paidAt: '2025-03-01T09:58:00+08:00' });
    const c = computeClock(o, [seen('processing', T0)], settings(), T0 + 5 * MIN);
    expect(c.started).toBe(true);
    expect(c.startReason).toBe('paid_at');
    expect(c.startAt).toBe(T0 - 2 * MIN);
    expect(c.elapsedMs).toBe(7 * MIN);
  });

  it("reads a paidAt without a zone as China time, whatever the computer's zone", () => {
    const o = paidOrder({ paidAt: '2025-03-01 09:58:00' });
    const c = computeClock(o, [seen('processing', T0)], settings(), T0 + 5 * MIN);
    expect(c).toMatchObject({ startReason: 'paid_at', startAt: T0 - 2 * MIN });
  });

  it('without paidAt, starts at the first paid-like status sighting', () => {
    const events = [ev('first_seen', T0, { status: 'pending_payment' }), seen('paid', T0 + 5 * MIN)];
    const c = computeClock(order({ status: 'paid' }), events, settings(), T0 + 20 * MIN);
    expect(c).toMatchObject({ started: true, startReason: 'paid_status', startAt: T0 + 5 * MIN, elapsedMs: 15 * MIN });
  });

  it.each(['processing', 'abnormal', 'out_of_stock', 'frozen'] as const)('counts %s as paid-like', (status) => {
    const c = computeClock(order({ status }), [ev('first_seen', T0, { status })], settings(), T0 + MIN);
    expect(c.startAt).toBe(T0);
  });

  it('a payment-success signal on a 待支付 order starts the clock and reads as a callback failure', () => {
    const o = order({ status: 'pending_payment', paymentSeenAt: T0 - MIN });
    const c = computeClock(o, [ev('first_seen', T0, { status: 'pending_payment' })], settings(), T0 + 15 * MIN);
    expect(c).toMatchObject({
      started: true,
      startReason: 'payment_seen',
      startAt: T0 - MIN,
      advice: 'callback_failure',
    });
    expect(c.currentStep).toBe('confirm_status');
  });

  it('"I have paid" on a 待支付 order starts the clock at that moment', () => {
    const events = [ev('first_seen', T0, { status: 'pending_payment' })];
    const before = computeClock(order({ status: 'pending_payment' }), events, settings(), T0 + MIN);
    expect(before).toMatchObject({ started: false, advice: 'reorder', action: 'action_reorder', elapsedMs: 0 });

    const o = order({ status: 'pending_payment', userPaidAt: T0 + 2 * MIN });
    const after = computeClock(o, [...events, ev('user_paid', T0 + 2 * MIN)], settings(), T0 + 40 * MIN);
    expect(after).toMatchObject({ started: true, startReason: 'user_paid', startAt: T0 + 2 * MIN, running: true });
    expect(after.elapsedMs).toBe(38 * MIN);
    expect(after.advice).toBe('callback_failure');
    expect(after.currentStep).toBe('contact_support');
  });

  it('a later 已支付 sighting does not move a clock the user started earlier', () => {
    const o = order({ status: 'paid', userPaidAt: T0 + 2 * MIN });
    const events = [
      ev('first_seen', T0, { status: 'pending_payment' }),
      ev('user_paid', T0 + 2 * MIN),
      seen('paid', T0 + HOUR),
    ];
    const c = computeClock(o, events, settings(), T0 + 2 * HOUR);
    expect(c.startAt).toBe(T0 + 2 * MIN);
    expect(c.startReason).toBe('user_paid');
    expect(c.advice).toBeUndefined();
  });

  it('a never-paid order (待支付, or closed without payment) starts no clock and advises re-ordering', () => {
    for (const status of ['pending_payment', 'closed'] as const) {
      const c = computeClock(order({ status }), [ev('first_seen', T0, { status })], settings(), T0 + 3 * 24 * HOUR);
      expect(c).toMatchObject({
        started: false,
        running: false,
        overdue: false,
        advice: 'reorder',
        action: 'action_reorder',
      });
      expect(c.currentStep).toBeUndefined();
      expect(c.nextWakeAt).toBeUndefined();
      expect(c.steps.map((s) => s.id)).toEqual([...STEP_IDS]);
      expect(c.steps.every((s) => !s.due && !s.done)).toBe(true);
    }
  });

  it('an unknown status without payment signals starts no clock and gives no advice', () => {
    const c = computeClock(
      order({ status: 'unknown' }),
      [ev('first_seen', T0, { status: 'unknown' })],
      settings(),
      T0 + HOUR,
    );
    expect(c.started).toBe(false);
    expect(c.advice).toBeUndefined();
    expect(c.action).toBe('action_confirm_status');
  });

  it('falls back to the stored status when the timeline has no sightings', () => {
    const c = computeClock(order({ status: 'processing', firstSeenAt: T0 + MIN }), [], settings(), T0 + 11 * MIN);
    expect(c.startAt).toBe(T0 + MIN);
    expect(c.startReason).toBe('paid_status');
  });

  it('ignores an unparseable paidAt', () => {
    const c = computeClock(
      paidOrder({ paidAt: 'not a date' }),
      [seen('processing', T0 + MIN)],
      settings(),
      T0 + 2 * MIN,
    );
    expect(c.startReason).toBe('paid_status');
    expect(c.startAt).toBe(T0 + MIN);
  });
});

describe('the ladder', () => {
  // Default offsets: 留证 0, 确认状态 +10 min, 联系客服 +30 min, 支付渠道投诉 = window (24 h), 监管投诉 = window + 48 h.
  const transitions: [number, StepId, StepId | undefined][] = [
    [0, 'evidence', 'confirm_status'],
    [10 * MIN - 1, 'evidence', 'confirm_status'],
    [10 * MIN, 'confirm_status', 'contact_support'],
    [30 * MIN - 1, 'confirm_status', 'contact_support'],
    [30 * MIN, 'contact_support', 'payment_complaint'],
    [24 * HOUR - 1, 'contact_support', 'payment_complaint'],
    [24 * HOUR, 'payment_complaint', 'regulator_complaint'],
    [72 * HOUR - 1, 'payment_complaint', 'regulator_complaint'],
    [72 * HOUR, 'regulator_complaint', undefined],
    [30 * 24 * HOUR, 'regulator_complaint', undefined],
  ];
  it.each(transitions)('at +%i ms the current step is %s, then %s', (offset, current, next) => {
    const c = computeClock(paidOrder(), [seen('processing', T0)], settings(), T0 + offset);
    expect(c.currentStep).toBe(current);
    expect(c.action).toBe(`action_${current}`);
    expect(c.nextStep).toBe(next);
  });

  it('lays out step times from the clock start and the window', () => {
    const c = computeClock(paidOrder(), [seen('processing', T0)], settings(), T0);
    expect(c.steps.map((s) => [s.id, s.at === undefined ? undefined : s.at - T0])).toEqual([
      ['evidence', 0],
      ['confirm_status', 10 * MIN],
      ['contact_support', 30 * MIN],
      ['payment_complaint', 24 * HOUR],
      ['regulator_complaint', 72 * HOUR],
      ['review', undefined],
    ]);
  });

  it('uses the user-set step offsets', () => {
    const s = settings({
      stepOffsetsMinutes: {
        evidence: 0,
        confirm_status: 5,
        contact_support: 60,
        payment_complaint: 120,
        regulator_complaint: 24 * 60,
      },
    });
    const c = computeClock(paidOrder(), [seen('processing', T0)], s, T0 + 61 * MIN);
    expect(c.currentStep).toBe('contact_support');
    expect(step(c, 'confirm_status').at).toBe(T0 + 5 * MIN);
    // Both complaint offsets count from the window's end (24 h here).
    expect(step(c, 'payment_complaint').at).toBe(T0 + 26 * HOUR);
    expect(step(c, 'regulator_complaint').at).toBe(T0 + 48 * HOUR);
  });

  it('reports elapsed, remaining, progress and overdue against the window', () => {
    const at12h = computeClock(paidOrder(), [seen('processing', T0)], settings(), T0 + 12 * HOUR);
    expect(at12h).toMatchObject({
      elapsedMs: 12 * HOUR,
      remainingMs: 12 * HOUR,
      overdueMs: 0,
      progress: 0.5,
      overdue: false,
    });
    const atWindow = computeClock(paidOrder(), [seen('processing', T0)], settings(), T0 + 24 * HOUR);
    // At the window's end the payment complaint is due: the order is overdue from that moment (the badge counts it).
    expect(atWindow).toMatchObject({ remainingMs: 0, overdueMs: 0, overdue: true, late: false });
    const justBefore = computeClock(paidOrder(), [seen('processing', T0)], settings(), T0 + 24 * HOUR - 1);
    expect(justBefore.overdue).toBe(false);
    const past = computeClock(paidOrder(), [seen('processing', T0)], settings(), T0 + 30 * HOUR);
    expect(past).toMatchObject({ remainingMs: 0, overdueMs: 6 * HOUR, progress: 1, overdue: true, late: true });
  });

  it('marks a step done from a step_done action, and the ladder moves on', () => {
    const events = [
      seen('processing', T0),
      ev('user_action', T0 + 31 * MIN, { action: 'step_done', detail: 'contact_support' }),
    ];
    const c = computeClock(paidOrder(), events, settings(), T0 + 32 * MIN);
    expect(step(c, 'contact_support').done).toBe(true);
    expect(c.currentStep).toBeUndefined();
    expect(c.action).toBe('action_wait');
    expect(c.nextStep).toBe('payment_complaint');
    // Earlier undone steps are passed over, not silently marked done.
    expect(step(c, 'confirm_status')).toMatchObject({ done: false, skipped: true });
  });

  it('已联系客服 marks 联系客服 done; 已投诉 marks the payment or the regulator complaint by its channel', () => {
    const base = [seen('processing', T0)];
    const contacted = computeClock(
      paidOrder(),
      [...base, ev('user_action', T0 + HOUR, { action: 'contacted_support' })],
      settings(),
      T0 + 2 * HOUR,
    );
    expect(step(contacted, 'contact_support').done).toBe(true);

    const paid = computeClock(
      paidOrder(),
      [...base, ev('user_action', T0 + 25 * HOUR, { action: 'complained', detail: 'alipay' })],
      settings(),
      T0 + 26 * HOUR,
    );
    expect(step(paid, 'payment_complaint').done).toBe(true);
    expect(step(paid, 'regulator_complaint').done).toBe(false);
    expect(paid.currentStep).toBeUndefined();
    expect(paid.nextStep).toBe('regulator_complaint');

    const reg = computeClock(
      paidOrder(),
      [...base, ev('user_action', T0 + 80 * HOUR, { action: 'complained', detail: '12315' })],
      settings(),
      T0 + 81 * HOUR,
    );
    expect(step(reg, 'regulator_complaint').done).toBe(true);
    expect(step(reg, 'payment_complaint')).toMatchObject({ done: false, skipped: true });
  });

  it('re-opening the order page after +10 min completes 确认状态 (a sighting, or lastSeenAt)', () => {
    const bySighting = computeClock(
      paidOrder(),
      [seen('processing', T0), seen('abnormal', T0 + 12 * MIN)],
      settings(),
      T0 + 13 * MIN,
    );
    expect(step(bySighting, 'confirm_status').done).toBe(true);
    const byLastSeen = computeClock(
      paidOrder({ lastSeenAt: T0 + 11 * MIN }),
      [seen('processing', T0)],
      settings(),
      T0 + 13 * MIN,
    );
    expect(step(byLastSeen, 'confirm_status').done).toBe(true);
    const tooEarly = computeClock(
      paidOrder({ lastSeenAt: T0 + 9 * MIN }),
      [seen('processing', T0)],
      settings(),
      T0 + 13 * MIN,
    );
    expect(step(tooEarly, 'confirm_status').done).toBe(false);
  });

  it('a saved payment receipt completes 留证', () => {
    const without = computeClock(paidOrder(), [seen('processing', T0)], settings(), T0 + MIN, {
      evidenceKinds: ['order_page'],
    });
    expect(step(without, 'evidence').done).toBe(false);
    const withReceipt = computeClock(paidOrder(), [seen('processing', T0)], settings(), T0 + MIN, {
      evidenceKinds: ['order_page', 'payment_receipt'],
    });
    expect(step(withReceipt, 'evidence').done).toBe(true);
    expect(withReceipt.action).toBe('action_wait');
  });
});

describe('the promised window', () => {
  const s = settings({ shopWindows: { 'shop.example.com': 6 * 60 } });

  it('global default < shop override < page text < the user’s per-order setting', () => {
    const g = computeClock(paidOrder({ site: 'other.example.com' }), [], s, T0);
    expect(g).toMatchObject({ windowSource: 'default', windowMinutes: 24 * 60, windowMs: 24 * HOUR });

    const shop = computeClock(paidOrder({ site: 'WWW.Shop.Example.com' }), [], s, T0);
    expect(shop).toMatchObject({ windowSource: 'shop', windowMs: 6 * HOUR });

    const page = computeClock(paidOrder({ pageWindowMinutes: 12 * 60 }), [], s, T0);
    expect(page).toMatchObject({ windowSource: 'page', windowMs: 12 * HOUR });

    // The user's explicit setting beats the page text: it is set after reading the page.
    const user = computeClock(paidOrder({ pageWindowMinutes: 12 * 60, windowMinutes: 2 * 60 }), [], s, T0);
    expect(user).toMatchObject({ windowSource: 'order', windowMs: 2 * HOUR, windowEndsAt: T0 + 2 * HOUR });
    expect(step(user, 'payment_complaint').at).toBe(T0 + 2 * HOUR);
    expect(step(user, 'regulator_complaint').at).toBe(T0 + 50 * HOUR);
  });

  it('ignores unusable per-order values', () => {
    const c = computeClock(paidOrder({ windowMinutes: 0, pageWindowMinutes: Number.NaN }), [], s, T0);
    expect(c.windowSource).toBe('shop');
  });

  it('a short window ("5分钟内自动发货") turns overdue early but keeps 联系客服 before 支付渠道投诉', () => {
    const c = computeClock(paidOrder({ pageWindowMinutes: 5 }), [seen('processing', T0)], settings(), T0 + 6 * MIN);
    expect(c.overdue).toBe(true);
    expect(step(c, 'payment_complaint').at).toBe(T0 + 30 * MIN);
    const at30 = computeClock(paidOrder({ pageWindowMinutes: 5 }), [seen('processing', T0)], settings(), T0 + 30 * MIN);
    expect(at30.currentStep).toBe('contact_support');
    const done = computeClock(
      paidOrder({ pageWindowMinutes: 5 }),
      [seen('processing', T0), ev('user_action', T0 + 30 * MIN, { action: 'contacted_support' })],
      settings(),
      T0 + 31 * MIN,
    );
    expect(done.currentStep).toBe('payment_complaint');
  });
});

describe('when the clock stops', () => {
  it('a delivered status stops the clock at that sighting', () => {
    const events = [seen('processing', T0), seen('delivered', T0 + 2 * HOUR)];
    const c = computeClock(paidOrder({ status: 'delivered' }), events, settings(), T0 + 30 * HOUR);
    expect(c).toMatchObject({
      started: true,
      running: false,
      stoppedAt: T0 + 2 * HOUR,
      stopReason: 'delivered',
      outcome: 'received',
      elapsedMs: 2 * HOUR,
      overdue: false,
      late: false,
      action: 'action_none',
    });
    expect(c.currentStep).toBeUndefined();
    expect(c.nextWakeAt).toBeUndefined();
    expect(c.nextReminderAt).toBeUndefined();
    expect(step(c, 'review')).toMatchObject({ at: T0 + 2 * HOUR, due: true, done: true });
    // Steps after the stop never came due.
    expect(step(c, 'payment_complaint').due).toBe(false);
  });

  it('a late delivery is not overdue any more but stays late (for the shop record)', () => {
    const events = [seen('processing', T0), seen('delivered', T0 + 30 * HOUR)];
    const c = computeClock(paidOrder({ status: 'delivered' }), events, settings(), T0 + 40 * HOUR);
    expect(c).toMatchObject({ overdue: false, late: true, elapsedMs: 30 * HOUR });
  });

  it('card keys shown while the shop still says 处理中 leave the clock running; the shop’s 已完成 stops it', () => {
    const events = [seen('processing', T0), ev('card_keys_found', T0 + 3 * MIN, { detail: '1' })];
    const c = computeClock(paidOrder(), events, settings(), T0 + HOUR);
    expect(c).toMatchObject({ running: true, elapsedMs: HOUR });
    const done = [...events, seen('delivered', T0 + 2 * HOUR)];
    const d = computeClock(paidOrder({ status: 'delivered' }), done, settings(), T0 + 3 * HOUR);
    expect(d).toMatchObject({ running: false, stopReason: 'delivered', elapsedMs: 2 * HOUR });
  });

  it('a 已完成 later contradicted by 处理中 does not silence the clock', () => {
    const events = [seen('processing', T0), seen('delivered', T0 + HOUR), seen('processing', T0 + 2 * HOUR)];
    const c = computeClock(paidOrder(), events, settings(), T0 + 25 * HOUR);
    expect(c.running).toBe(true);
    expect(c.overdue).toBe(true);
  });

  it('refunded stops the clock with outcome refunded', () => {
    const events = [seen('processing', T0), seen('refunded', T0 + 5 * HOUR)];
    const c = computeClock(paidOrder({ status: 'refunded' }), events, settings(), T0 + 6 * HOUR);
    expect(c).toMatchObject({ running: false, stopReason: 'refunded', outcome: 'refunded', elapsedMs: 5 * HOUR });
  });

  it.each([
    ['lost', { resolvedAt: T0 + 100 * HOUR, outcome: 'lost' }, [], 'lost', 100 * HOUR],
    ['received (by hand)', { resolvedAt: T0 + 3 * HOUR, outcome: 'received' }, [], 'received', 3 * HOUR],
    ['已放弃 action', {}, [ev('user_action', T0 + 50 * HOUR, { action: 'gave_up' })], 'abandoned', 50 * HOUR],
    ['已收到 action', {}, [ev('user_action', T0 + 4 * HOUR, { action: 'received' })], 'received', 4 * HOUR],
    ['已退款 action', {}, [ev('user_action', T0 + 26 * HOUR, { action: 'refunded' })], 'refunded', 26 * HOUR],
    ['resolved event', {}, [ev('resolved', T0 + 7 * HOUR, { detail: 'refunded' })], 'refunded', 7 * HOUR],
  ] as const)('a resolution (%s) stops the clock with its outcome', (_name, over, extra, outcome, elapsed) => {
    const c = computeClock(paidOrder(over), [seen('processing', T0), ...extra], settings(), T0 + 200 * HOUR);
    expect(c).toMatchObject({ running: false, stopReason: 'resolved', outcome, elapsedMs: elapsed, overdue: false });
    expect(step(c, 'review').done).toBe(true);
    expect(c.nextWakeAt).toBeUndefined();
  });

  it('a resolution dated before the start is clamped to the start', () => {
    const c = computeClock(paidOrder({ resolvedAt: T0 - HOUR, outcome: 'abandoned' }), [], settings(), T0 + HOUR);
    expect(c.stoppedAt).toBe(T0);
    expect(c.elapsedMs).toBe(0);
  });
});

describe('the next reminder', () => {
  const base = [seen('processing', T0)];

  it('is the next notifying step (留证 does not notify)', () => {
    const c = computeClock(paidOrder(), base, settings(), T0 + MIN);
    expect(c.nextReminder).toEqual({ at: T0 + 10 * MIN, step: 'confirm_status', snooze: false });
    expect(c.nextReminderAt).toBe(T0 + 10 * MIN);
    expect(c.nextWakeAt).toBe(T0 + 10 * MIN);
  });

  it('moves past a reminder already shown', () => {
    const events = [...base, ev('reminder_shown', T0 + 10 * MIN, { detail: 'confirm_status' })];
    const c = computeClock(paidOrder(), events, settings(), T0 + 11 * MIN);
    expect(c.nextReminder?.step).toBe('contact_support');
    expect(c.nextReminderAt).toBe(T0 + 30 * MIN);
  });

  it('after a long gap shows only the step that matters now, due at once', () => {
    const c = computeClock(paidOrder(), base, settings(), T0 + 50 * HOUR);
    expect(c.nextReminder).toEqual({ at: T0 + 24 * HOUR, step: 'payment_complaint', snooze: false });
    expect(c.nextReminderAt).toBe(T0 + 50 * HOUR);
    const shown = [...base, ev('reminder_shown', T0 + 50 * HOUR, { detail: 'payment_complaint' })];
    const after = computeClock(paidOrder(), shown, settings(), T0 + 50 * HOUR);
    expect(after.nextReminder?.step).toBe('regulator_complaint');
  });

  it('skips steps the user already did', () => {
    const events = [...base, ev('user_action', T0 + 5 * MIN, { action: 'contacted_support' })];
    const c = computeClock(paidOrder(), events, settings(), T0 + 6 * MIN);
    // 确认状态 was passed over by the earlier 联系客服, so the next reminder is the window's end.
    expect(c.nextReminder?.step).toBe('payment_complaint');
  });

  it('with notifications off there is no reminder, but the clock still wakes when the order turns overdue', () => {
    const c = computeClock(paidOrder(), base, settings({ notifications: false }), T0 + MIN);
    expect(c.nextReminder).toBeUndefined();
    expect(c.nextReminderAt).toBeUndefined();
    expect(c.nextWakeAt).toBe(T0 + 24 * HOUR);
  });

  it('a snooze brings back the current step before the next step is due', () => {
    const events = [...base, ev('reminder_shown', T0 + 30 * MIN, { detail: 'contact_support' })];
    const c = computeClock(paidOrder(), events, settings(), T0 + 31 * MIN, { snoozedUntil: T0 + 90 * MIN });
    expect(c.nextReminder).toEqual({ at: T0 + 90 * MIN, step: 'contact_support', snooze: true });
    // A snooze past the next step's time loses to that step.
    const late = computeClock(paidOrder(), events, settings(), T0 + 31 * MIN, { snoozedUntil: T0 + 30 * HOUR });
    expect(late.nextReminder).toMatchObject({ step: 'payment_complaint', snooze: false });
  });

  it('the test-only timeScale shrinks every duration', () => {
    const s = settings({ timeScale: 8640 }); // 24 h → 10 s
    const c = computeClock(paidOrder(), base, s, T0 + 11_000);
    expect(c.windowMs).toBe(10_000);
    expect(step(c, 'contact_support').at).toBe(T0 + (30 * MIN) / 8640);
    expect(step(c, 'regulator_complaint').at).toBe(T0 + 30_000);
    expect(c.overdue).toBe(true);
    expect(c.currentStep).toBe('payment_complaint');
  });
});

describe('determinism', () => {
  it('reads no clock: the same inputs give the same state whatever the system time', () => {
    const events = [seen('processing', T0), ev('reminder_shown', T0 + 10 * MIN, { detail: 'confirm_status' })];
    vi.useFakeTimers();
    vi.setSystemTime(T0);
    const a = computeClock(paidOrder(), events, settings(), T0 + 5 * HOUR);
    vi.setSystemTime(T0 + 400 * 24 * HOUR);
    const b = computeClock(paidOrder(), events, settings(), T0 + 5 * HOUR);
    expect(b).toEqual(a);
    expect(a.elapsedMs).toBe(5 * HOUR);
  });

  it('does not depend on the order of the events it is given', () => {
    const events = [
      seen('processing', T0),
      seen('delivered', T0 + HOUR),
      ev('user_action', T0 + 40 * MIN, { action: 'contacted_support' }),
    ];
    const a = computeClock(paidOrder(), events, settings(), T0 + 2 * HOUR);
    const b = computeClock(paidOrder(), events.toReversed(), settings(), T0 + 2 * HOUR);
    expect(b).toEqual(a);
  });
});
