import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { browser } from 'wxt/browser';
import { appendEvent, getTimeline, upsertSighting, type KamiGuardDb } from '@/lib/db';
import { freshDb } from './fresh-db';
import type { OrderRecord } from '@/lib/db/types';
import type { ExtractedOrder, OrderStatus } from '@/lib/extract/types';
import {
  BUTTON_OPEN,
  BUTTON_SNOOZE,
  getSnooze,
  onAlarm,
  onNotificationButton,
  onNotificationClicked,
  orderAlarmName,
  REBUILD_ALARM,
  rebuildAlarms,
  rescheduleOrder,
  saveEscalationSettings,
  snoozeOrder,
  updateBadge,
  type ReminderBrowser,
} from '@/lib/reminders';
import { cloneDefaults } from '@/lib/escalation';

// Compile-time checks: the real WXT `browser` and the test fake both satisfy the slice lib/reminders uses.
const realFits: ReminderBrowser = browser;
const fakeFits: ReminderBrowser = fakeBrowser;
void realFits;
void fakeFits;

/** 2025-03-01 10:00 China time. */
const T0 = Date.parse('2025-03-01T10:00:00+08:00');
const MIN = 60_000;
const HOUR = 60 * MIN;

/** Stores an order as the content script would report it, paid at T0 unless overridden. */
async function addOrder(
  db: KamiGuardDb,
  orderNo: string,
  over: Partial<ExtractedOrder> = {},
  at: number = T0,
): Promise<number> {
  const order: ExtractedOrder = {
    platform: 'dujiaoka',
    orderNo,
    productName: 'QQ超级会员 1个月',
    amount: 29.9,
    paidAt: new Date(T0).toISOString(),
    status: 'processing',
    ...over,
  };
  const r = await upsertSighting(db, {
    order,
    site: 'shop.example.com',
    url: `https://shop.example.com/o/${orderNo}`,
    at,
  });
  return r.orderId;
}
async function sight(db: KamiGuardDb, orderNo: string, status: OrderStatus, at: number): Promise<void> {
  await addOrder(db, orderNo, { status }, at);
}

const alarms = async () =>
  Object.fromEntries((await fakeBrowser.alarms.getAll()).map((a) => [a.name, a.scheduledTime])) as Record<
    string,
    number
  >;
const notifications = () => fakeBrowser.notifications.getAllCreateOptions();
const badge = () => fakeBrowser.action.getBadgeText({});
const shownSteps = async (db: KamiGuardDb, id: number) =>
  (await getTimeline(db, id)).filter((e) => e.kind === 'reminder_shown').map((e) => e.detail);

describe('alarms', () => {
  it('one alarm per paid, undelivered order at its next reminder; none for unpaid or delivered orders', async () => {
    const db = freshDb();
    const paid = await addOrder(db, 'PAID1');
    const unpaid = await addOrder(db, 'UNPAID1', { status: 'pending_payment', paidAt: undefined });
    const delivered = await addOrder(db, 'DONE1', { status: 'delivered' });
    for (const id of [paid, unpaid, delivered]) await rescheduleOrder(db, fakeBrowser, id, T0 + MIN);
    expect(await alarms()).toEqual({ [orderAlarmName(paid)]: T0 + 10 * MIN });
  });

  it('fires through onAlarm: shows the due step once, records it, and schedules the next', async () => {
    const db = freshDb();
    const id = await addOrder(db, 'A1');
    await rescheduleOrder(db, fakeBrowser, id, T0);
    const create = vi.spyOn(fakeBrowser.notifications, 'create');
    fakeBrowser.alarms.onAlarm.addListener((alarm) => void onAlarm(db, fakeBrowser, alarm.name, T0 + 10 * MIN));

    await fakeBrowser.alarms.onAlarm.trigger({
      name: orderAlarmName(id),
      scheduledTime: T0 + 10 * MIN,
      persistAcrossSessions: false,
    });
    await vi.waitFor(() => expect(create).toHaveBeenCalledTimes(1));

    const shown = notifications()[orderAlarmName(id)]!;
    expect(shown.title).toBe('确认订单状态：QQ超级会员 1个月');
    expect(shown.message).toContain('已付款 10分钟');
    expect(shown.message).toContain('A1');
    expect(shown.buttons?.map((b) => b.title)).toEqual(['打开订单', '稍后提醒']);
    await vi.waitFor(async () => expect(await shownSteps(db, id)).toEqual(['confirm_status']));
    await vi.waitFor(async () => expect((await alarms())[orderAlarmName(id)]).toBe(T0 + 30 * MIN));
  });

  it('walks the ladder: each step reminded once, then the alarm is cleared', async () => {
    const db = freshDb();
    const id = await addOrder(db, 'A2');
    const name = orderAlarmName(id);
    const seen: string[] = [];
    for (const [at, step] of [
      [T0 + 10 * MIN, 'confirm_status'],
      [T0 + 30 * MIN, 'contact_support'],
      [T0 + 24 * HOUR, 'payment_complaint'],
      [T0 + 72 * HOUR, 'regulator_complaint'],
    ] as const) {
      const r = await onAlarm(db, fakeBrowser, name, at);
      expect(r.shown?.step).toBe(step);
      seen.push(r.shown!.step);
    }
    expect(seen).toHaveLength(4);
    expect(await shownSteps(db, id)).toEqual(seen);
    expect(await alarms()).toEqual({});
  });

  it('an alarm that fires early shows nothing and re-arms for the right time', async () => {
    const db = freshDb();
    const id = await addOrder(db, 'A3');
    const r = await onAlarm(db, fakeBrowser, orderAlarmName(id), T0 + 5 * MIN);
    expect(r.shown).toBeUndefined();
    expect(notifications()).toEqual({});
    expect((await alarms())[orderAlarmName(id)]).toBe(T0 + 10 * MIN);
  });

  it('ignores alarms that are not ours and clears the alarm of a deleted order', async () => {
    const db = freshDb();
    expect(await onAlarm(db, fakeBrowser, 'someone-else', T0)).toEqual({});
    await fakeBrowser.alarms.create('order:77', { when: T0 });
    const r = await onAlarm(db, fakeBrowser, 'order:77', T0);
    expect(r.orderId).toBe(77);
    expect(r.shown).toBeUndefined();
    expect(await alarms()).toEqual({});
  });

  it('rebuilds all alarms from the database after they were lost, and clears stale ones', async () => {
    const db = freshDb();
    const a = await addOrder(db, 'R1');
    const b = await addOrder(db, 'R2', {}, T0);
    await appendEvent(db, { orderId: b, kind: 'reminder_shown', at: T0 + 10 * MIN, detail: 'confirm_status' });
    const done = await addOrder(db, 'R3');
    await sight(db, 'R3', 'delivered', T0 + 2 * MIN);
    for (const id of [a, b, done]) await rescheduleOrder(db, fakeBrowser, id, T0 + 3 * MIN);

    await fakeBrowser.alarms.clearAll(); // a browser restart drops alarms
    await fakeBrowser.alarms.create('order:999', { when: T0 }); // left over from a deleted order
    await fakeBrowser.alarms.create('other-feature', { when: T0 + HOUR }); // not ours: kept
    const result = await rebuildAlarms(db, fakeBrowser, T0 + 11 * MIN);

    expect(result).toMatchObject({ scheduled: 2, cleared: 1, deferred: 0, overdue: 0 });
    expect(await alarms()).toEqual({
      [orderAlarmName(a)]: T0 + 11 * MIN, // its 确认状态 reminder is due and was never shown: fire at once
      [orderAlarmName(b)]: T0 + 30 * MIN,
      'other-feature': T0 + HOUR,
    });
  });

  it('shows no duplicate reminder after a restart (fresh browser state, same database)', async () => {
    const db = freshDb();
    const id = await addOrder(db, 'D1');
    const first = await onAlarm(db, fakeBrowser, orderAlarmName(id), T0 + 10 * MIN);
    expect(first.shown?.step).toBe('confirm_status');

    // Restart: the fake browser loses alarms, notifications and listeners; only the database remains.
    fakeBrowser.reset();
    const create = vi.spyOn(fakeBrowser.notifications, 'create');
    await rebuildAlarms(db, fakeBrowser, T0 + 12 * MIN);
    expect((await alarms())[orderAlarmName(id)]).toBe(T0 + 30 * MIN);
    // The old alarm firing late (Chrome delivers missed alarms after start-up) must not repeat the reminder.
    const late = await onAlarm(db, fakeBrowser, orderAlarmName(id), T0 + 12 * MIN);
    expect(late.shown).toBeUndefined();
    expect(create).not.toHaveBeenCalled();
    expect(await shownSteps(db, id)).toEqual(['confirm_status']);
  });

  it('two alarms racing for the same order show the reminder once', async () => {
    const db = freshDb();
    const id = await addOrder(db, 'D2');
    const results = await Promise.all([
      onAlarm(db, fakeBrowser, orderAlarmName(id), T0 + 31 * MIN),
      onAlarm(db, fakeBrowser, orderAlarmName(id), T0 + 31 * MIN),
    ]);
    expect(results.filter((r) => r.shown).map((r) => r.shown!.step)).toEqual(['contact_support']);
    expect(await shownSteps(db, id)).toEqual(['contact_support']);
  });

  it('a delivery stops the reminders: the next alarm shows nothing and is cleared', async () => {
    const db = freshDb();
    const id = await addOrder(db, 'S1');
    await rescheduleOrder(db, fakeBrowser, id, T0);
    await sight(db, 'S1', 'delivered', T0 + 5 * MIN);
    await rescheduleOrder(db, fakeBrowser, id, T0 + 5 * MIN);
    expect(await alarms()).toEqual({});
    const r = await onAlarm(db, fakeBrowser, orderAlarmName(id), T0 + 10 * MIN);
    expect(r.shown).toBeUndefined();
  });

  it('delays a reminder that falls in quiet hours', async () => {
    const db = freshDb();
    await saveEscalationSettings(db, {
      ...cloneDefaults(),
      quietHours: { enabled: true, startHour: 23, endHour: 8, utcOffsetMinutes: 480 },
    });
    const paidAt = Date.parse('2025-03-01T22:45:00+08:00');
    const id = await addOrder(db, 'Q1', { paidAt: new Date(paidAt).toISOString() }, paidAt);
    // 确认状态 at 22:55 is outside the quiet period; 联系客服 at 23:15 is inside it.
    expect((await onAlarm(db, fakeBrowser, orderAlarmName(id), paidAt + 10 * MIN)).shown?.step).toBe('confirm_status');
    expect((await alarms())[orderAlarmName(id)]).toBe(Date.parse('2025-03-02T08:00:00+08:00'));
    const atNight = await onAlarm(db, fakeBrowser, orderAlarmName(id), paidAt + 40 * MIN);
    expect(atNight.shown).toBeUndefined();
    const morning = await onAlarm(db, fakeBrowser, orderAlarmName(id), Date.parse('2025-03-02T08:00:00+08:00'));
    expect(morning.shown?.step).toBe('contact_support');
  });

  it('the test-only timeScale gives an order a window of seconds', async () => {
    const db = freshDb();
    await saveEscalationSettings(db, { ...cloneDefaults(), timeScale: 8640 }); // 24 h → 10 s
    const id = await addOrder(db, 'E2E1');
    const r = await onAlarm(db, fakeBrowser, orderAlarmName(id), T0 + 10_000);
    expect(r.shown?.step).toBe('payment_complaint');
    // Exactly at the window's end: the complaint is shown and the badge counts the order at once, not at the next alarm.
    expect(r.overdue).toBe(1);
    expect((await alarms())[orderAlarmName(id)]).toBe(T0 + 30_000); // 监管投诉 at window + 48 h → 10 s + 20 s
    expect(await updateBadge(db, fakeBrowser, T0 + 10_001)).toBe(1);
  });

  it('a badge count read earlier never lands after one read later', async () => {
    const db = freshDb();
    await saveEscalationSettings(db, { ...cloneDefaults(), timeScale: 8640 });
    const id = await addOrder(db, 'E2E2');
    // A waking worker's rebuild (just before the window's end) and the alarm that woke it (at the end) race; the
    // rebuild is the slow one, as on a loaded machine: its alarm listing takes 50 ms after it read the clocks.
    const slow = {
      ...fakeBrowser,
      alarms: {
        ...fakeBrowser.alarms,
        getAll: async () => {
          await new Promise((r) => setTimeout(r, 50));
          return fakeBrowser.alarms.getAll();
        },
      },
    } as unknown as typeof fakeBrowser;
    const rebuild = rebuildAlarms(db, slow, T0 + 9_990);
    const alarm = onAlarm(db, fakeBrowser, orderAlarmName(id), T0 + 10_000);
    expect((await rebuild).overdue).toBe(0);
    expect((await alarm).overdue).toBe(1);
    expect(await fakeBrowser.action.getBadgeText({})).toBe('1');
  });
});

describe('notifications', () => {
  it('falls back to a basic notification where buttons are not supported (Firefox)', async () => {
    const db = freshDb();
    const id = await addOrder(db, 'F1');
    const calls: string[] = [];
    const firefox: ReminderBrowser = {
      ...fakeBrowser,
      notifications: {
        create: async (nid, options) => {
          calls.push(options.buttons ? 'with buttons' : 'basic');
          if (options.buttons) throw new Error('Type error for parameter options: Unexpected property "buttons"');
          return fakeBrowser.notifications.create(nid, options);
        },
        clear: (nid) => fakeBrowser.notifications.clear(nid),
      },
    };
    const r = await onAlarm(db, firefox, orderAlarmName(id), T0 + 10 * MIN);
    expect(r.shown).toEqual({ step: 'confirm_status', snooze: false, withButtons: false });
    expect(calls).toEqual(['with buttons', 'basic']);
    const shown = notifications()[orderAlarmName(id)]!;
    expect(shown.buttons).toBeUndefined();
    expect(shown.title).toContain('QQ超级会员');
  });

  it('takes its texts from i18n.getMessage with the order facts as substitutions', async () => {
    const db = freshDb();
    const id = await addOrder(db, 'I1', { productName: 'x'.repeat(60) });
    vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation(
      (key: string, subs?: string | (string | number)[]) => `${key}[${[subs ?? []].flat().join('|')}]`,
    );
    await onAlarm(db, fakeBrowser, orderAlarmName(id), T0 + 2 * HOUR + 5 * MIN);
    const shown = notifications()[orderAlarmName(id)]!;
    // Long product names are cut to 40 characters.
    expect(shown.title).toBe(`reminder_title_contact_support[${'x'.repeat(39)}…]`);
    expect(shown.message).toBe('reminder_message_contact_support[2小时5分钟|I1|shop.example.com]');
    expect(shown.buttons?.map((b) => b.title)).toEqual(['reminder_button_open[]', 'reminder_button_snooze[]']);
  });

  it('snooze (button 1) brings the current step back after the snooze time, once', async () => {
    const db = freshDb();
    const id = await addOrder(db, 'N1');
    const name = orderAlarmName(id);
    expect((await onAlarm(db, fakeBrowser, name, T0 + 30 * MIN)).shown?.step).toBe('contact_support');

    const r = await onNotificationButton(db, fakeBrowser, name, BUTTON_SNOOZE, T0 + 31 * MIN);
    expect(r).toEqual({ snoozedUntil: T0 + 91 * MIN });
    expect(notifications()).toEqual({});
    expect(await getSnooze(db, id)).toBe(T0 + 91 * MIN);
    expect((await alarms())[name]).toBe(T0 + 91 * MIN);
    // The snooze lives in the database: a restart's rebuild keeps it.
    await fakeBrowser.alarms.clearAll();
    await rebuildAlarms(db, fakeBrowser, T0 + 40 * MIN);
    expect((await alarms())[name]).toBe(T0 + 91 * MIN);

    const back = await onAlarm(db, fakeBrowser, name, T0 + 91 * MIN);
    expect(back.shown).toEqual({ step: 'contact_support', snooze: true, withButtons: true });
    expect(await getSnooze(db, id)).toBeUndefined();
    expect((await alarms())[name]).toBe(T0 + 24 * HOUR);
    const again = await onAlarm(db, fakeBrowser, name, T0 + 92 * MIN);
    expect(again.shown).toBeUndefined();
  });

  it('a snooze that comes due after the user acted shows nothing and is dropped', async () => {
    const db = freshDb();
    const id = await addOrder(db, 'N2');
    await onAlarm(db, fakeBrowser, orderAlarmName(id), T0 + 30 * MIN);
    await snoozeOrder(db, fakeBrowser, id, T0 + 31 * MIN);
    await appendEvent(db, { orderId: id, kind: 'user_action', action: 'contacted_support', at: T0 + 40 * MIN });
    const r = await onAlarm(db, fakeBrowser, orderAlarmName(id), T0 + 91 * MIN);
    expect(r.shown).toBeUndefined();
    expect(await getSnooze(db, id)).toBeUndefined();
    expect((await alarms())[orderAlarmName(id)]).toBe(T0 + 24 * HOUR);
  });

  it('button 0 and a click on the body ask to open the order', async () => {
    const db = freshDb();
    const id = await addOrder(db, 'O1');
    await onAlarm(db, fakeBrowser, orderAlarmName(id), T0 + 10 * MIN);
    expect(await onNotificationButton(db, fakeBrowser, orderAlarmName(id), BUTTON_OPEN, T0 + 11 * MIN)).toEqual({
      openOrderId: id,
    });
    expect(notifications()).toEqual({});
    expect(await onNotificationClicked(fakeBrowser, orderAlarmName(id))).toEqual({ openOrderId: id });
    expect(await onNotificationClicked(fakeBrowser, 'not-ours')).toEqual({});
  });
});

describe('badge', () => {
  it('counts overdue orders, and clears when they are delivered', async () => {
    const db = freshDb();
    await addOrder(db, 'B1'); // paid T0
    await addOrder(db, 'B2'); // paid T0
    await addOrder(db, 'B3', { paidAt: new Date(T0 + 20 * HOUR).toISOString() }); // running, not overdue
    await addOrder(db, 'B4', { status: 'delivered' });
    await addOrder(db, 'B5', { status: 'pending_payment', paidAt: undefined });
    const now = T0 + 25 * HOUR;
    expect(await updateBadge(db, fakeBrowser, now)).toBe(2);
    expect(await badge()).toBe('2');

    await sight(db, 'B1', 'delivered', now);
    expect(await updateBadge(db, fakeBrowser, now + MIN)).toBe(1);
    expect(await badge()).toBe('1');

    await sight(db, 'B2', 'refunded', now + MIN);
    expect(await updateBadge(db, fakeBrowser, now + 2 * MIN)).toBe(0);
    expect(await badge()).toBe('');
  });

  it('with notifications off, the alarm still wakes at the window end to raise the badge', async () => {
    const db = freshDb();
    await saveEscalationSettings(db, { ...cloneDefaults(), notifications: false });
    const id = await addOrder(db, 'B6');
    await rescheduleOrder(db, fakeBrowser, id, T0);
    expect((await alarms())[orderAlarmName(id)]).toBe(T0 + 24 * HOUR);
    const r = await onAlarm(db, fakeBrowser, orderAlarmName(id), T0 + 24 * HOUR + 1);
    expect(r.shown).toBeUndefined();
    expect(r.overdue).toBe(1);
    expect(await badge()).toBe('1');
    expect(await alarms()).toEqual({});
  });

  it('uses browserAction where there is no action (Firefox MV2)', async () => {
    const db = freshDb();
    await addOrder(db, 'B7');
    const texts: string[] = [];
    const mv2: ReminderBrowser = {
      ...fakeBrowser,
      action: undefined,
      browserAction: { setBadgeText: ({ text }) => void texts.push(text), setBadgeBackgroundColor: () => {} },
    };
    expect(await updateBadge(db, mv2, T0 + 30 * HOUR)).toBe(1);
    expect(texts).toEqual(['1']);
  });
});

describe('alarm limit', () => {
  it('keeps the earliest alarms under the cap and sets a rebuild alarm for the rest', async () => {
    const db = freshDb();
    const { MAX_ORDER_ALARMS } = await import('@/lib/reminders');
    const base: Omit<OrderRecord, 'orderNo'> = {
      platform: 'generic',
      status: 'processing',
      site: 'shop.example.com',
      url: 'https://shop.example.com/',
      urls: [],
      firstSeenAt: T0,
      lastSeenAt: T0,
    };
    // Order i was paid i seconds after T0, so its 确认状态 reminder comes i seconds after T0 + 10 min.
    await db.orders.bulkAdd(
      Array.from({ length: MAX_ORDER_ALARMS + 3 }, (_, i) => ({
        ...base,
        orderNo: `L${i}`,
        paidAt: new Date(T0 + i * 1000).toISOString(),
      })),
    );
    const r = await rebuildAlarms(db, fakeBrowser, T0);
    expect(r).toMatchObject({ scheduled: MAX_ORDER_ALARMS, deferred: 3 });
    const all = await alarms();
    expect(Object.keys(all)).toHaveLength(MAX_ORDER_ALARMS + 1);
    expect(all[REBUILD_ALARM]).toBe(T0 + 10 * MIN + MAX_ORDER_ALARMS * 1000);
    const rebuilt = await onAlarm(db, fakeBrowser, REBUILD_ALARM, T0 + 10 * MIN + MAX_ORDER_ALARMS * 1000);
    expect(rebuilt.rebuilt?.scheduled).toBe(MAX_ORDER_ALARMS);
  });
});
