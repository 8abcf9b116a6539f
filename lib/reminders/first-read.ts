/**
 * The popup list's first read with the plain IndexedDB API, for a script that runs before the app's code has loaded
 * (entrypoints/popup-first-read.ts): the database stamp, the list's summary row, the escalation settings and the
 * snoozes — exactly what `loadCachedClockInputs` reads when the summary is current — in one read-only transaction.
 * No Dexie here: the point is to read while the browser is still fetching and compiling React, Dexie and the app.
 * The summary is parsed and checked here with the reader's own `parseClockCache`; the rest (the stamp's comparison,
 * the settings' and snoozes' checks) is left to `loadCachedClockInputs`, so both ways of reading go through the same
 * checks.
 */
import { DB_NAME } from '@/lib/db/names';
import { CLOCK_CACHE_KEY, parseClockCache, type ClockCacheStamp, type ClockCacheValue } from './clock-cache';
import { SETTINGS_KEY, SNOOZE_PREFIX } from './store';

/** What the first read found: the summary checked, the other values as stored. */
export interface RawFirstRead {
  stamp: ClockCacheStamp;
  /**
   * The summary row, parsed and checked here (a few ms for a thousand orders, spent while the page still waits for the
   * app's scripts rather than after they run); undefined where there is none or it does not parse.
   */
  summary: ClockCacheValue | undefined;
  /** The escalation settings row's value. */
  settings: unknown;
  /** Every snooze row, as stored. */
  snoozes: { key: string; value: unknown }[];
}

const request = <T>(r: IDBRequest<T>): Promise<T> =>
  new Promise((resolve, reject) => {
    r.addEventListener('success', () => resolve(r.result));
    r.addEventListener('error', () => reject(r.error ?? new Error('IndexedDB request failed')));
  });

/** The last key of a store or index (its highest), as Dexie's `orderBy(…).lastKey()` gives it; 0 when empty. */
const lastKey = (source: IDBObjectStore | IDBIndex): Promise<number> =>
  request(source.openKeyCursor(null, 'prev')).then((c) => (typeof c?.key === 'number' ? c.key : 0));

/**
 * Reads the first read's rows, or gives undefined when there is no database yet (it is not created here: creating it
 * without the app's schema would leave Dexie an empty version 1 to upgrade) or it lacks a store the app makes.
 */
export async function readFirstRaw(idb: IDBFactory, name: string = DB_NAME): Promise<RawFirstRead | undefined> {
  const open = idb.open(name);
  let created = false;
  open.addEventListener('upgradeneeded', () => {
    created = true;
    open.transaction?.abort();
  });
  let db: IDBDatabase;
  try {
    db = await request(open);
  } catch (err) {
    if (created) return undefined;
    throw err;
  }
  try {
    const stores = ['orders', 'events', 'evidence', 'kv'];
    if (!stores.every((s) => db.objectStoreNames.contains(s))) return undefined;
    const tx = db.transaction(stores, 'readonly');
    const orders = tx.objectStore('orders');
    const kv = tx.objectStore('kv');
    const [count, lastOrderId, lastSeenAt, lastEventId, lastEvidenceId, summary, settings, snoozes] = await Promise.all(
      [
        request(orders.count()),
        lastKey(orders),
        lastKey(orders.index('lastSeenAt')),
        lastKey(tx.objectStore('events')),
        lastKey(tx.objectStore('evidence')),
        request(kv.get(CLOCK_CACHE_KEY)),
        request(kv.get(SETTINGS_KEY)),
        request(kv.getAll(IDBKeyRange.bound(SNOOZE_PREFIX, `${SNOOZE_PREFIX}\uffff`))),
      ],
    );
    return {
      stamp: { orders: count, lastOrderId, lastSeenAt, lastEventId, lastEvidenceId },
      summary: parseClockCache((summary as { value?: unknown } | undefined)?.value),
      settings: (settings as { value?: unknown } | undefined)?.value,
      snoozes: snoozes as { key: string; value: unknown }[],
    };
  } finally {
    // Never hold the database open: the background's next schema upgrade would wait for this page.
    db.close();
  }
}

/** Where the popup page keeps the first read between its first script and the app (one page, one window). */
const HOLDER = 'kamiguardFirstRead';
type Holder = Partial<Record<typeof HOLDER, Promise<RawFirstRead | undefined>>>;

/** Starts the first read and leaves its promise on `page` (the popup's window); a failure is an absent read. */
export function startFirstRead(page: object, idb: IDBFactory): void {
  (page as Holder)[HOLDER] = readFirstRaw(idb).catch(() => undefined);
}

/** The first read `startFirstRead` left on `page`, if that script ran. */
export function takeFirstRead(page: object): Promise<RawFirstRead | undefined> | undefined {
  return (page as Holder)[HOLDER];
}
