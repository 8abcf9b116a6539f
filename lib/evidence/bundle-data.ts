/** Reads what `buildBundle` needs from the database. */
import type { KamiGuardDb } from '@/lib/db/database';
import type { EventRecord, EvidenceRecord } from '@/lib/db/types';
import type { BundleOrderInput } from './bundle';
import { readAnchor } from '../db/timeline';
import type { BundleDraft } from './manifest';
import { blobDataToBytes } from './store';

/**
 * One order's records, anchor and evidence bytes. Rows are read in one transaction (a consistent snapshot);
 * blob contents are read after it, since reading a Blob is not an IndexedDB request.
 */
export async function collectBundleOrder(
  db: KamiGuardDb,
  orderId: number,
  drafts?: BundleDraft[],
): Promise<BundleOrderInput> {
  const snapshot = await db.transaction('r', [db.orders, db.events, db.evidence, db.blobs, db.kv], async () => {
    const order = await db.orders.get(orderId);
    if (!order) throw new Error(`collectBundleOrder: no order with id ${orderId}`);
    const events: EventRecord[] = await db.events.where('orderId').equals(orderId).toArray();
    const evidence: EvidenceRecord[] = await db.evidence.where('orderId').equals(orderId).toArray();
    const blobRows = await db.blobs.bulkGet([...new Set(evidence.map((e) => e.blobId))]);
    const anchor = await readAnchor(db, order);
    return { order, events, evidence, blobRows, anchor };
  });
  const blobs = new Map<string, Uint8Array>();
  for (const row of snapshot.blobRows) {
    if (row) blobs.set(row.sha256, await blobDataToBytes(row.data));
  }
  const { order, events, evidence, anchor } = snapshot;
  return { order, events, evidence, blobs, anchor, ...(drafts ? { drafts } : {}) };
}

/** Every order (oldest first), for the "all orders" bundle. `drafts` by order id. */
export async function collectAllBundleOrders(
  db: KamiGuardDb,
  drafts?: Map<number, BundleDraft[]>,
): Promise<BundleOrderInput[]> {
  const ids = (await db.orders.orderBy('id').primaryKeys()) as number[];
  const out: BundleOrderInput[] = [];
  for (const id of ids) out.push(await collectBundleOrder(db, id, drafts?.get(id)));
  return out;
}
