/** Alarm and notification names. One alarm and at most one notification per order, both keyed by the order id. */

const ORDER_PREFIX = 'order:';

/** Alarm that re-runs `rebuildAlarms` when more orders need alarms than Chrome allows at once. */
export const REBUILD_ALARM = 'reminders:rebuild';

/** `order:<id>`: the order's alarm (and its notification id). */
export function orderAlarmName(orderId: number): string {
  return `${ORDER_PREFIX}${orderId}`;
}

/** Notification id of an order's reminder; a new reminder replaces the old one on screen. */
export const orderNotificationId = orderAlarmName;

/** The order id in an alarm or notification name, or undefined for names that are not ours. */
export function parseOrderName(name: string): number | undefined {
  if (!name.startsWith(ORDER_PREFIX)) return undefined;
  const rest = name.slice(ORDER_PREFIX.length);
  if (!/^\d{1,15}$/.test(rest)) return undefined;
  const id = Number(rest);
  return id > 0 ? id : undefined;
}

/** Prefix of a background check's notice (lib/watch): `watch:<order id>`, kept apart from the order's reminder. */
export const WATCH_NOTIFICATION_PREFIX = 'watch:';

/** The order a notification is about (a reminder or a watch notice), or undefined for ids that are not ours. */
export function parseNotificationOrder(id: string): number | undefined {
  return id.startsWith(WATCH_NOTIFICATION_PREFIX)
    ? parseOrderName(`${ORDER_PREFIX}${id.slice(WATCH_NOTIFICATION_PREFIX.length)}`)
    : parseOrderName(id);
}
