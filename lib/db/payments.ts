import { appendEventsChained, chainTables } from '@/lib/db/timeline';
import { UNPAID_STATUSES } from '@/lib/extract/types';
import type { KamiGuardDb } from './database';
import type { EventRecord, OrderRecord } from './types';

/** A payment success seen outside the shop's order page (the epay return URL, a 支付成功 page). */
export interface PaymentSighting {
  site: string;
  orderNo: string;
  amount?: number;
  productName?: string;
  url: string;
  at: number;
}

/**
 * Records a payment success against the shop order it names: sets `paymentSeenAt` (the clock may start there) and
 * appends one `payment_seen` event. An order not seen yet is created from what the payment carried, as paid; if its
 * shop page then shows 待支付, the upsert flags the failed callback. If the order already shows an unpaid status,
 * the callback failure is flagged here. Seeing the same payment again changes nothing.
 */
export async function recordPaymentSeen(db: KamiGuardDb, p: PaymentSighting): Promise<number> {
  return db.transaction('rw', chainTables(db), async () => {
    const existing = await db.orders.where('[site+orderNo]').equals([p.site, p.orderNo]).first();
    if (existing?.paymentSeenAt) return existing.id!;
    let orderId: number;
    const events: EventRecord[] = [];
    if (existing) {
      orderId = existing.id!;
      await db.orders.update(orderId, { paymentSeenAt: p.at });
      events.push({ orderId, kind: 'payment_seen', at: p.at, url: p.url });
      if (UNPAID_STATUSES.has(existing.status))
        events.push({ orderId, kind: 'payment_callback_suspected', at: p.at, status: existing.status, url: p.url });
    } else {
      const record: OrderRecord = {
        platform: 'epay',
        orderNo: p.orderNo,
        status: 'paid',
        site: p.site,
        url: p.url,
        urls: [p.url],
        firstSeenAt: p.at,
        lastSeenAt: p.at,
        paymentSeenAt: p.at,
        entry: 'page',
        ...(p.amount !== undefined ? { amount: p.amount, currency: 'CNY' } : {}),
        ...(p.productName ? { productName: p.productName } : {}),
      };
      orderId = (await db.orders.add(record)) as number;
      events.push({ orderId, kind: 'first_seen', at: p.at, status: 'paid', url: p.url });
      events.push({ orderId, kind: 'payment_seen', at: p.at, url: p.url });
    }
    await appendEventsChained(db, events);
    return orderId;
  });
}
