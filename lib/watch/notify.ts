/**
 * Telling the buyer what a background check found: which change matters (pure), its words, and the notification with
 * 打开订单. Page text goes in as plain data: notifications render no markup.
 */
import type { EventRecord, OrderRecord } from '@/lib/db/types';
import { UNPAID_STATUSES, type OrderStatus } from '@/lib/extract/types';
import type { ReminderBrowser, ReminderNotificationOptions } from '@/lib/reminders/browser-api';
import { DEFAULT_ICON_URL } from '@/lib/reminders/notify';
import { WATCH_NOTIFICATION_PREFIX } from '@/lib/reminders/names';

/** What changed, most important first when several did at once. */
export type ChangeKind =
  /** A paid order now shows 待支付 or 已关闭: the shop lost the payment (usually a failed payment callback). */
  | 'unpaid'
  /** Card keys appeared. */
  | 'keys'
  /** The shop says delivered, without keys on the page. */
  | 'delivered'
  /** Any other status: 异常, 库存不足, 已冻结, 已退款, 处理中 … */
  | 'status';

export interface Change {
  kind: ChangeKind;
  status?: OrderStatus;
  previousStatus?: OrderStatus;
  /** New keys, for 'keys'. */
  keys?: number;
}

/**
 * The change worth telling, from the events one sighting appended; undefined when nothing is worth a notification
 * (no change, or a page read as 'unknown', which says nothing new to the buyer).
 */
export function detectChange(events: readonly EventRecord[]): Change | undefined {
  const status = events.find((e) => e.kind === 'status_changed');
  const keys = events.find((e) => e.kind === 'card_keys_found');
  const suspected = events.some((e) => e.kind === 'payment_callback_suspected');
  const base = { status: status?.status, previousStatus: status?.previousStatus };
  if (suspected || (status?.status && UNPAID_STATUSES.has(status.status))) return { kind: 'unpaid', ...base };
  if (keys) return { kind: 'keys', keys: Number(keys.detail) || undefined, ...base };
  if (!status?.status || status.status === 'unknown') return undefined;
  return { kind: status.status === 'delivered' ? 'delivered' : 'status', ...base };
}

/** Looks up a message (i18n.getMessage, or a stub in tests). */
export type Translate = (key: string, substitutions?: string[]) => string;

/** Longest product name in a title; shop pages carry arbitrarily long names. */
const MAX_LABEL = 40;

/** Title and text of the notification for a change. */
export function changeNotice(
  msg: Translate,
  order: Pick<OrderRecord, 'productName' | 'orderNo' | 'site' | 'status'>,
  change: Change,
): { title: string; message: string } {
  const name = (order.productName ?? order.orderNo).trim();
  const label = name.length > MAX_LABEL ? `${name.slice(0, MAX_LABEL - 1)}…` : name;
  const status = msg(`status_${change.status ?? order.status}`);
  const previous = change.previousStatus ? msg(`status_${change.previousStatus}`) : '';
  switch (change.kind) {
    case 'unpaid':
      return {
        title: msg('watch_notice_unpaid_title', [status]),
        message: msg('watch_notice_unpaid_message', [label, order.orderNo, order.site, status]),
      };
    case 'keys':
      return {
        title: msg('watch_notice_keys_title', [label]),
        message: msg('watch_notice_keys_message', [order.orderNo, order.site, String(change.keys ?? 1)]),
      };
    case 'delivered':
    case 'status':
      return {
        title: msg('watch_notice_status_title', [status, label]),
        message: msg('watch_notice_status_message', [order.orderNo, order.site, previous || '—', status]),
      };
  }
}

/** Notification id of an order's watch notice: apart from its reminder, so neither replaces the other on screen. */
export function watchNotificationId(orderId: number): string {
  return `${WATCH_NOTIFICATION_PREFIX}${orderId}`;
}

/**
 * Shows the notice with one button, 打开订单 (clicking the body does the same). Firefox rejects `buttons`: on any
 * error it is shown again with the basic fields only.
 */
export async function showChangeNotice(
  browser: Pick<ReminderBrowser, 'notifications'>,
  orderId: number,
  content: { title: string; message: string },
  openLabel: string,
  iconUrl: string = DEFAULT_ICON_URL,
): Promise<void> {
  const id = watchNotificationId(orderId);
  const basic: ReminderNotificationOptions = { type: 'basic', iconUrl, title: content.title, message: content.message };
  try {
    await browser.notifications.create(id, { ...basic, buttons: [{ title: openLabel }] });
  } catch {
    await browser.notifications.create(id, basic);
  }
}
