/**
 * What the popup's list reads, kept as one summary row so that opening the popup reads one record instead of a
 * thousand orders and thousands of timeline rows. IndexedDB pays per record read (a row, then its deserialisation):
 * with 1,000 orders and 3,000 events the plain reads took ~80 ms of the popup's wait, one row of the same facts ~5 ms.
 *
 * The summary (kv `cache.clockInputs`) holds the orders, each event stripped to what a clock reads (no hashes, URLs
 * or page text) and the order ids of step evidence, together with the stamp of the database it was made from. It is
 * derived data: never exported, rebuilt when missing, and never trusted blindly. A read checks a few cheap figures
 * (orders: count, last id, latest `lastSeenAt`; the last event and evidence ids) and:
 * - when they match, uses the summary as it is;
 * - when only new events or evidence were appended (both tables are append-only: the hash chain appends, nothing
 *   rewrites a row), reads just those rows, by id;
 * - otherwise reads the orders again as well.
 * An order row changed without moving any of those figures would go unseen; every such write in the code appends a
 * timeline event (actions, payments) or moves `lastSeenAt` (sightings), and a backup import drops every derived
 * cache (lib/db/cache-keys.ts). tests/unit/clock-cache.test.ts runs each writer and compares with a plain read.
 */
import { CACHE_KV_PREFIX } from '@/lib/db/cache-keys';
import type { KamiGuardDb } from '@/lib/db/database';
import type { EventKind, EventRecord, EvidenceRecord, OrderRecord, UserAction } from '@/lib/db/types';
import type { OrderStatus } from '@/lib/extract/types';
import { STEP_EVIDENCE_KINDS } from '@/lib/escalation/ladder';
import { urgencySpan, type UrgencySpan } from '@/lib/escalation/clock';
import type { ClockInputs } from './clocks';
import { parseEscalationSettings } from '@/lib/escalation/settings';
import type { RawFirstRead } from './first-read';
import { getAllSnoozes, loadEscalationSettings, snoozesFromRows } from './store';

/** kv key of the list's summary. */
export const CLOCK_CACHE_KEY = `${CACHE_KV_PREFIX}clockInputs`;
const CACHE_VERSION = 1;

/** The figures a summary was made from; a read compares them with the database's. */
export interface ClockCacheStamp {
  orders: number;
  lastOrderId: number;
  lastSeenAt: number;
  lastEventId: number;
  lastEvidenceId: number;
}

/** An event as the summary keeps it: [id, orderId, kind, at, status, action, detail] (null where absent). */
type CompactEvent = [number, number, EventKind, number, OrderStatus | null, UserAction | null, string | null];

/** The summary row's value: a JSON string, which is read and parsed far faster than the same objects cloned. */
export interface ClockCacheValue {
  v: typeof CACHE_VERSION;
  stamp: ClockCacheStamp;
  orders: OrderRecord[];
  events: CompactEvent[];
  /** Step evidence (the payment receipt) as [orderId, kind]. */
  evidence: [number, string][];
  /**
   * Each order's urgency span ([orderId, startAt, windowMs, stopAt], null where absent), made from these orders and
   * events under the settings `settings` (their JSON): the list sorts a thousand orders without reading a timeline.
   * Used only while the orders and events are the summary's own and the settings are the same.
   */
  spans?: { settings: string; list: SpanRow[] };
}

type SpanRow = [number, number | null, number, number | null];

function spanRows(inputs: ClockInputs): SpanRow[] {
  const byOrder = Map.groupBy(inputs.events, (e) => e.orderId);
  return inputs.orders
    .filter((o): o is OrderRecord & { id: number } => o.id !== undefined)
    .map((o) => {
      const span = urgencySpan(o, byOrder.get(o.id) ?? [], inputs.settings);
      return [o.id, span.startAt ?? null, span.windowMs, span.stopAt ?? null];
    });
}

function spanMap(rows: readonly SpanRow[]): Map<number, UrgencySpan> {
  const map = new Map<number, UrgencySpan>();
  for (const [id, startAt, windowMs, stopAt] of rows)
    map.set(id, {
      windowMs,
      ...(startAt === null ? {} : { startAt }),
      ...(stopAt === null ? {} : { stopAt }),
    });
  return map;
}

/** What `loadCachedClockInputs` read: the inputs, the stamp they match, and whether the summary should be rewritten. */
export interface CachedClockInputs {
  inputs: ClockInputs;
  stamp: ClockCacheStamp;
  /** The summary was missing or older than the database: `saveClockCache` brings it up to date. */
  stale: boolean;
  /** The summary to store when stale (kept off the read path: writing it costs a JSON.stringify). */
  next?: () => string;
}

const num = (key: unknown): number => (typeof key === 'number' ? key : 0);

/** The database's figures now. One key or count request each. */
export async function readClockCacheStamp(db: KamiGuardDb): Promise<ClockCacheStamp> {
  const [orders, lastOrderId, lastSeenAt, lastEventId, lastEvidenceId] = await Promise.all([
    db.orders.count(),
    db.orders.orderBy(':id').lastKey(),
    db.orders.orderBy('lastSeenAt').lastKey(),
    db.events.orderBy(':id').lastKey(),
    db.evidence.orderBy(':id').lastKey(),
  ]);
  return {
    orders,
    lastOrderId: num(lastOrderId),
    lastSeenAt: num(lastSeenAt),
    lastEventId: num(lastEventId),
    lastEvidenceId: num(lastEvidenceId),
  };
}

function compact(e: EventRecord): CompactEvent {
  return [e.id!, e.orderId, e.kind, e.at, e.status ?? null, e.action ?? null, e.detail ?? null];
}

function expand([id, orderId, kind, at, status, action, detail]: CompactEvent): EventRecord {
  const e: EventRecord = { id, orderId, kind, at };
  if (status !== null) e.status = status;
  if (action !== null) e.action = action;
  if (detail !== null) e.detail = detail;
  return e;
}

/** The summary from its stored JSON, or from that JSON already parsed (the popup's first read parses it early). */
export function parseClockCache(value: unknown): ClockCacheValue | undefined {
  let parsed = value;
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  const c = parsed as Partial<ClockCacheValue> | null | undefined;
  return c?.v === CACHE_VERSION && Array.isArray(c.orders) && Array.isArray(c.events) && Array.isArray(c.evidence)
    ? (c as ClockCacheValue)
    : undefined;
}

const sameOrders = (a: ClockCacheStamp, b: ClockCacheStamp): boolean =>
  a.orders === b.orders && a.lastOrderId === b.lastOrderId && a.lastSeenAt === b.lastSeenAt;

/** Whether two stamps describe the same database state. */
export const sameStamp = (a: ClockCacheStamp, b: ClockCacheStamp): boolean =>
  sameOrders(a, b) && a.lastEventId === b.lastEventId && a.lastEvidenceId === b.lastEvidenceId;

/**
 * The clock inputs of every order, as `loadClockInputs` gives them (events carry only what a clock reads), from the
 * summary where it is current and from the tables where it is not. Read-only: a stale summary is reported, and the
 * caller rewrites it off the read path (`saveClockCache`), so this can run inside a live query. `early` is the same
 * first rows read already without Dexie (lib/reminders/first-read.ts); with a current summary nothing more is read.
 */
export async function loadCachedClockInputs(db: KamiGuardDb, early?: RawFirstRead): Promise<CachedClockInputs> {
  const [stamp, value, snoozes, settings] = early
    ? [early.stamp, early.summary, snoozesFromRows(early.snoozes), parseEscalationSettings(early.settings)]
    : await Promise.all([
        readClockCacheStamp(db),
        db.kv.get(CLOCK_CACHE_KEY).then((row) => row?.value),
        getAllSnoozes(db),
        loadEscalationSettings(db),
      ]);
  const cache = parseClockCache(value);
  const since = (table: 'events' | 'evidence', upTo: number | undefined) =>
    upTo === undefined ? db[table].toArray() : db[table].where(':id').above(upTo).toArray();

  const eventsUpTo = cache && cache.stamp.lastEventId <= stamp.lastEventId ? cache.stamp.lastEventId : undefined;
  const evidenceUpTo =
    cache && cache.stamp.lastEvidenceId <= stamp.lastEvidenceId ? cache.stamp.lastEvidenceId : undefined;
  const [orders, newEvents, newEvidence] = await Promise.all([
    cache && sameOrders(cache.stamp, stamp) && eventsUpTo === stamp.lastEventId ? cache.orders : db.orders.toArray(),
    eventsUpTo === stamp.lastEventId ? ([] as EventRecord[]) : (since('events', eventsUpTo) as Promise<EventRecord[]>),
    evidenceUpTo === stamp.lastEvidenceId
      ? ([] as EvidenceRecord[])
      : (since('evidence', evidenceUpTo) as Promise<EvidenceRecord[]>),
  ]);
  const events = [...(eventsUpTo === undefined ? [] : cache!.events), ...newEvents.map(compact)];
  const evidence: [number, string][] = [
    ...(evidenceUpTo === undefined ? [] : cache!.evidence),
    ...newEvidence
      .filter((e) => STEP_EVIDENCE_KINDS.includes(e.kind))
      .map((e): [number, string] => [e.orderId, e.kind]),
  ];
  // The summary's spans hold while its orders and events are the ones read here and the settings are unchanged.
  const settingsKey = JSON.stringify(settings);
  const spansFit = cache !== undefined && orders === cache.orders && cache.spans?.settings === settingsKey;
  const stale = !cache || !sameStamp(cache.stamp, stamp) || !spansFit;
  const inputs: ClockInputs = {
    orders,
    events: events.map(expand),
    evidence: evidence.map(([orderId, kind]) => ({ orderId, kind: kind as EvidenceRecord['kind'] })),
    snoozes,
    settings,
    ...(spansFit ? { spans: spanMap(cache.spans!.list) } : {}),
  };
  return {
    inputs,
    stamp,
    stale,
    ...(stale
      ? {
          next: () =>
            JSON.stringify({
              v: CACHE_VERSION,
              stamp,
              orders,
              events,
              evidence,
              spans: { settings: settingsKey, list: spanRows(inputs) },
            } satisfies ClockCacheValue),
        }
      : {}),
  };
}

/**
 * Stores the summary of a stale read, unless the database has moved on since that read (then the next read makes a
 * newer one). Never throws: the summary only saves time.
 */
export async function saveClockCache(db: KamiGuardDb, read: CachedClockInputs): Promise<void> {
  if (!read.stale || !read.next) return;
  try {
    const value = read.next();
    await db.transaction('rw', [db.orders, db.events, db.evidence, db.kv], async () => {
      const now = await readClockCacheStamp(db);
      if (sameStamp(now, read.stamp)) await db.kv.put({ key: CLOCK_CACHE_KEY, value });
    });
  } catch (err) {
    console.warn('[kamiguard] could not store the list summary', err);
  }
}
