import type { KamiGuardDb } from '@/lib/db/database';
import type { ReminderBrowser } from './browser-api';
import { badgeFromClocks, updateBadge, withBadge } from './badge';
import { loadClocks, loadOrderClock } from './clocks';
import { orderAlarmName, parseOrderName, REBUILD_ALARM } from './names';
import { loadEscalationSettings } from './store';

/** Chrome allows 500 active alarms per extension (Chrome 117+); keep room for other features. */
export const MAX_ORDER_ALARMS = 400;

/** Creates, moves or clears one order's alarm. Returns the alarm time, or undefined when cleared. */
export async function setOrderAlarm(
  browser: ReminderBrowser,
  orderId: number,
  wakeAt: number | undefined,
  now: number,
): Promise<number | undefined> {
  const name = orderAlarmName(orderId);
  if (wakeAt === undefined) {
    await browser.alarms.clear(name);
    return undefined;
  }
  // A wake time already past still needs its alarm: it fires at once (packed Chrome builds: after ≥ 30 s).
  const when = Math.max(wakeAt, now);
  await browser.alarms.create(name, { when });
  return when;
}

/**
 * Re-reads one order and moves its alarm and the badge to match. The lead calls this after anything that changes
 * an order's clock: a sighting, "I have paid", a step marked done, a window set, a resolution.
 */
export async function rescheduleOrder(
  db: KamiGuardDb,
  browser: ReminderBrowser,
  orderId: number,
  now: number,
): Promise<{ nextAlarmAt?: number; overdue: number }> {
  const settings = await loadEscalationSettings(db);
  const entry = await loadOrderClock(db, orderId, now, settings);
  const nextAlarmAt = await setOrderAlarm(browser, orderId, entry?.clock.nextWakeAt, now);
  const overdue = await updateBadge(db, browser, now, settings);
  return { nextAlarmAt, overdue };
}

/** What a rebuild did. */
export interface RebuildResult {
  /** Orders that now have an alarm. */
  scheduled: number;
  /** Alarms removed because their order no longer needs one (or no longer exists). */
  cleared: number;
  /** Orders that need an alarm but did not get one (over `MAX_ORDER_ALARMS`); a rebuild alarm covers them. */
  deferred: number;
  /** Overdue orders, as now shown on the badge. */
  overdue: number;
}

/**
 * Recreates every order alarm from the database and clears stale ones. Run at install, browser start-up and every
 * service-worker start: Chrome may drop alarms across restarts, and nothing about reminders lives in memory.
 */
export function rebuildAlarms(db: KamiGuardDb, browser: ReminderBrowser, now: number): Promise<RebuildResult> {
  // Inside the badge queue: the clocks read here end on the badge, and must not land after a newer count.
  return withBadge(() => rebuild(db, browser, now));
}

async function rebuild(db: KamiGuardDb, browser: ReminderBrowser, now: number): Promise<RebuildResult> {
  const clocks = await loadClocks(db, now);
  const wanted = clocks
    .filter((c) => c.clock.nextWakeAt !== undefined)
    .toSorted((a, b) => a.clock.nextWakeAt! - b.clock.nextWakeAt! || a.order.id - b.order.id);
  const keep = wanted.slice(0, MAX_ORDER_ALARMS);
  const deferred = wanted.slice(MAX_ORDER_ALARMS);
  const keepNames = new Set(keep.map((c) => orderAlarmName(c.order.id)));

  let cleared = 0;
  for (const alarm of await browser.alarms.getAll()) {
    const ours = parseOrderName(alarm.name) !== undefined || alarm.name === REBUILD_ALARM;
    if (ours && !keepNames.has(alarm.name)) {
      await browser.alarms.clear(alarm.name);
      if (alarm.name !== REBUILD_ALARM) cleared++;
    }
  }
  for (const c of keep) await setOrderAlarm(browser, c.order.id, c.clock.nextWakeAt, now);
  // The kept alarms are the earliest; the first deferred wake is when the next rebuild must run.
  const firstDeferred = deferred[0]?.clock.nextWakeAt;
  if (firstDeferred !== undefined) await browser.alarms.create(REBUILD_ALARM, { when: Math.max(firstDeferred, now) });

  const overdue = await badgeFromClocks(browser, clocks);
  return { scheduled: keep.length, cleared, deferred: deferred.length, overdue };
}
