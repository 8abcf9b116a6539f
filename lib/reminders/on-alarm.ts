import type { KamiGuardDb } from '@/lib/db/database';
import { appendEvent, getTimeline } from '@/lib/db/orders';
import { computeClock, type ClockState } from '@/lib/escalation/clock';
import type { EscalationSettings } from '@/lib/escalation/settings';
import type { StepId } from '@/lib/escalation/steps';
import type { ReminderBrowser } from './browser-api';
import { updateBadge } from './badge';
import { orderAlarmName, parseOrderName, REBUILD_ALARM } from './names';
import { reminderContent, showReminderNotification } from './notify';
import { rebuildAlarms, setOrderAlarm, type RebuildResult } from './schedule';
import { clearSnooze, getSnooze, loadEscalationSettings } from './store';

/** Options the background passes through. */
export interface ReminderOptions {
  /** Notification icon; defaults to /icon/128.png. */
  iconUrl?: string;
}

/** What one alarm did (for logging and tests). */
export interface AlarmOutcome {
  /** The order the alarm belonged to; undefined for alarms that are not ours. */
  orderId?: number;
  /** The reminder shown, if one was due. */
  shown?: { step: StepId; snooze: boolean; withButtons: boolean };
  /** When the order's alarm fires next; undefined when it was cleared. */
  nextAlarmAt?: number;
  /** Overdue orders after this alarm (the badge count). */
  overdue?: number;
  /** Set when this was the rebuild alarm. */
  rebuilt?: RebuildResult;
}

/** Never re-arm an alarm for a time already past: a logic slip must not become a tight alarm loop. */
const MIN_REARM_MS = 60_000;

/**
 * Handles one alarm. Everything is read from the database, never from memory, because the service worker may have
 * been restarted since the alarm was set. The reminder is recorded as a `reminder_shown` event in the same
 * transaction that decided to show it, so two alarms racing, or a restart, can never show it twice; the price is
 * that a worker killed between that commit and `notifications.create` loses one reminder (the badge still shows it).
 */
export async function onAlarm(
  db: KamiGuardDb,
  browser: ReminderBrowser,
  alarmName: string,
  now: number,
  options: ReminderOptions = {},
): Promise<AlarmOutcome> {
  if (alarmName === REBUILD_ALARM) return { rebuilt: await rebuildAlarms(db, browser, now) };
  const orderId = parseOrderName(alarmName);
  if (orderId === undefined) return {};

  const decided = await db.transaction('rw', [db.orders, db.events, db.evidence, db.kv], async () => {
    const order = await db.orders.get(orderId);
    if (!order) return undefined;
    const settings = await loadEscalationSettings(db);
    const events = await getTimeline(db, orderId);
    const evidenceKinds = (await db.evidence.where('orderId').equals(orderId).toArray()).map((e) => e.kind);
    let snoozedUntil = await getSnooze(db, orderId);
    const before = computeClock(order, events, settings, now, { snoozedUntil, evidenceKinds });

    const reminder = before.nextReminder;
    const due = reminder !== undefined && before.nextReminderAt !== undefined && before.nextReminderAt <= now;
    if (due) {
      const event = { orderId, kind: 'reminder_shown' as const, at: now, detail: reminder.step };
      await appendEvent(db, event);
      events.push(event);
    }
    // A shown reminder answers any snooze; a snooze that came due with nothing to show is simply spent.
    if (snoozedUntil !== undefined && (due || snoozedUntil <= now)) {
      await clearSnooze(db, orderId);
      snoozedUntil = undefined;
    }
    const after = computeClock(order, events, settings, now, { snoozedUntil, evidenceKinds });
    return { order, before, after, shown: due ? reminder : undefined, settings };
  });

  if (!decided) {
    await browser.alarms.clear(orderAlarmName(orderId));
    return { orderId, overdue: await updateBadge(db, browser, now) };
  }

  let shown: AlarmOutcome['shown'];
  if (decided.shown) {
    const content = reminderContent(browser, decided.order, decided.shown.step, decided.before.elapsedMs);
    const { withButtons } = await showReminderNotification(browser, orderId, content, options.iconUrl);
    shown = { step: decided.shown.step, snooze: decided.shown.snooze, withButtons };
  }
  const nextAlarmAt = await setOrderAlarm(browser, orderId, safeWake(decided.after, decided.settings, now), now);
  const overdue = await updateBadge(db, browser, now, decided.settings);
  return { orderId, shown, nextAlarmAt, overdue };
}

function safeWake(clock: ClockState, settings: EscalationSettings, now: number): number | undefined {
  const wake = clock.nextWakeAt;
  if (wake === undefined || wake > now) return wake;
  return now + Math.max(1_000, MIN_REARM_MS / settings.timeScale);
}
