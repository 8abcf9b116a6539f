import { UNPAID_STATUSES, type ExtractedOrder } from '@/lib/extract/types';
import { appendEventsChained, chainTables } from '@/lib/db/timeline';
import type { KamiGuardDb } from './database';
import type { EventRecord, OrderRecord } from './types';

/** One sighting of an order on a page, as the background receives it from a content script. */
export interface OrderSighting {
  order: ExtractedOrder;
  /** Host of the page, e.g. 'shop.example.com'. */
  site: string;
  url: string;
  pageTitle?: string;
  /** Epoch ms of the sighting. */
  at: number;
  /** Promised delivery window stated on the page, in minutes. */
  pageWindowMinutes?: number;
  /**
   * The window the shop's buy page promised for this purchase (issue 14), used when the order is created and its own
   * page states none; the order's own page, when it states one later, replaces it.
   */
  buyPageWindowMinutes?: number;
}

export interface UpsertResult {
  orderId: number;
  created: boolean;
  statusChanged: boolean;
  /** Events appended by this sighting. */
  events: EventRecord[];
}

const MAX_URLS = 20;
const MAX_CARD_KEYS = 500;

/** Fields copied from the page; a field the page did not show never erases what an earlier sighting stored. */
const FACT_FIELDS = [
  'platform',
  'productName',
  'quantity',
  'amount',
  'currency',
  'paymentMethod',
  'orderedAt',
  'paidAt',
  'status',
  'statusText',
  'contact',
  'deliveryMode',
] as const satisfies readonly (keyof ExtractedOrder)[];

/**
 * Stores a sighting: inserts the order or merges it into the stored one, and appends exactly one timeline event per
 * change (first sighting, status change, new card keys). Upserting the same sighting twice adds no event and
 * changes no fact; only `lastSeenAt` moves on.
 */
export async function upsertSighting(db: KamiGuardDb, s: OrderSighting): Promise<UpsertResult> {
  // Events go through the evidence hash chain (lib/evidence): each carries the previous record's hash.
  return db.transaction('rw', chainTables(db), async () => {
    const existing = await db.orders.where('[site+orderNo]').equals([s.site, s.order.orderNo]).first();
    const events: EventRecord[] = [];

    if (!existing) {
      const record: OrderRecord = {
        ...pickFacts(s.order),
        platform: s.order.platform,
        orderNo: s.order.orderNo,
        status: s.order.status,
        cardKeys: s.order.cardKeys?.slice(0, MAX_CARD_KEYS),
        site: s.site,
        url: s.url,
        urls: [s.url],
        pageTitle: s.pageTitle,
        firstSeenAt: s.at,
        lastSeenAt: s.at,
        pageWindowMinutes: s.pageWindowMinutes ?? s.buyPageWindowMinutes,
        pageWindowFrom: !s.pageWindowMinutes && s.buyPageWindowMinutes ? 'buy_page' : undefined,
        entry: 'page',
      };
      dropUndefined(record);
      const orderId = (await db.orders.add(record)) as number;
      events.push({
        orderId,
        kind: 'first_seen',
        at: s.at,
        status: s.order.status,
        statusText: s.order.statusText,
        url: s.url,
      });
      if (record.cardKeys?.length) events.push(keysEvent(orderId, s, record.cardKeys.length));
      await appendEventsChained(db, events);
      return { orderId, created: true, statusChanged: false, events };
    }

    const orderId = existing.id!;
    const changes: Partial<OrderRecord> = {};
    for (const field of FACT_FIELDS) {
      const value = s.order[field];
      if (value !== undefined && value !== existing[field]) (changes as Record<string, unknown>)[field] = value;
    }
    const newKeys = (s.order.cardKeys ?? []).filter((k) => !existing.cardKeys?.includes(k));
    if (newKeys.length) changes.cardKeys = [...(existing.cardKeys ?? []), ...newKeys].slice(0, MAX_CARD_KEYS);
    if (s.pageWindowMinutes && s.pageWindowMinutes !== existing.pageWindowMinutes)
      changes.pageWindowMinutes = s.pageWindowMinutes;
    // The order's own page now states a window: it replaces the one kept from the buy page.
    if (s.pageWindowMinutes && existing.pageWindowFrom) changes.pageWindowFrom = undefined;
    if (!existing.urls.includes(s.url)) changes.urls = [...existing.urls, s.url].slice(-MAX_URLS);

    const statusChanged = changes.status !== undefined;
    if (statusChanged) {
      events.push({
        orderId,
        kind: 'status_changed',
        at: s.at,
        status: s.order.status,
        previousStatus: existing.status,
        statusText: s.order.statusText,
        url: s.url,
      });
    }
    // Money left (a payment success was seen) but the shop shows the order unpaid: its payment callback failed.
    if (existing.paymentSeenAt && UNPAID_STATUSES.has(s.order.status)) {
      const flagged = await db.events
        .where('orderId')
        .equals(orderId)
        .filter((e) => e.kind === 'payment_callback_suspected')
        .count();
      if (!flagged)
        events.push({ orderId, kind: 'payment_callback_suspected', at: s.at, status: s.order.status, url: s.url });
    }
    if (newKeys.length) events.push(keysEvent(orderId, s, newKeys.length));

    if (Object.keys(changes).length === 0 && events.length === 0) {
      // Nothing new: no event, no fact changes; only note that the user looked again (the 确认状态 step reads it).
      if (s.at > existing.lastSeenAt) await db.orders.update(orderId, { lastSeenAt: s.at });
      return { orderId, created: false, statusChanged: false, events };
    }
    await db.orders.update(orderId, {
      ...changes,
      url: s.url,
      pageTitle: s.pageTitle ?? existing.pageTitle,
      lastSeenAt: s.at,
    });
    if (events.length) await appendEventsChained(db, events);
    return { orderId, created: false, statusChanged, events };
  });
}

function keysEvent(orderId: number, s: OrderSighting, count: number): EventRecord {
  return { orderId, kind: 'card_keys_found', at: s.at, url: s.url, detail: String(count) };
}

function pickFacts(order: ExtractedOrder): Partial<OrderRecord> {
  const out: Partial<OrderRecord> = {};
  for (const field of FACT_FIELDS) (out as Record<string, unknown>)[field] = order[field];
  return out;
}

function dropUndefined(record: object): void {
  for (const [k, v] of Object.entries(record)) if (v === undefined) delete (record as Record<string, unknown>)[k];
}

/** An order the buyer entered by hand, as the background stores it (the add-order message, validated). */
export interface BuyerOrderInput {
  site: string;
  url: string;
  orderNo: string;
  productName?: string;
  amount: number;
  currency: string;
  paymentMethod?: string;
  /** ISO 8601 with its zone, from the buyer's payment bill: the clock starts here. */
  paidAt: string;
  contact?: string;
  windowMinutes?: number;
}

/** Adapter id of hand-entered orders (the `platform` field names where facts came from). */
export const BUYER_PLATFORM = 'manual';

/**
 * Stores an order the buyer entered by hand: `entry: 'buyer'`, status paid (the buyer says the money left), its first
 * timeline event marked `detail: 'buyer'`, chained like any other. The clock then runs from the stated payment time.
 * When the shop's order of that number is already stored (picked up from a page, or entered before), nothing is
 * changed: what a page showed is not overwritten by what was typed, and the same entry twice adds nothing.
 */
export async function addBuyerOrder(
  db: KamiGuardDb,
  input: BuyerOrderInput,
  now: number,
): Promise<{ orderId: number; created: boolean }> {
  return db.transaction('rw', chainTables(db), async () => {
    const existing = await db.orders.where('[site+orderNo]').equals([input.site, input.orderNo]).first();
    if (existing) return { orderId: existing.id!, created: false };
    const record: OrderRecord = {
      platform: BUYER_PLATFORM,
      orderNo: input.orderNo,
      productName: input.productName,
      amount: input.amount,
      currency: input.currency,
      paymentMethod: input.paymentMethod,
      paidAt: input.paidAt,
      status: 'paid',
      contact: input.contact,
      site: input.site,
      url: input.url,
      urls: [input.url],
      firstSeenAt: now,
      lastSeenAt: now,
      windowMinutes: input.windowMinutes,
      entry: 'buyer',
    };
    dropUndefined(record);
    const orderId = (await db.orders.add(record)) as number;
    await appendEventsChained(db, [
      { orderId, kind: 'first_seen', at: now, status: 'paid', url: input.url, detail: 'buyer' },
    ]);
    return { orderId, created: true };
  });
}

/** The order's timeline, oldest first. */
export async function getTimeline(db: KamiGuardDb, orderId: number): Promise<EventRecord[]> {
  return db.events.where('[orderId+at]').between([orderId, -Infinity], [orderId, Infinity]).toArray();
}

/** Appends one event to an order's timeline and returns its id. */
export async function appendEvent(db: KamiGuardDb, event: EventRecord): Promise<number> {
  return (await appendEventsChained(db, [event]))[0]!;
}
