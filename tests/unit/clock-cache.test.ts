import { describe, expect, it } from 'vitest';
import { addBuyerOrder, getTimeline, recordPaymentSeen, upsertSighting, type KamiGuardDb } from '@/lib/db';
import { applyOrderAction } from '@/lib/background/order-actions';
import { exportBackup, importBackup } from '@/lib/backup';
import { addEvidence } from '@/lib/evidence';
import {
  CLOCK_CACHE_KEY,
  loadCachedClockInputs,
  saveClockCache,
  type CachedClockInputs,
} from '@/lib/reminders/clock-cache';
import type { ClockState, ClockUrgency } from '@/lib/escalation';
import { computeClocks, loadClockInputs } from '@/lib/reminders/clocks';
import { readFirstRaw } from '@/lib/reminders/first-read';
import { saveEscalationSettings, setSnooze } from '@/lib/reminders/store';
import { freshDb } from './fresh-db';

const T0 = Date.parse('2026-12-01T10:00:00+08:00');
const NOW = T0 + 30 * 3_600_000;

async function sighting(db: KamiGuardDb, orderNo: string, status: 'paid' | 'processing' | 'delivered', at: number) {
  return upsertSighting(db, {
    order: { platform: 'dujiaoka', orderNo, status, paidAt: new Date(T0).toISOString() },
    site: 'shop.example',
    url: `https://shop.example/order/${orderNo}`,
    at,
  });
}

/** A clock's urgency fields, as computeUrgency gives them. */
const pick = (c: ClockState): ClockUrgency => {
  const u: ClockUrgency = { started: c.started, running: c.running, overdue: c.overdue };
  if (c.windowEndsAt !== undefined) u.windowEndsAt = c.windowEndsAt;
  if (c.stoppedAt !== undefined) u.stoppedAt = c.stoppedAt;
  return u;
};

/** The clocks the plain read gives, and those of the summary read: they must agree. */
async function agree(db: KamiGuardDb): Promise<CachedClockInputs> {
  const cached = await loadCachedClockInputs(db);
  // The popup's first read without Dexie (lib/reminders/first-read.ts) must come to the same inputs.
  const early = await readFirstRaw(indexedDB, db.name);
  expect(early?.stamp).toEqual(cached.stamp);
  const viaEarly = await loadCachedClockInputs(db, early);
  expect(viaEarly.inputs).toEqual(cached.inputs);
  expect(viaEarly.stale).toBe(cached.stale);
  const plain = computeClocks(await loadClockInputs(db), NOW);
  const fromCache = computeClocks(cached.inputs, NOW);
  expect(fromCache.map((c) => c.order)).toEqual(plain.map((c) => c.order));
  expect(fromCache.map((c) => c.clock)).toEqual(plain.map((c) => c.clock));
  // Sorting and grouping by the summary's kept spans (where it has them) gives what the timelines give.
  expect(fromCache.map((c) => c.urgency)).toEqual(plain.map((c) => c.urgency));
  for (const c of fromCache) expect(c.urgency).toEqual(pick(c.clock));
  return cached;
}

/** Reads, agrees, and stores the summary, as the popup does after it has painted. */
async function readAndStore(db: KamiGuardDb): Promise<CachedClockInputs> {
  const read = await agree(db);
  await saveClockCache(db, read);
  return read;
}

describe("the popup's first read without Dexie", () => {
  it('finds nothing where there is no database, and does not create one', async () => {
    const name = `kamiguard-none-${Math.random()}`;
    expect(await readFirstRaw(indexedDB, name)).toBeUndefined();
    expect((await indexedDB.databases()).map((d) => d.name)).not.toContain(name);
  });

  it('reads the settings and snoozes as stored, and they are checked as the Dexie read checks them', async () => {
    const db = freshDb();
    await sighting(db, 'A1', 'paid', T0);
    await saveEscalationSettings(db, { defaultWindowMinutes: 90 });
    await setSnooze(db, 1, NOW + 60_000);
    await db.kv.put({ key: 'reminders.snooze.x', value: { until: 'soon' } });
    const early = await readFirstRaw(indexedDB, db.name);
    expect(early?.snoozes).toHaveLength(2);
    const read = await loadCachedClockInputs(db, early);
    expect(read.inputs.settings.defaultWindowMinutes).toBe(90);
    expect([...read.inputs.snoozes]).toEqual([[1, NOW + 60_000]]);
    expect(read.inputs).toEqual((await loadCachedClockInputs(db)).inputs);
  });
});

describe("the summary's urgency spans", () => {
  it('are kept with the summary, used while they hold, and dropped when an event or the settings change', async () => {
    const db = freshDb();
    await sighting(db, 'S1', 'paid', T0);
    await sighting(db, 'S2', 'processing', T0 + 60_000);
    expect((await readAndStore(db)).inputs.spans).toBeUndefined();
    const kept = await agree(db);
    expect(kept.stale).toBe(false);
    expect(kept.inputs.spans?.size).toBe(2);

    await sighting(db, 'S2', 'delivered', T0 + 3_600_000);
    const moved = await agree(db);
    expect(moved.inputs.spans).toBeUndefined();
    expect(moved.stale).toBe(true);
    await saveClockCache(db, moved);
    expect((await agree(db)).inputs.spans?.size).toBe(2);

    await saveEscalationSettings(db, { defaultWindowMinutes: 30 });
    const resettled = await agree(db);
    expect(resettled.inputs.spans).toBeUndefined();
    expect(resettled.stale).toBe(true);
  });
});

describe('the list summary', () => {
  it('is stale when missing, current once stored, and then reads no table row', async () => {
    const db = freshDb();
    // Counts the table reads (DBCore queries), switched on below.
    const reads: string[] = [];
    let counting = false;
    db.use({
      stack: 'dbcore',
      name: 'count-reads',
      create: (down) => ({
        ...down,
        table: (name) => {
          const table = down.table(name);
          return {
            ...table,
            query: (req) => {
              if (counting) reads.push(name);
              return table.query(req);
            },
          };
        },
      }),
    });
    await sighting(db, 'A1', 'paid', T0 + 60_000);
    await sighting(db, 'A2', 'processing', T0 + 120_000);
    const first = await readAndStore(db);
    expect(first.stale).toBe(true);
    expect(await db.kv.get(CLOCK_CACHE_KEY)).toBeDefined();

    const second = await agree(db);
    expect(second.stale).toBe(false);
    // A current summary is used as it is: the rows it holds are not read again.
    counting = true;
    await loadCachedClockInputs(db);
    expect(reads.filter((t) => t === 'orders' || t === 'events')).toEqual([]);
    // (And the counter does see a read that needs the tables.)
    await db.kv.delete(CLOCK_CACHE_KEY);
    await loadCachedClockInputs(db);
    expect(reads).toEqual(expect.arrayContaining(['orders', 'events']));
  });

  it('follows every writer: sightings, actions, payments, hand entries, evidence, snoozes and settings', async () => {
    const db = freshDb();
    const { orderId } = await sighting(db, 'B1', 'paid', T0 + 60_000);
    await readAndStore(db);
    const steps: [string, () => Promise<unknown>][] = [
      ['a status change', () => sighting(db, 'B1', 'processing', T0 + 3_600_000)],
      ['a sighting that only moves lastSeenAt', () => sighting(db, 'B1', 'processing', T0 + 7_200_000)],
      ['a new order', () => sighting(db, 'B2', 'paid', T0 + 7_300_000)],
      ['I have paid', () => applyOrderAction(db, orderId, { type: 'user_paid' }, T0 + 7_400_000)],
      [
        'a step marked done',
        () => applyOrderAction(db, orderId, { type: 'step_done', step: 'contact_support' }, T0 + 7_500_000),
      ],
      ['the window', () => applyOrderAction(db, orderId, { type: 'set_window', minutes: 60 }, T0 + 7_600_000)],
      [
        'a payment seen',
        () =>
          recordPaymentSeen(db, {
            site: 'shop.example',
            orderNo: 'B3',
            url: 'https://shop.example/pay',
            at: T0 + 7_700_000,
          }),
      ],
      [
        'an order entered by hand',
        () =>
          addBuyerOrder(
            db,
            {
              site: 'gone.example',
              url: 'https://gone.example/',
              orderNo: 'H1',
              amount: 9,
              currency: 'CNY',
              paidAt: new Date(T0).toISOString(),
            },
            T0 + 7_800_000,
          ),
      ],
      [
        'a receipt',
        () =>
          addEvidence(db, {
            orderId,
            kind: 'payment_receipt',
            source: 'imported',
            bytes: 'receipt',
            url: 'https://shop.example/',
            capturedAt: T0 + 7_900_000,
          }),
      ],
      ['a snooze', () => setSnooze(db, orderId, NOW + 3_600_000)],
      ['the settings', () => saveEscalationSettings(db, { defaultWindowMinutes: 120 })],
      ['a resolution', () => applyOrderAction(db, orderId, { type: 'resolve', outcome: 'refunded' }, T0 + 8_000_000)],
    ];
    for (const [what, write] of steps) {
      await write();
      // Each write is seen before the summary is stored again, and after.
      const read = await agree(db).catch((err: Error) => {
        throw new Error(`after ${what}: ${err.message}`);
      });
      await saveClockCache(db, read);
      await agree(db);
    }
  });

  it('reads only the events appended since it was made, and keeps only what a clock reads of them', async () => {
    const db = freshDb();
    const { orderId } = await sighting(db, 'C1', 'paid', T0 + 60_000);
    await readAndStore(db);
    await sighting(db, 'C1', 'delivered', T0 + 600_000);
    const read = await agree(db);
    expect(read.stale).toBe(true);
    const events = read.inputs.events.filter((e) => e.orderId === orderId);
    expect(events.map((e) => e.kind)).toEqual(['first_seen', 'status_changed']);
    // No hashes, URLs or page text in the summary's events.
    for (const e of events)
      expect(Object.keys(e).sort()).toEqual(expect.arrayContaining(['at', 'id', 'kind', 'orderId']));
    expect(events.some((e) => 'hash' in e || 'url' in e || 'statusText' in e)).toBe(false);
    expect((await getTimeline(db, orderId))[0]).toHaveProperty('hash');
  });

  it('is not stored over a database that moved on since the read', async () => {
    const db = freshDb();
    await sighting(db, 'D1', 'paid', T0 + 60_000);
    const read = await loadCachedClockInputs(db);
    await sighting(db, 'D2', 'paid', T0 + 120_000);
    await saveClockCache(db, read);
    expect(await db.kv.get(CLOCK_CACHE_KEY)).toBeUndefined();
    await agree(db);
  });

  it('is rebuilt when it cannot be read, and is neither exported nor kept across a backup import', async () => {
    const db = freshDb();
    await sighting(db, 'E1', 'paid', T0 + 60_000);
    await readAndStore(db);
    await db.kv.put({ key: CLOCK_CACHE_KEY, value: '{not json' });
    expect((await agree(db)).stale).toBe(true);
    await readAndStore(db);

    const backup = await exportBackup(db);
    const target = freshDb();
    await importBackup(target, backup);
    expect((await target.kv.toArray()).map((r) => r.key)).not.toContain(CLOCK_CACHE_KEY);
    // An import into a database with a current summary drops it: merged orders may change without a new event.
    await importBackup(db, backup);
    expect(await db.kv.get(CLOCK_CACHE_KEY)).toBeUndefined();
  });
});
