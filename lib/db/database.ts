import Dexie, { type EntityTable } from 'dexie';
import { installFaultHooks } from './fault-hooks';
import type { BlobRecord, EventRecord, EvidenceRecord, KvRecord, OrderRecord, ShopRecord, WatchRecord } from './types';

/** Name of the IndexedDB database. Opened only by the background and extension pages, never by content scripts. */
import { DB_NAME } from './names';

export { DB_NAME };

export type KamiGuardDb = Dexie & {
  orders: EntityTable<OrderRecord, 'id'>;
  events: EntityTable<EventRecord, 'id'>;
  evidence: EntityTable<EvidenceRecord, 'id'>;
  blobs: EntityTable<BlobRecord, 'sha256'>;
  kv: EntityTable<KvRecord, 'key'>;
  shops: EntityTable<ShopRecord, 'site'>;
  watch: EntityTable<WatchRecord, 'orderId'>;
};

/**
 * Opens (or creates) the database. Schema versions are append-only: a shipped `version(n)` block is never edited;
 * a change adds `version(n + 1)` with an `upgrade()` where existing rows need it.
 */
export function openDb(name: string = DB_NAME): KamiGuardDb {
  const db = new Dexie(name) as KamiGuardDb;
  db.version(1).stores({
    // [site+orderNo] is the identity of a shop order; status/lastSeenAt serve the popup's lists.
    orders: '++id, &[site+orderNo], orderNo, site, status, lastSeenAt',
    events: '++id, orderId, [orderId+at], kind, at',
    evidence: '++id, orderId, sha256, kind, capturedAt',
    blobs: '&sha256',
    kv: '&key',
  });
  // Version 2: what the shop's pages showed about the shop itself (ICP 备案, checkout signals), one row per site; the
  // background re-check schedule of waiting orders, one row per watched order; and where each order came from.
  db.version(2)
    .stores({
      orders: '++id, &[site+orderNo], orderNo, site, status, lastSeenAt, entry',
      shops: '&site',
      watch: '&orderId, nextAt',
    })
    .upgrade(async (tx) => {
      // Every order stored by version 1 was picked up from a shop page.
      await tx
        .table<OrderRecord>('orders')
        .toCollection()
        .modify((o) => {
          o.entry ??= 'page';
        });
    });
  return db;
}

let shared: KamiGuardDb | undefined;

/** The process-wide database instance (background, popup, options). */
export function getDb(): KamiGuardDb {
  if (shared) return shared;
  shared = openDb();
  // e2e fault injection (full disk, a write stopped half-way), only in `--mode faults` builds: production drops it.
  if (import.meta.env.MODE === 'faults') installFaultHooks(shared);
  return shared;
}
