/**
 * Payment stop pages: what a payment gateway shows when a payment ends — epay's /pay/ok/<trade_no>/ ("支付成功，请回到
 * 浏览器查看订单"), its 错误提示 ("支付失败或支付超时，请返回重新发起支付"), a gateway's plain 支付成功 page. They show no order
 * facts, so they are not orders: extractOrders returns [] for them (DESIGN.md). What they may carry is the gateway's
 * trade number, in their URL or on the page: the background links it to the shop order that an earlier payment page
 * of the same gateway was linked to (lib/db/payment-link.ts), and records the payment there.
 * Cheap on every other page: the title (or first heading) is tested before any text is read, and the text read is
 * bounded.
 */
import { cleanText } from './normalize';
import { one, readText, textOf } from './platform';

/** A payment stop page: how the payment ended, and the gateway's trade number where the page or its URL names it. */
export interface PaymentStop {
  outcome: 'success' | 'failure';
  tradeNo?: string;
}

/** Titles and headings of stop pages (epay: 支付结果, 支付成功, 错误提示). */
const STOP_TITLE =
  /支付(?:成功|失败|结果)|付款(?:成功|失败|结果)|错误提示|payment (?:success|succeeded|successful|failed|result)/i;
const FAILURE = /支付失败|付款失败|支付超时|重新发起支付|payment failed/i;
const SUCCESS = /(?:支付|付款)(?:成功|完成)|payment (?:success|succeeded|successful|complete)/i;
/** What an order page shows and a stop page does not: the goods, keys, an order status or time. */
const ORDER_FACTS = /商品名称|购买物品|商品[:：]|卡密|订单状态|下单时间|发货|订单详情/;
/** A stop page says one or two sentences; an order page with a 支付成功 banner says much more. */
const MAX_TEXT = 600;
/** A trade number as a path segment (epay: /pay/ok/<19 digits>/). */
const PATH_NO = /(?:^|\/)(\d{12,32})(?:\/|$)/;
const PAGE_NO = /(?:商户订单号|订单号|交易号|流水号|trade no)\s*[:：]\s*([A-Za-z0-9_-]{6,64})/i;
const TRADE_NO = /^[A-Za-z0-9_-]{6,64}$/;

/** The stop page `doc` is, if it is one. */
export const readPaymentStop = (doc: Document, url: string | URL): PaymentStop | undefined => {
  if (!doc.body || !STOP_TITLE.test(`${doc.title} ${textOf(one(doc.body, 'h1,h2,h3'), 64)}`)) return undefined;
  const text = cleanText(readText(doc.body, MAX_TEXT * 4), MAX_TEXT * 4);
  if (text.length > MAX_TEXT || ORDER_FACTS.test(text)) return undefined;
  const outcome = FAILURE.test(text) ? 'failure' : SUCCESS.test(text) ? 'success' : undefined;
  if (!outcome) return undefined;
  let u: URL | undefined;
  try {
    u = new URL(url);
  } catch {
    u = undefined;
  }
  const tradeNo = [
    PAGE_NO.exec(text)?.[1],
    u?.searchParams.get('trade_no'),
    u?.searchParams.get('out_trade_no'),
    u && PATH_NO.exec(u.pathname)?.[1],
  ].find((n): n is string => !!n && TRADE_NO.test(n));
  return tradeNo ? { outcome, tradeNo } : { outcome };
};
