/**
 * Writing and reading the hash chain in the database. Every event or evidence row of an order must be appended
 * through `appendChained` (or the helpers below); a row written directly with `db.events.add` is reported as
 * `unchained` by verification.
 */
import type { Table } from 'dexie';
import type { KamiGuardDb } from '@/lib/db/database';
import type { EventRecord, OrderRecord } from '@/lib/db/types';
import {
  anchorOf,
  genesisHash,
  linkItems,
  orderChainItems,
  verifyChain,
  type ChainAnchor,
  type ChainItem,
  type ChainVerification,
  type OrderIdentity,
} from './chain';

/** Prefix of kv keys owned by the evidence layer (chain anchors, signing key); backups skip or rebuild them. */
export const EVIDENCE_KV_PREFIX = 'evidence.';

/**
 * The tables a chained append touches. A caller that appends inside its own transaction must open it over (at
 * least) these tables in 'rw' mode: `db.transaction('rw', chainTables(db), async () => ...)`.
 */
export function chainTables(db: KamiGuardDb): Table[] {
  return [db.orders, db.events, db.evidence, db.kv] as Table[];
}

/**
 * kv key of an order's anchor. Keyed by the order's identity rather than its auto id, so it survives a restore
 * into a database where the order gets another id.
 */
export function anchorKey(order: OrderIdentity): string {
  return `${EVIDENCE_KV_PREFIX}chain:${JSON.stringify([order.site, order.orderNo])}`;
}

function isAnchor(value: unknown): value is ChainAnchor {
  const v = value as ChainAnchor | null;
  return !!v && typeof v.head === 'string' && typeof v.count === 'number';
}

/** The stored anchor of an order, or null. */
export async function readAnchor(db: KamiGuardDb, order: OrderIdentity): Promise<ChainAnchor | null> {
  const row = await db.kv.get(anchorKey(order));
  return isAnchor(row?.value) ? row.value : null;
}

/** An order's event and evidence rows in chain order. */
export async function loadChainItems(db: KamiGuardDb, order: OrderRecord): Promise<ChainItem[]> {
  const [events, evidence] = await Promise.all([
    db.events.where('orderId').equals(order.id!).toArray(),
    db.evidence.where('orderId').equals(order.id!).toArray(),
  ]);
  const items: ChainItem[] = [
    ...events.map((record): ChainItem => ({ type: 'event', record })),
    ...evidence.map((record): ChainItem => ({ type: 'evidence', record })),
  ];
  return orderChainItems(genesisHash(order), items);
}

async function getOrder(db: KamiGuardDb, orderId: number): Promise<OrderRecord> {
  const order = await db.orders.get(orderId);
  if (!order) throw new Error(`appendChained: no order with id ${orderId}`);
  return order;
}

/**
 * Appends records to an order's chain, in the given order, in one transaction (joining the caller's transaction
 * when there is one; it must include `chainTables(db)`). Each record gets `orderId`, `prevHash` and `hash`; any
 * `id`/`hash` passed in is ignored. The passed objects are updated in place with the stored fields and ids (as
 * Dexie's `add` does), and the stored items are returned.
 */
export async function appendChained(
  db: KamiGuardDb,
  orderId: number,
  items: readonly ChainItem[],
): Promise<ChainItem[]> {
  if (items.length === 0) return [];
  return db.transaction('rw', chainTables(db), async () => {
    const order = await getOrder(db, orderId);
    const anchor = (await readAnchor(db, order)) ?? anchorOf(order, await loadChainItems(db, order));
    const withOrder = items.map((item) => ({ ...item, record: { ...item.record, orderId } }) as ChainItem);
    const linked = linkItems(anchor.head, withOrder);
    for (const [index, item] of linked.entries()) {
      const id =
        item.type === 'event'
          ? ((await db.events.add(item.record)) as number)
          : ((await db.evidence.add(item.record)) as number);
      item.record.id = id;
      Object.assign(items[index]!.record, item.record);
    }
    const head = linked.at(-1)!.record.hash!;
    await db.kv.put({
      key: anchorKey(order),
      value: { head, count: anchor.count + linked.length, updatedAt: Date.now() },
    });
    return linked;
  });
}

/**
 * Drop-in for `db.events.bulkAdd(events)` / `appendEvent`: appends events to their orders' chains (grouped by
 * orderId, order kept within each order) and returns their ids in input order.
 */
export async function appendEventsChained(db: KamiGuardDb, events: readonly EventRecord[]): Promise<number[]> {
  if (events.length === 0) return [];
  return db.transaction('rw', chainTables(db), async () => {
    const byOrder = Map.groupBy(events, (event) => event.orderId);
    for (const [orderId, list] of byOrder) {
      await appendChained(
        db,
        orderId,
        list.map((record): ChainItem => ({ type: 'event', record })),
      );
    }
    return events.map((event) => event.id!);
  });
}

/** Loads an order's chain and anchor and verifies them. */
export async function verifyOrderChain(db: KamiGuardDb, orderId: number): Promise<ChainVerification> {
  return db.transaction('r', chainTables(db), async () => {
    const order = await db.orders.get(orderId);
    if (!order) throw new Error(`verifyOrderChain: no order with id ${orderId}`);
    const items = await loadChainItems(db, order);
    return verifyChain(order, items, await readAnchor(db, order));
  });
}
