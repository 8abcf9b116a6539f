import type { OrderRecord } from '@/lib/db/types';
import { formatElapsed as formatDuration } from '@/lib/drafts/format';
import type { DraftLocale } from '@/lib/drafts/types';
import type { StepId } from '@/lib/escalation/steps';
import type { ReminderBrowser, ReminderNotificationOptions } from './browser-api';
import { formatMessage, REMINDER_MESSAGES, type ReminderMessageKey } from './messages';
import { orderNotificationId } from './names';

/** Default notification icon (WXT's public/icon/<size>.png convention); relative URLs resolve inside the extension. */
export const DEFAULT_ICON_URL = '/icon/128.png';

/** Longest product name shown in a notification title; shop pages can carry arbitrarily long names. */
const MAX_LABEL = 40;

/**
 * `i18n.getMessage` with a fallback to the bundled zh_CN text, so a notification is never blank: Chrome returns ''
 * for a key missing from _locales, and the test fake throws.
 */
export function translate(browser: ReminderBrowser, key: ReminderMessageKey, substitutions: string[] = []): string {
  let text = '';
  try {
    text = browser.i18n.getMessage(key, substitutions);
  } catch {
    text = '';
  }
  return text || formatMessage(REMINDER_MESSAGES.zh_CN[key], substitutions);
}

/** The browser's UI language as a drafts locale; zh_CN (the default locale) when it cannot be read. */
function uiLocaleOf(browser: ReminderBrowser): DraftLocale {
  try {
    return browser.i18n.getUILanguage?.().toLowerCase().startsWith('en') ? 'en' : 'zh_CN';
  } catch {
    return 'zh_CN';
  }
}

/** A duration as the user reads it: "2天5小时", "2小时30分钟", "25分钟" (or the English forms); the popup's wording. */
export function formatElapsed(browser: ReminderBrowser, ms: number): string {
  return formatDuration(Math.max(0, ms), uiLocaleOf(browser)) ?? '';
}

/** Title and text of a step's reminder. Page text goes in as plain data: notifications render no markup. */
export function reminderContent(
  browser: ReminderBrowser,
  order: Pick<OrderRecord, 'productName' | 'orderNo' | 'site'>,
  step: StepId,
  elapsedMs: number,
): { title: string; message: string } {
  const name = (order.productName ?? order.orderNo).trim();
  const label = name.length > MAX_LABEL ? `${name.slice(0, MAX_LABEL - 1)}…` : name;
  // Only notify steps have reminder texts; the others never reach here, but fall back to contact support.
  const key = step === 'evidence' || step === 'review' ? 'contact_support' : step;
  return {
    title: translate(browser, `reminder_title_${key}`, [label]),
    message: translate(browser, `reminder_message_${key}`, [
      formatElapsed(browser, elapsedMs),
      order.orderNo,
      order.site,
    ]),
  };
}

/**
 * Shows (or replaces) the order's notification. Chrome gets the two buttons 打开订单 / 稍后提醒; Firefox rejects
 * `buttons`, so on any error we try once more with the basic fields only. Returns whether the buttons were shown.
 */
export async function showReminderNotification(
  browser: ReminderBrowser,
  orderId: number,
  content: { title: string; message: string },
  iconUrl: string = DEFAULT_ICON_URL,
): Promise<{ withButtons: boolean }> {
  const id = orderNotificationId(orderId);
  const basic: ReminderNotificationOptions = { type: 'basic', iconUrl, title: content.title, message: content.message };
  try {
    await browser.notifications.create(id, {
      ...basic,
      buttons: [
        { title: translate(browser, 'reminder_button_open') },
        { title: translate(browser, 'reminder_button_snooze') },
      ],
    });
    return { withButtons: true };
  } catch {
    await browser.notifications.create(id, basic);
    return { withButtons: false };
  }
}
