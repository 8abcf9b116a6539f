import type { KamiGuardDb } from '@/lib/db/database';
import type { EscalationSettings } from '@/lib/escalation/settings';
import type { ReminderBrowser } from './browser-api';
import { loadClocks } from './clocks';

/** Badge colour: a red that reads as "needs attention" on light and dark toolbars. */
const BADGE_COLOR = '#d93025';

/** Sets the toolbar badge to the number of overdue orders ('' when none) and returns that number. */
export async function updateBadge(
  db: KamiGuardDb,
  browser: ReminderBrowser,
  now: number,
  settings?: EscalationSettings,
): Promise<number> {
  const clocks = await loadClocks(db, now, settings);
  const overdue = clocks.filter((c) => c.clock.overdue).length;
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
