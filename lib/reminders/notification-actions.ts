import type { KamiGuardDb } from '@/lib/db/database';
import { scaledMs } from '@/lib/escalation/ladder';
import { deferPastQuietHours } from '@/lib/escalation/quiet-hours';
import type { ReminderBrowser } from './browser-api';
import { parseNotificationOrder } from './names';
import { rescheduleOrder } from './schedule';
import { loadEscalationSettings, setSnooze } from './store';

/** Index of the 打开订单 button. */
export const BUTTON_OPEN = 0;
/** Index of the 稍后提醒 button. */
export const BUTTON_SNOOZE = 1;

/** What the background should do after a notification interaction. */
export interface NotificationResult {
  /** Open this order (in the popup/options page: the lead decides how). */
  openOrderId?: number;
  /** The reminder will come back at this time. */
  snoozedUntil?: number;
}

/**
 * Snoozes an order's reminder by the configured minutes (quiet hours respected), stores the snooze in the
 * database, and re-arms the order's alarm. Returns the time the reminder comes back.
 */
export async function snoozeOrder(
  db: KamiGuardDb,
  browser: ReminderBrowser,
  orderId: number,
  now: number,
): Promise<number> {
  const settings = await loadEscalationSettings(db);
  const until = deferPastQuietHours(now + scaledMs(settings.snoozeMinutes, settings), settings.quietHours);
  await setSnooze(db, orderId, until);
  await rescheduleOrder(db, browser, orderId, now);
  return until;
}

/**
 * `notifications.onButtonClicked`: button 0 opens the order, button 1 snoozes it (a watch notice has only button 0).
 * The notification is closed.
 */
export async function onNotificationButton(
  db: KamiGuardDb,
  browser: ReminderBrowser,
  notificationId: string,
  buttonIndex: number,
  now: number,
): Promise<NotificationResult> {
  const orderId = parseNotificationOrder(notificationId);
  if (orderId === undefined) return {};
  await browser.notifications.clear(notificationId);
  if (buttonIndex === BUTTON_SNOOZE) return { snoozedUntil: await snoozeOrder(db, browser, orderId, now) };
  return { openOrderId: orderId };
}

/** `notifications.onClicked` (the body; also the only action on Firefox): open the order. */
export async function onNotificationClicked(
  browser: ReminderBrowser,
  notificationId: string,
): Promise<NotificationResult> {
  const orderId = parseNotificationOrder(notificationId);
  if (orderId === undefined) return {};
  await browser.notifications.clear(notificationId);
  return { openOrderId: orderId };
}
