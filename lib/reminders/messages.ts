/**
 * i18n messages used by lib/escalation (step names, action keys, advice) and lib/reminders (notifications), in
 * Chrome's messages.json format. The lead copies them into public/_locales/{zh_CN,en}/messages.json; until then
 * `translate` falls back to the zh_CN text here (zh_CN is the default locale).
 */

/** One entry of messages.json. */
export interface ChromeMessage {
  message: string;
  description?: string;
  placeholders?: Record<string, { content: string; example?: string }>;
}

/** Locales the extension ships. */
export type MessageLocale = 'zh_CN' | 'en';

const p = (content: string, example: string): { content: string; example: string } => ({ content, example });
const PRODUCT = { product: p('$1', 'QQ超级会员 1个月') };
const REMINDER = {
  elapsed: p('$1', '2小时30分钟'),
  order: p('$2', 'KG7Q2M9X4A1B3C5D'),
  shop: p('$3', 'shop.example.com'),
};

const zh_CN = {
  step_evidence: { message: '留证' },
  step_confirm_status: { message: '确认状态' },
  step_contact_support: { message: '联系客服' },
  step_payment_complaint: { message: '支付渠道投诉' },
  step_regulator_complaint: { message: '监管投诉' },
  step_review: { message: '复盘' },

  action_evidence: { message: '保存付款凭证（支付宝 / 微信账单详情截图）' },
  action_confirm_status: { message: '重新打开订单页，确认真实状态' },
  action_contact_support: { message: '复制话术，联系客服' },
  action_payment_complaint: { message: '向支付渠道投诉（支付宝 / 微信支付）' },
  action_regulator_complaint: { message: '向 12315 或黑猫投诉提交投诉' },
  action_review: { message: '记录结果' },
  action_wait: { message: '等待发货，到时会提醒你' },
  action_reorder: { message: '未检测到付款：如已付款请点“我已付款”，否则请重新下单' },
  action_none: { message: '已结束' },

  advice_reorder: { message: '这笔订单没有付款记录，无需维权；需要的话重新下单即可。' },
  advice_callback_failure: {
    message: '钱已付出，但商家页面仍显示未付款：多半是支付回调失败。联系客服时附上付款凭证和订单号。',
  },

  reminder_title_confirm_status: { message: '确认订单状态：$PRODUCT$', placeholders: PRODUCT },
  reminder_message_confirm_status: {
    message: '已付款 $ELAPSED$ 仍未发货（订单 $ORDER$）。请重新打开订单页确认状态；若显示待支付，多半是支付回调失败。',
    placeholders: REMINDER,
  },
  reminder_title_contact_support: { message: '该联系客服了：$PRODUCT$', placeholders: PRODUCT },
  reminder_message_contact_support: {
    message: '已付款 $ELAPSED$ 未收到卡密（订单 $ORDER$）。客服话术已备好，复制后发给 $SHOP$ 的客服。',
    placeholders: REMINDER,
  },
  reminder_title_payment_complaint: { message: '已超过承诺时限：$PRODUCT$', placeholders: PRODUCT },
  reminder_message_payment_complaint: {
    message: '已付款 $ELAPSED$ 仍未发货（订单 $ORDER$）。可以向支付宝 / 微信支付投诉，投诉文案已备好。',
    placeholders: REMINDER,
  },
  reminder_title_regulator_complaint: { message: '可以向监管投诉：$PRODUCT$', placeholders: PRODUCT },
  reminder_message_regulator_complaint: {
    message: '已付款 $ELAPSED$ 仍未解决（订单 $ORDER$）。可向 12315 或黑猫投诉提交投诉，文案已备好。',
    placeholders: REMINDER,
  },
  reminder_button_open: { message: '打开订单' },
  reminder_button_snooze: { message: '稍后提醒' },
} satisfies Record<string, ChromeMessage>;

/** Every message key lib/escalation and lib/reminders use. */
export type ReminderMessageKey = keyof typeof zh_CN;

const en: Record<ReminderMessageKey, ChromeMessage> = {
  step_evidence: { message: 'Evidence' },
  step_confirm_status: { message: 'Confirm status' },
  step_contact_support: { message: 'Contact support' },
  step_payment_complaint: { message: 'Payment complaint' },
  step_regulator_complaint: { message: 'Regulator complaint' },
  step_review: { message: 'Review' },

  action_evidence: { message: 'Save the payment receipt (Alipay / WeChat bill details)' },
  action_confirm_status: { message: 'Re-open the order page and check its real status' },
  action_contact_support: { message: 'Copy the message and contact support' },
  action_payment_complaint: { message: 'Complain to the payment channel (Alipay / WeChat Pay)' },
  action_regulator_complaint: { message: 'File a complaint with 12315 or Heimao Tousu' },
  action_review: { message: 'Record the outcome' },
  action_wait: { message: 'Waiting for delivery; you will be reminded' },
  action_reorder: { message: 'No payment seen: if you paid, press "I have paid"; otherwise order again' },
  action_none: { message: 'Finished' },

  advice_reorder: {
    message: 'No payment was recorded for this order, so there is nothing to claim; order again if needed.',
  },
  advice_callback_failure: {
    message:
      'The money left but the shop still shows the order unpaid: most likely a failed payment callback. Send support the receipt and the order number.',
  },

  reminder_title_confirm_status: { message: 'Check the order status: $PRODUCT$', placeholders: PRODUCT },
  reminder_message_confirm_status: {
    message:
      'Paid $ELAPSED$ ago and not delivered (order $ORDER$). Re-open the order page; if it says unpaid, the payment callback probably failed.',
    placeholders: REMINDER,
  },
  reminder_title_contact_support: { message: 'Time to contact support: $PRODUCT$', placeholders: PRODUCT },
  reminder_message_contact_support: {
    message: 'Paid $ELAPSED$ ago, no card key yet (order $ORDER$). A message for $SHOP$ support is ready to copy.',
    placeholders: REMINDER,
  },
  reminder_title_payment_complaint: { message: 'Promised delivery time passed: $PRODUCT$', placeholders: PRODUCT },
  reminder_message_payment_complaint: {
    message:
      'Paid $ELAPSED$ ago, still not delivered (order $ORDER$). You can complain to Alipay / WeChat Pay; the draft is ready.',
    placeholders: REMINDER,
  },
  reminder_title_regulator_complaint: { message: 'You can go to the regulator: $PRODUCT$', placeholders: PRODUCT },
  reminder_message_regulator_complaint: {
    message:
      'Paid $ELAPSED$ ago, still unresolved (order $ORDER$). You can file with 12315 or Heimao Tousu; the drafts are ready.',
    placeholders: REMINDER,
  },
  reminder_button_open: { message: 'Open order' },
  reminder_button_snooze: { message: 'Remind me later' },
};

/** The messages per locale, ready to merge into public/_locales/<locale>/messages.json. */
export const REMINDER_MESSAGES: Readonly<Record<MessageLocale, Record<ReminderMessageKey, ChromeMessage>>> = {
  zh_CN,
  en,
};

/**
 * Formats a message the way `i18n.getMessage` does: named placeholders ($NAME$, case-insensitive) become their
 * content, then $1..$9 become substitutions and "$$" becomes "$".
 */
export function formatMessage(msg: ChromeMessage, substitutions: string | readonly string[] = []): string {
  const subs = typeof substitutions === 'string' ? [substitutions] : substitutions;
  const named = new Map(Object.entries(msg.placeholders ?? {}).map(([k, v]) => [k.toLowerCase(), v.content]));
  const withNamed = msg.message.replace(
    /\$([a-zA-Z0-9_@]+)\$/g,
    (all, name: string) => named.get(name.toLowerCase()) ?? all,
  );
  return withNamed.replace(/\$(\$|[1-9])/g, (_all, d: string) => (d === '$' ? '$' : (subs[Number(d) - 1] ?? '')));
}
