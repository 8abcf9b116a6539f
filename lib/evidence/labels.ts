/**
 * Evidence-layer vocabularies as runtime data: every kind/status as a list (for validation) and zh_CN/en labels
 * (for the checklist, the report and UI that shows them).
 */
import type { EventKind, EvidenceKind, EvidenceRecord, OrderOutcome, UserAction } from '@/lib/db/types';
import { ORDER_STATUSES, type OrderStatus } from '@/lib/extract/types';

/** UI locales. */
export type Locale = 'zh_CN' | 'en';

/** A string in each UI locale. */
export type Localized = Record<Locale, string>;

/** Compile-time check that a runtime list names every member of a union (a new member fails the build here). */
type Covers<Union, List extends readonly unknown[]> = [Exclude<Union, List[number]>] extends [never] ? true : false;
type AssertTrue<T extends true> = T;

export const EVIDENCE_KINDS = [
  'order_page',
  'order_text',
  'order_source',
  'payment_receipt',
  'order_screenshot',
  'recipient_account',
  'support_chat',
  'other',
  'timestamp',
] as const satisfies readonly EvidenceKind[];

export const EVIDENCE_SOURCES = ['auto', 'manual', 'imported'] as const satisfies readonly EvidenceRecord['source'][];

export const EVENT_KINDS = [
  'first_seen',
  'status_changed',
  'card_keys_found',
  'payment_seen',
  'payment_page_seen',
  'payment_callback_suspected',
  'user_paid',
  'user_action',
  'reminder_shown',
  'draft_copied',
  'evidence_added',
  'resolved',
  'watch_notified',
] as const satisfies readonly EventKind[];

export const USER_ACTIONS = [
  'contacted_support',
  'complained',
  'received',
  'refunded',
  'gave_up',
  'step_done',
] as const satisfies readonly UserAction[];

export const ORDER_OUTCOMES = ['received', 'refunded', 'lost', 'abandoned'] as const satisfies readonly OrderOutcome[];

export { ORDER_STATUSES };

/** Compile-time check: the build fails here when a list above misses a member of its union type. */
export type VocabulariesComplete = AssertTrue<
  | Covers<EvidenceKind, typeof EVIDENCE_KINDS>
  | Covers<EvidenceRecord['source'], typeof EVIDENCE_SOURCES>
  | Covers<EventKind, typeof EVENT_KINDS>
  | Covers<UserAction, typeof USER_ACTIONS>
  | Covers<OrderOutcome, typeof ORDER_OUTCOMES>
>;

export const EVIDENCE_KIND_LABELS: Record<EvidenceKind, Localized> = {
  order_page: { zh_CN: '订单页面截图', en: 'Order page capture' },
  order_text: { zh_CN: '订单文字记录', en: 'Order text record' },
  order_source: { zh_CN: '后台检查取回的订单页原文', en: 'Order page as served to a background check' },
  payment_receipt: { zh_CN: '支付凭证', en: 'Payment receipt' },
  order_screenshot: { zh_CN: '订单截图', en: 'Order screenshot' },
  recipient_account: { zh_CN: '接收账号信息', en: 'Recipient account' },
  support_chat: { zh_CN: '客服聊天记录', en: 'Support chat' },
  other: { zh_CN: '其他', en: 'Other' },
  timestamp: { zh_CN: '可信时间戳', en: 'Trusted timestamp' },
};

export const EVIDENCE_SOURCE_LABELS: Record<EvidenceRecord['source'], Localized> = {
  auto: { zh_CN: '自动截取', en: 'automatic' },
  manual: { zh_CN: '手动截取', en: 'manual' },
  imported: { zh_CN: '导入文件', en: 'imported' },
};

export const EVENT_KIND_LABELS: Record<EventKind, Localized> = {
  first_seen: { zh_CN: '首次发现订单', en: 'Order first seen' },
  status_changed: { zh_CN: '状态变化', en: 'Status changed' },
  card_keys_found: { zh_CN: '发现卡密', en: 'Card keys found' },
  payment_seen: { zh_CN: '检测到支付成功', en: 'Payment success seen' },
  payment_page_seen: { zh_CN: '打开了支付页面', en: 'Payment page seen' },
  payment_callback_suspected: { zh_CN: '疑似支付回调失败', en: 'Payment callback failure suspected' },
  user_paid: { zh_CN: '用户确认已付款', en: 'User confirmed payment' },
  user_action: { zh_CN: '用户操作', en: 'User action' },
  reminder_shown: { zh_CN: '已提醒', en: 'Reminder shown' },
  draft_copied: { zh_CN: '已复制投诉草稿', en: 'Draft copied' },
  evidence_added: { zh_CN: '添加证据', en: 'Evidence added' },
  resolved: { zh_CN: '订单已了结', en: 'Resolved' },
  watch_notified: { zh_CN: '后台检查发现变化并已通知', en: 'Background check found a change' },
};

export const ORDER_STATUS_LABELS: Record<OrderStatus, Localized> = {
  pending_payment: { zh_CN: '待支付', en: 'Pending payment' },
  paid: { zh_CN: '已支付', en: 'Paid' },
  processing: { zh_CN: '处理中', en: 'Processing' },
  delivered: { zh_CN: '已发货', en: 'Delivered' },
  abnormal: { zh_CN: '异常', en: 'Abnormal' },
  out_of_stock: { zh_CN: '库存不足', en: 'Out of stock' },
  frozen: { zh_CN: '已冻结', en: 'Frozen' },
  refunded: { zh_CN: '已退款', en: 'Refunded' },
  closed: { zh_CN: '已关闭', en: 'Closed' },
  unknown: { zh_CN: '未知', en: 'Unknown' },
};

/** The checklist every order shows: which kinds of evidence a complaint needs. */
export type ChecklistItemId = 'payment_receipt' | 'order_screenshot' | 'recipient_account' | 'support_chat';

export interface ChecklistDefinition {
  id: ChecklistItemId;
  /** Evidence kinds that satisfy the item. */
  kinds: readonly EvidenceKind[];
  label: Localized;
}

export const EVIDENCE_CHECKLIST: readonly ChecklistDefinition[] = [
  { id: 'payment_receipt', kinds: ['payment_receipt'], label: EVIDENCE_KIND_LABELS.payment_receipt },
  // An automatic capture of the order page counts as an order screenshot.
  { id: 'order_screenshot', kinds: ['order_page', 'order_screenshot'], label: EVIDENCE_KIND_LABELS.order_screenshot },
  { id: 'recipient_account', kinds: ['recipient_account'], label: EVIDENCE_KIND_LABELS.recipient_account },
  { id: 'support_chat', kinds: ['support_chat'], label: EVIDENCE_KIND_LABELS.support_chat },
];
