import Dexie, { type EntityTable } from 'dexie';
import type { BlobRecord, EventRecord, EvidenceRecord, KvRecord, OrderRecord } from './types';

/** Name of the IndexedDB database. Opened only by the background and extension pages, never by content scripts. */
export const DB_NAME = 'kamiguard';

export type KamiGuardDb = Dexie & {
  orders: EntityTable<OrderRecord, 'id'>;
  events: EntityTable<EventRecord, 'id'>;
  evidence: EntityTable<EvidenceRecord, 'id'>;
  blobs: EntityTable<BlobRecord, 'sha256'>;
  kv: EntityTable<KvRecord, 'key'>;
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
  return db;
}

let shared: KamiGuardDb | undefined;

/** The process-wide database instance (background, popup, options). */
export function getDb(): KamiGuardDb {
  shared ??= openDb();
  return shared;
}
