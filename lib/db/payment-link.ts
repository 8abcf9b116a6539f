import type { ExtractedOrder } from '@/lib/extract/types';
import type { KamiGuardDb } from './database';
import { appendEvent } from './orders';
import { recordPaymentSeen } from './payments';
import type { OrderRecord } from './types';

/** How far apart a shop order and its payment page may be seen and still be linked by amount and product. */
export const LINK_WINDOW_MS = 2 * 3600_000;

/**
 * The shop order a payment page (epay QR, cashier or result page) belongs to. epay prints its own trade number, not
 * the shop's, so the link is the same order number where the page has the shop's, else the same amount and product
 * seen within `LINK_WINDOW_MS`. Ambiguous matches link nothing: a wrong link would be worse than none.
 */
export async function findPaymentTarget(
  db: KamiGuardDb,
  payment: ExtractedOrder,
  at: number,
): Promise<OrderRecord | undefined> {
  const byNumber = await db.orders
    .where('orderNo')
    .equals(payment.orderNo)
    .filter((o) => o.platform !== 'epay')
    .toArray();
  if (byNumber.length === 1) return byNumber[0];
  if (payment.amount === undefined) return undefined;
  const recent = await db.orders
    .where('lastSeenAt')
    .between(at - LINK_WINDOW_MS, at + 1)
    .filter(
      (o) =>
        o.platform !== 'epay' &&
        o.amount === payment.amount &&
        (!payment.productName || !o.productName || sameProduct(o.productName, payment.productName)),
    )
    .toArray();
  return recent.length === 1 ? recent[0] : undefined;
}

const norm = (s: string): string => s.replace(/\s+/g, '').toLowerCase();

function sameProduct(a: string, b: string): boolean {
  return norm(a).includes(norm(b)) || norm(b).includes(norm(a));
}

/** The event detail that keys a payment page's link by the gateway's own trade number. */
const tradeDetail = (tradeNo: string): string => `epay:${tradeNo}`;

/**
 * Records a payment page against its shop order: a `payment_page_seen` event once (its detail keys the gateway's trade
 * number, which a later stop page of the gateway may name: see linkPaymentStop), and for a paid page a payment success
 * (see `recordPaymentSeen`). Returns the shop order's id, or undefined when no single shop order matches.
 */
export async function linkPaymentPage(
  db: KamiGuardDb,
  payment: ExtractedOrder,
  url: string,
  at: number,
): Promise<number | undefined> {
  const target = await findPaymentTarget(db, payment, at);
  if (!target?.id) return undefined;
  const detail = tradeDetail(payment.orderNo);
  const seen = await db.events
    .where('orderId')
    .equals(target.id)
    .filter((e) => e.kind === 'payment_page_seen' && e.detail === detail)
    .count();
  if (!seen) await appendEvent(db, { orderId: target.id, kind: 'payment_page_seen', at, url, detail });
  if (payment.status === 'paid' || payment.status === 'delivered') {
    return recordPaymentSeen(db, { site: target.site, orderNo: target.orderNo, url, at });
  }
  return target.id;
}

const hostOf = (url: string | undefined): string | undefined => {
  try {
    return url ? new URL(url).host : undefined;
  } catch {
    return undefined;
  }
};

/**
 * A payment stop page (epay's /pay/ok/<trade_no>/, a gateway's 支付成功 page) names no shop order, only the gateway's
 * trade number. If an earlier payment page of the same gateway (the same host) with that number was linked to a shop
 * order, the payment success is recorded on that order (recordPaymentSeen: `paymentSeenAt` and a `payment_seen` event,
 * from which the clock may start); otherwise nothing is stored. Returns the shop order's id.
 */
export async function linkPaymentStop(
  db: KamiGuardDb,
  stop: { tradeNo: string; url: string },
  at: number,
): Promise<number | undefined> {
  const detail = tradeDetail(stop.tradeNo);
  const host = hostOf(stop.url);
  const seen = await db.events
    .where('kind')
    .equals('payment_page_seen')
    .filter((e) => e.detail === detail && hostOf(e.url) === host)
    .last();
  const order = seen && (await db.orders.get(seen.orderId));
  if (!order?.id) return undefined;
  return recordPaymentSeen(db, { site: order.site, orderNo: order.orderNo, url: stop.url, at });
}
