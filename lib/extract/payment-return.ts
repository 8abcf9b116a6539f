/**
 * Payment-side signals read from URLs. After a payment, epay (彩虹易支付) and its clones send the buyer's browser to
 * the shop's return URL with `out_trade_no`, `money`, `name` and `trade_status=TRADE_SUCCESS` in the query. Seeing
 * that URL is a payment-success sighting for exactly that shop order, even when the shop's own asynchronous notify
 * fails and its page goes on showing 待支付. Shops often answer the return URL with a redirect, so no page of it is
 * ever rendered: the background reads it from the tab's navigation.
 */
import { cleanText } from './normalize';

export interface PaymentReturn {
  /** The shop's host: the return URL belongs to the shop. */
  site: string;
  orderNo: string;
  amount?: number;
  /** epay sends the literal `product` when it hides product names. */
  productName?: string;
  /** The payment channel's own trade number, when present. */
  tradeNo?: string;
  url: string;
}

const SUCCESS = new Set(['TRADE_SUCCESS', 'TRADE_FINISHED', 'SUCCESS']);

/** Reads a payment-success return URL; undefined for any other URL. */
export function parsePaymentReturn(raw: string): PaymentReturn | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  const q = url.searchParams;
  const status = (q.get('trade_status') ?? '').toUpperCase();
  const orderNo = cleanText(q.get('out_trade_no'), 64);
  if (!SUCCESS.has(status) || !orderNo) return undefined;
  const money = Number(q.get('money'));
  const name = cleanText(q.get('name'));
  const tradeNo = cleanText(q.get('trade_no'), 64);
  return {
    site: url.host,
    orderNo,
    ...(Number.isFinite(money) && money > 0 ? { amount: money } : {}),
    ...(name && name !== 'product' ? { productName: name } : {}),
    ...(tradeNo ? { tradeNo } : {}),
    url: url.href.slice(0, 2048),
  };
}
