/**
 * The extraction contract (see shared DESIGN.md): DOM in, plain data out.
 * Nothing here may touch extension APIs; it runs in content scripts and under happy-dom in Node.
 */

/**
 * Normalised order status. The raw page text is kept in `ExtractedOrder.statusText`.
 *
 * Status precedence (DESIGN.md; normalize.ts settleStatus, applied to every adapter in platform.ts buildOrder): an
 * explicit status word that says not-done (待处理 处理中 等待发货 部分发货 已失败 异常 待支付 已关闭 已退款 冻结 …) wins over
 * anything in the key area. Keys make an order `delivered` only when the page gives no explicit status or its status
 * says paid/unknown; keys shown under a processing status stay in `cardKeys` with status `processing`. The buyer's own
 * input echoed back into the key box on manual orders ("QQ账号:…", "充值账号：…", "游戏ID：…", "备注：…") and the
 * shop's notes are never keys; a stock message there means `out_of_stock` unless the status says refunded.
 */
export type OrderStatus =
  | 'pending_payment' // 待支付 未支付 待付款 未付款
  | 'paid' // 已支付 已付款 完成付款, no delivery information yet
  | 'processing' // 待处理 处理中 正在处理 等待发货 正在发货
  | 'delivered' // 已完成 已发货 订单完成; or card keys shown while the page states no not-done status
  | 'abnormal' // 异常 失败 处理失败 after payment
  | 'out_of_stock' // the page says 库存不足 for this order (in its key area, even under 已发货)
  | 'frozen' // 已冻结 / risk control hold
  | 'refunded' // 已退款 已退单
  | 'closed' // 已过期 已取消 已关闭
  | 'unknown';

export const ORDER_STATUSES: readonly OrderStatus[] = [
  'pending_payment',
  'paid',
  'processing',
  'delivered',
  'abnormal',
  'out_of_stock',
  'frozen',
  'refunded',
  'closed',
  'unknown',
];

/** One order as read from a page. Optional fields are absent (never empty strings) when the page lacks them. */
export interface ExtractedOrder {
  /** Adapter id, e.g. 'dujiaoka', 'acg-faka', 'generic'. */
  platform: string;
  orderNo: string;
  /** Without a trailing " x N". */
  productName?: string;
  quantity?: number;
  /** Major units: 29.9 */
  amount?: number;
  /** 'CNY' for ￥ ¥ 元; 'USDT' ... */
  currency?: string;
  /** As shown on the page. */
  paymentMethod?: string;
  /** ISO 8601; shop times without a zone are China time (+08:00). */
  orderedAt?: string;
  paidAt?: string;
  status: OrderStatus;
  /** The raw status text. */
  statusText?: string;
  /**
   * Email / QQ / phone / account the buyer entered (at most 256 chars): the contact the page labels (下单邮箱, 联系方式,
   * QQ …) first; only where the page labels none, the recipient account the buyer typed for a manual order (echoed in
   * the key box).
   */
  contact?: string;
  deliveryMode?: 'auto' | 'manual';
  /**
   * One entry per key line, trimmed: real keys only (never the buyer's echoed input, the shop's notes or a stock
   * message). Kept whatever the status: keys under 处理中 are a partial delivery.
   */
  cardKeys?: string[];
}

/**
 * Statuses in which a shop shows an order as not paid (待支付, or closed/expired). Seen after a payment success, they
 * point at a failed payment callback; seen with no payment at all, the advice is to re-order.
 */
export const UNPAID_STATUSES: ReadonlySet<OrderStatus> = new Set<OrderStatus>(['pending_payment', 'closed']);
