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

/**
 * Records a payment page against its shop order: a paid page is a payment success (see `recordPaymentSeen`), an
 * unpaid one (the QR code) a `payment_page_seen` event, once. Returns the shop order's id, or undefined when no
 * single shop order matches.
 */
export async function linkPaymentPage(
  db: KamiGuardDb,
  payment: ExtractedOrder,
  url: string,
  at: number,
): Promise<number | undefined> {
  const target = await findPaymentTarget(db, payment, at);
  if (!target?.id) return undefined;
  if (payment.status === 'paid' || payment.status === 'delivered') {
    return recordPaymentSeen(db, { site: target.site, orderNo: target.orderNo, url, at });
  }
  const detail = `epay:${payment.orderNo}`;
  const seen = await db.events
    .where('orderId')
    .equals(target.id)
    .filter((e) => e.kind === 'payment_page_seen' && e.detail === detail)
    .count();
  if (!seen) await appendEvent(db, { orderId: target.id, kind: 'payment_page_seen', at, url, detail });
  return target.id;
}
