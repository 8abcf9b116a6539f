/**
 * The shared vocabulary of drafts, per locale: labels, status names, timeline and evidence lines, citations.
 * Channel-specific sentences live in each channel's builder. Every function takes already cleaned and formatted
 * strings; none of them prints a missing value (callers leave a fact out instead).
 */
import type { EvidenceKind } from '@/lib/db/types';
import type { OrderStatus } from '@/lib/extract/types';
import type { DraftLocale } from './types';

/** Payment channels a complaint can go to ('crypto' has none: the buyer goes to 12315 / 黑猫 instead). */
export type PayChannel = 'alipay' | 'wechat' | 'qq' | 'crypto';

/** Labels of order facts. */
export interface FactLabels {
  orderNo: string;
  shop: string;
  site: string;
  product: string;
  amount: string;
  payMethod: string;
  paidAt: string;
  orderedAt: string;
  waited: string;
  status: string;
  recipient: string;
  shopContact: string;
  company: string;
  key: string;
  deliveredAt: string;
  redemption: string;
  /** Where the order's facts come from (shown for an order the buyer entered by hand). */
  source: string;
  host: string;
  icp: string;
}

/** Section headings. */
export interface Headings {
  order: string;
  timeline: string;
  done: string;
  evidence: string;
  ask: string;
  reference: string;
}

/** The vocabulary of one locale. */
export interface Phrases {
  /** Separator between sentences of one paragraph. */
  sentenceSep: string;
  status: Record<OrderStatus, string>;
  evidenceKind: Record<EvidenceKind, string>;
  payChannel: Record<PayChannel, string>;
  /** Where the buyer escalates after the deadline, by payment channel ('none' = channel unknown). */
  escalation: Record<PayChannel | 'none', string>;
  label: FactLabels;
  heading: Headings;
  /** "label：value". */
  kv: (label: string, value: string) => string;
  /** A section heading line. */
  head: (text: string) => string;
  /** Text in brackets, appended to something before it. */
  paren: (text: string) => string;
  quote: (text: string) => string;
  /** Status name with the page's own wording when that differs. */
  statusWithRaw: (label: string | undefined, raw: string | undefined) => string | undefined;
  shop: (name: string | undefined, site: string | undefined) => string | undefined;
  product: (name: string, quantity: number | undefined) => string;
  waited: (elapsed: string, window: string | undefined, overdueBy: string | undefined) => string;
  timeline: {
    ordered: string;
    paid: string;
    paymentSeen: string;
    userPaid: string;
    callbackSuspected: string;
    keysFound: string;
    /** The first record of an order the buyer entered by hand (no shop page showed it then). */
    enteredByBuyer: string;
    firstSeen: (status: string | undefined) => string;
    statusChanged: (status: string) => string;
  };
  /** "time text". */
  timed: (time: string, text: string) => string;
  done: {
    contactedSupport: string;
    complained: (target: string | undefined) => string;
    received: string;
    refunded: string;
    stepDone: (step: string) => string;
    draftCopied: (channelLabel: string) => string;
  };
  /** Names of ladder steps that a `step_done` event may carry in its detail. */
  steps: Record<string, string>;
  evidenceLine: (kind: string, time: string | undefined, hash: string | undefined, note: string | undefined) => string;
  /** Note for lines left out to fit a limit. */
  more: (omitted: number) => string;
  /** Numbered list item. */
  numbered: (n: number, text: string) => string;
  citeNotDelivered: string;
  citeInvalidKey: string;
  /** Citation and disclaimer in one line, for short fields. */
  citeShort: string;
  disclaimer: string;
  /** The value of `label.source` for an order the buyer entered by hand. */
  enteredByBuyer: string;
}

const ZH: Phrases = {
  sentenceSep: '',
  status: {
    pending_payment: '待支付',
    paid: '已支付',
    processing: '处理中',
    delivered: '已发货',
    abnormal: '异常',
    out_of_stock: '库存不足',
    frozen: '已冻结',
    refunded: '已退款',
    closed: '已关闭',
    unknown: '状态未知',
  },
  evidenceKind: {
    order_page: '订单页存档',
    order_text: '订单页文字',
    order_source: '订单页原文（商家返回的网页）',
    payment_receipt: '付款凭证（账单详情）',
    order_screenshot: '订单页截图',
    recipient_account: '收货账号截图',
    support_chat: '客服聊天记录',
    other: '其他材料',
    timestamp: '可信时间戳（独立时间戳机构签发）',
  },
  payChannel: { alipay: '支付宝', wechat: '微信支付', qq: 'QQ钱包', crypto: '加密货币' },
  escalation: {
    alipay: '向支付宝提交交易投诉',
    wechat: '向微信支付提交投诉',
    qq: '向QQ钱包提交投诉',
    crypto: '向12315和黑猫投诉反映',
    none: '向支付渠道提交交易投诉',
  },
  label: {
    orderNo: '订单号',
    shop: '商家',
    site: '网址',
    product: '商品',
    amount: '金额',
    payMethod: '支付方式',
    paidAt: '支付时间',
    orderedAt: '下单时间',
    waited: '付款至今',
    status: '订单状态',
    recipient: '收货账号',
    shopContact: '商家联系方式',
    company: '经营者',
    key: '卡密',
    deliveredAt: '发卡时间',
    redemption: '兑换提示',
    source: '订单信息来源',
    host: '域名',
    icp: 'ICP备案号',
  },
  heading: {
    order: '订单信息',
    timeline: '经过',
    done: '已采取的措施',
    evidence: '证据清单',
    ask: '我的要求',
    reference: '参考',
  },
  kv: (label, value) => `${label}：${value}`,
  head: (text) => `【${text}】`,
  paren: (text) => `（${text}）`,
  quote: (text) => `“${text}”`,
  statusWithRaw: (label, raw) => {
    if (raw && label && raw !== label) return `${label}（页面显示“${raw}”）`;
    return label ?? (raw ? `“${raw}”` : undefined);
  },
  shop: (name, site) => (name && site && name !== site ? `${name}（${site}）` : (name ?? site)),
  product: (name, quantity) => (quantity && quantity > 1 ? `${name} × ${quantity}` : name),
  waited: (elapsed, window, overdueBy) => {
    if (window && overdueBy) return `${elapsed}（承诺 ${window} 内发货，已超时 ${overdueBy}）`;
    if (window) return `${elapsed}（承诺 ${window} 内发货）`;
    return elapsed;
  },
  timeline: {
    ordered: '下单',
    paid: '支付成功',
    paymentSeen: '出现支付成功页面',
    userPaid: '确认已付款',
    callbackSuspected: '已付款但订单仍显示待支付（疑似支付回调失败）',
    keysFound: '订单页出现卡密',
    enteredByBuyer: '本人手动登记订单（依据付款记录）',
    firstSeen: (status) => (status ? `首次记录订单，状态：${status}` : '首次记录订单'),
    statusChanged: (status) => `订单状态变为：${status}`,
  },
  timed: (time, text) => `${time} ${text}`,
  done: {
    contactedSupport: '已联系商家客服',
    complained: (target) => (target ? `已提交${target}` : '已提交投诉'),
    received: '已收到货',
    refunded: '已收到退款',
    stepDone: (step) => `已完成：${step}`,
    draftCopied: (label) => `准备了「${label}」文本`,
  },
  steps: {
    evidence: '留证',
    confirm_status: '确认订单状态',
    contact_support: '联系客服',
    add_evidence: '补充凭证',
    payment_complaint: '支付渠道投诉',
    regulator_complaint: '12315 / 黑猫投诉',
  },
  evidenceLine: (kind, time, hash, note) =>
    [kind, time, hash ? `SHA-256 ${hash}` : undefined].filter(Boolean).join('，') + (note ? `（${note}）` : ''),
  more: (n) => `……另有 ${n} 条，可提供`,
  numbered: (n, text) => `${n}. ${text}`,
  citeNotDelivered:
    '参考：《电子商务法》第二十条（应按承诺或约定的方式、时限交付）、第五十一条（在线传输交付的，以进入买方指定系统并能检索识别的时间为交付时间）；《消费者权益保护法》第五十三条（以预收款方式提供商品未按约定提供的，应按消费者要求履行约定或退回预付款）。',
  citeInvalidKey:
    '参考：《电子商务法》第二十条、第五十一条（在线传输交付的，以进入买方指定系统并能检索识别的时间为交付时间）；《消费者权益保护法》第五十三条（以预收款方式提供商品未按约定提供的，应按消费者要求履行约定或退回预付款）。我认为无法使用的卡密不属于按约定交付。',
  citeShort: '参考《电子商务法》第二十条、第五十一条，《消费者权益保护法》第五十三条（仅供参考，不构成法律意见）。',
  disclaimer: '以上条文仅供参考，不构成法律意见。',
  enteredByBuyer: '本人依据付款记录手动登记（非订单页读取）',
};

const EN: Phrases = {
  sentenceSep: ' ',
  status: {
    pending_payment: 'awaiting payment',
    paid: 'paid',
    processing: 'processing',
    delivered: 'delivered',
    abnormal: 'failed',
    out_of_stock: 'out of stock',
    frozen: 'frozen',
    refunded: 'refunded',
    closed: 'closed',
    unknown: 'unknown',
  },
  evidenceKind: {
    order_page: 'Order page archive',
    order_text: 'Order page text',
    order_source: 'Order page source (as the shop served it)',
    payment_receipt: 'Payment receipt',
    order_screenshot: 'Order page screenshot',
    recipient_account: 'Recipient account screenshot',
    support_chat: 'Support chat',
    other: 'Other item',
    timestamp: 'Trusted timestamp (from an independent authority)',
  },
  payChannel: { alipay: 'Alipay', wechat: 'WeChat Pay', qq: 'QQ Wallet', crypto: 'crypto' },
  escalation: {
    alipay: 'file a transaction complaint with Alipay',
    wechat: 'file a complaint with WeChat Pay',
    qq: 'file a complaint with QQ Wallet',
    crypto: 'complain to 12315 and Heimao',
    none: 'file a complaint with the payment provider',
  },
  label: {
    orderNo: 'Order no.',
    shop: 'Shop',
    site: 'Website',
    product: 'Product',
    amount: 'Amount',
    payMethod: 'Payment method',
    paidAt: 'Paid at',
    orderedAt: 'Ordered at',
    waited: 'Since payment',
    status: 'Order status',
    recipient: 'Recipient account',
    shopContact: 'Shop contact',
    company: 'Operator',
    key: 'Card key',
    deliveredAt: 'Delivered at',
    redemption: 'Redemption message',
    source: 'Order details from',
    host: 'Domain',
    icp: 'ICP filing no.',
  },
  heading: {
    order: 'Order',
    timeline: 'What happened',
    done: 'Already done',
    evidence: 'Evidence',
    ask: 'My request',
    reference: 'Reference',
  },
  kv: (label, value) => `${label}: ${value}`,
  head: (text) => `[${text}]`,
  paren: (text) => ` (${text})`,
  quote: (text) => `"${text}"`,
  statusWithRaw: (label, raw) => {
    if (raw && label && raw.toLowerCase() !== label.toLowerCase()) return `${label} (page: "${raw}")`;
    return label ?? (raw ? `"${raw}"` : undefined);
  },
  shop: (name, site) => (name && site && name !== site ? `${name} (${site})` : (name ?? site)),
  product: (name, quantity) => (quantity && quantity > 1 ? `${name} × ${quantity}` : name),
  waited: (elapsed, window, overdueBy) => {
    if (window && overdueBy) return `${elapsed} (promised within ${window}; ${overdueBy} overdue)`;
    if (window) return `${elapsed} (promised within ${window})`;
    return elapsed;
  },
  timeline: {
    ordered: 'order placed',
    paid: 'paid',
    paymentSeen: 'payment success page shown',
    userPaid: 'buyer confirmed the payment',
    callbackSuspected: 'paid, but the order still shows awaiting payment (the payment callback likely failed)',
    keysFound: 'card key shown on the order page',
    enteredByBuyer: 'order entered by the buyer (from the payment record)',
    firstSeen: (status) => (status ? `order first recorded, status: ${status}` : 'order first recorded'),
    statusChanged: (status) => `status changed to: ${status}`,
  },
  timed: (time, text) => `${time} ${text}`,
  done: {
    contactedSupport: "contacted the shop's support",
    complained: (target) => (target ? `filed the ${target}` : 'filed a complaint'),
    received: 'received the goods',
    refunded: 'received a refund',
    stepDone: (step) => `done: ${step}`,
    draftCopied: (label) => `prepared a draft (${label})`,
  },
  steps: {
    evidence: 'evidence kept',
    confirm_status: 'order status confirmed',
    contact_support: 'support contacted',
    add_evidence: 'evidence added',
    payment_complaint: 'payment complaint',
    regulator_complaint: '12315 / Heimao complaint',
  },
  evidenceLine: (kind, time, hash, note) =>
    [kind, time, hash ? `SHA-256 ${hash}` : undefined].filter(Boolean).join(', ') + (note ? ` (${note})` : ''),
  more: (n) => `… ${n} more available`,
  numbered: (n, text) => `${n}. ${text}`,
  citeNotDelivered:
    "For reference: PRC E-Commerce Law art. 20 (deliver in the promised manner and time) and art. 51 (goods sent online are delivered when they enter the buyer's designated system and can be retrieved); Consumer Rights Protection Law art. 53 (prepaid goods not supplied as agreed: perform or refund, as the consumer chooses).",
  citeInvalidKey:
    "For reference: PRC E-Commerce Law arts. 20 and 51 (goods sent online are delivered when they enter the buyer's designated system and can be retrieved); Consumer Rights Protection Law art. 53 (prepaid goods not supplied as agreed: perform or refund, as the consumer chooses). In my view a key that cannot be used is not delivery as agreed.",
  citeShort: 'Ref.: E-Commerce Law arts. 20, 51; Consumer Protection Law art. 53 (reference, not legal advice).',
  disclaimer: 'These provisions are cited for reference only; this is not legal advice.',
  enteredByBuyer: "the buyer's own entry from the payment record (not read from the order page)",
};

/** The vocabulary of a locale. */
export function phrasesFor(locale: DraftLocale): Phrases {
  return locale === 'zh_CN' ? ZH : EN;
}
