import type { KamiGuardDb } from '@/lib/db/database';
import type { EscalationSettings } from '@/lib/escalation/settings';
import type { ReminderBrowser } from './browser-api';
import { loadClocks, type OrderClock } from './clocks';

/** Badge colour: a red that reads as "needs attention" on light and dark toolbars. */
const BADGE_COLOR = '#d93025';

let queue: Promise<unknown> = Promise.resolve();

/**
 * Runs work that reads the clocks and writes the badge one at a time, in call order. Without it a count read earlier
 * could land later: the rebuild that a waking worker starts reads the clocks just before the window ends, the alarm
 * that woke it writes "1", and the rebuild's stale "0" then hid the overdue order until the next alarm.
 */
export function withBadge<T>(work: () => Promise<T>): Promise<T> {
  const run = queue.then(work, work);
  queue = run.catch(() => undefined);
  return run;
}

/** Sets the toolbar badge to the number of overdue orders ('' when none) and returns that number. */
export function updateBadge(
  db: KamiGuardDb,
  browser: ReminderBrowser,
  now: number,
  settings?: EscalationSettings,
): Promise<number> {
  return withBadge(async () => badgeFromClocks(browser, await loadClocks(db, now, settings)));
}

/** Writes the count of overdue orders among `clocks` to the badge; call it inside `withBadge`. */
export async function badgeFromClocks(browser: ReminderBrowser, clocks: readonly OrderClock[]): Promise<number> {
  const overdue = clocks.filter((c) => c.urgency.overdue).length;
  await setBadgeCount(browser, overdue);
  return overdue;
}

/** Writes a count to the toolbar badge ('' for 0, which hides it). */
export async function setBadgeCount(browser: ReminderBrowser, count: number): Promise<void> {
  // MV3 has `action`; Firefox MV2 builds only `browserAction`.
  const badge = browser.action ?? browser.browserAction;
  if (!badge) return;
  await badge.setBadgeText({ text: count > 0 ? String(count) : '' });
  if (count > 0) await badge.setBadgeBackgroundColor({ color: BADGE_COLOR });
}
