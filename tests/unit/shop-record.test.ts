import { describe, expect, it } from 'vitest';
import type { EventRecord, OrderRecord } from '@/lib/db/types';
import { cloneDefaults, computeClock } from '@/lib/escalation';
import { SHOP_RECORD_COLUMNS, shopRecordRows, shopRecords, type ShopRecordInput } from '@/lib/escalation/shop-record';

const MIN = 60_000;
const HOUR = 60 * MIN;
const T0 = Date.parse('2026-03-01T10:00:00+08:00');
const NOW = T0 + 10 * 24 * HOUR;

let nextId = 1;

/** An order paid at T0 + `paidOffset`, on `site`, with status sightings at the given offsets from T0. */
function order(
  site: string,
  sightings: [offsetMs: number, status: OrderRecord['status']][],
  extra: Partial<OrderRecord> = {},
): { order: OrderRecord; events: EventRecord[] } {
  const id = nextId++;
  const events: EventRecord[] = sightings.map(([offset, status], i) => ({
    orderId: id,
    kind: i === 0 ? 'first_seen' : 'status_changed',
    at: T0 + offset,
    status,
  }));
  const last = sightings.at(-1)!;
  return {
    order: {
      id,
      platform: 'generic',
      orderNo: `NO${id}`,
      status: last[1],
      site,
      url: `https://${site}/order/${id}`,
      urls: [],
      firstSeenAt: T0 + sightings[0]![0],
      lastSeenAt: T0 + last[0],
      ...extra,
    },
    events,
  };
}

function clocks(...items: { order: OrderRecord; events: EventRecord[] }[]): ShopRecordInput[] {
  const settings = cloneDefaults();
  return items.map(({ order: o, events }) => ({ order: o, clock: computeClock(o, events, settings, NOW) }));
}

describe('shopRecords', () => {
  it('measures delivery times from payment to delivery, per shop', () => {
    const records = shopRecords(
      clocks(
        order('fast.example', [
          [0, 'paid'],
          [5 * MIN, 'delivered'],
        ]),
        order('fast.example', [
          [0, 'paid'],
          [20 * MIN, 'delivered'],
        ]),
        order('fast.example', [
          [0, 'processing'],
          [2 * HOUR, 'delivered'],
        ]),
        order('slow.example', [
          [0, 'paid'],
          [30 * HOUR, 'delivered'],
        ]),
      ),
    );
    expect(records.map((r) => r.site)).toEqual(['fast.example', 'slow.example']);
    const [fast, slow] = records;
    expect(fast).toMatchObject({ orders: 3, started: 3, delivered: 3, late: 0, decided: 3, overdueRate: 0, open: 0 });
    expect(fast!.medianDeliveryMs).toBe(20 * MIN);
    expect(fast!.maxDeliveryMs).toBe(2 * HOUR);
    expect(fast!.outcomes).toEqual({ received: 3, refunded: 0, lost: 0, abandoned: 0 });
    // 30 h against the default 24 h window: late.
    expect(slow).toMatchObject({ delivered: 1, late: 1, decided: 1, overdueRate: 1, medianDeliveryMs: 30 * HOUR });
  });

  it('takes the mean of the two middle delivery times for an even count', () => {
    const [record] = shopRecords(
      clocks(
        order('a.example', [
          [0, 'paid'],
          [10 * MIN, 'delivered'],
        ]),
        order('a.example', [
          [0, 'paid'],
          [30 * MIN, 'delivered'],
        ]),
      ),
    );
    expect(record!.medianDeliveryMs).toBe(20 * MIN);
  });

  it('counts refunds, user resolutions and open orders, and leaves fresh open orders out of the overdue rate', () => {
    const refunded = order('b.example', [
      [0, 'paid'],
      [3 * HOUR, 'refunded'],
    ]);
    const lost = order('b.example', [[0, 'paid']], { resolvedAt: T0 + 5 * 24 * HOUR, outcome: 'lost' });
    // Still waiting, paid 3 days before NOW: past the 24 h window.
    const overdue = order('b.example', [[7 * 24 * HOUR, 'processing']]);
    // Paid an hour before NOW: inside its window, timeliness not known yet.
    const fresh = order('b.example', [[NOW - T0 - HOUR, 'paid']]);
    const [record] = shopRecords(clocks(refunded, lost, overdue, fresh));
    expect(record).toMatchObject({ orders: 4, started: 4, delivered: 0, open: 2, late: 2, decided: 3 });
    expect(record!.overdueRate).toBeCloseTo(2 / 3);
    expect(record!.outcomes).toEqual({ received: 0, refunded: 1, lost: 1, abandoned: 0 });
    expect(record!.medianDeliveryMs).toBeUndefined();
    expect(record!.maxDeliveryMs).toBeUndefined();
  });

  it('counts unpaid orders as orders only, but keeps an outcome the user recorded on them', () => {
    const unpaid = order('c.example', [[0, 'pending_payment']]);
    const abandoned = order('c.example', [[0, 'closed']], { resolvedAt: T0 + HOUR, outcome: 'abandoned' });
    const [record] = shopRecords(clocks(unpaid, abandoned));
    expect(record).toMatchObject({ orders: 2, started: 0, decided: 0, open: 0, late: 0 });
    expect(record!.overdueRate).toBeUndefined();
    expect(record!.outcomes.abandoned).toBe(1);
  });

  it('groups hosts the way per-shop settings do and sorts by number of orders', () => {
    const records = shopRecords(
      clocks(
        order('WWW.Shop.Example:8080', [[0, 'pending_payment']]),
        order('shop.example', [[0, 'pending_payment']]),
        order('zeta.example', [[0, 'pending_payment']]),
        order('alpha.example', [[0, 'pending_payment']]),
      ),
    );
    expect(records.map((r) => [r.site, r.orders])).toEqual([
      ['shop.example', 2],
      ['alpha.example', 1],
      ['zeta.example', 1],
    ]);
    expect(records[0]!.lastSeenAt).toBe(T0);
  });

  it('returns nothing for no orders', () => {
    expect(shopRecords([])).toEqual([]);
  });
});

describe('delivery times that are not known', () => {
  it('counts an order first seen delivered as delivered, but not as a delivery time of zero', () => {
    const at = Date.parse('2026-11-30T10:00:00+08:00');
    const records = shopRecords([
      {
        order: { site: 'shop.example.com', lastSeenAt: at },
        clock: { started: true, startAt: at, stoppedAt: at, running: false, late: false, outcome: 'received' },
      },
    ]);
    expect(records[0]).toMatchObject({ delivered: 1 });
    expect(records[0]?.medianDeliveryMs).toBeUndefined();
  });
});

describe('on time, late and never', () => {
  it('splits delivered orders into on time and late, counts paid orders that never arrived, and keeps each time', () => {
    const records = shopRecords(
      clocks(
        order('a.example', [
          [0, 'paid'],
          [20 * MIN, 'delivered'],
        ]),
        order('a.example', [
          [0, 'paid'],
          [30 * HOUR, 'delivered'],
        ]),
        order('a.example', [
          [0, 'paid'],
          [5 * HOUR, 'refunded'],
        ]),
        order('a.example', [[0, 'paid']], { resolvedAt: T0 + 3 * 24 * HOUR, outcome: 'lost' }),
        // Paid 3 days before NOW and still waiting: open and overdue now.
        order('a.example', [[7 * 24 * HOUR, 'processing']]),
        // Paid an hour before NOW: open, not overdue.
        order('a.example', [[NOW - T0 - HOUR, 'paid']]),
        // Never paid: an order, nothing else.
        order('a.example', [[0, 'pending_payment']]),
      ),
    );
    const [a] = records;
    expect(a).toMatchObject({
      orders: 7,
      started: 6,
      delivered: 2,
      onTime: 1,
      lateDelivered: 1,
      never: 2,
      open: 2,
      overdueNow: 1,
      medianDeliveryMs: (20 * MIN + 30 * HOUR) / 2,
      maxDeliveryMs: 30 * HOUR,
    });
    expect(a!.outcomes).toMatchObject({ received: 2, refunded: 1, lost: 1 });
    expect(a!.deliveries).toEqual([
      { ms: 20 * MIN, late: false },
      { ms: 30 * HOUR, late: true },
    ]);
    expect(a!.onTime + a!.lateDelivered).toBe(a!.delivered);
  });

  it('gives the worst delivery as the longest, whatever order the deliveries came in', () => {
    const [r] = shopRecords(
      clocks(
        order('w.example', [
          [0, 'paid'],
          [3 * HOUR, 'delivered'],
        ]),
        order('w.example', [
          [0, 'paid'],
          [MIN, 'delivered'],
        ]),
        order('w.example', [
          [0, 'paid'],
          [40 * MIN, 'delivered'],
        ]),
      ),
    );
    expect(r).toMatchObject({ medianDeliveryMs: 40 * MIN, maxDeliveryMs: 3 * HOUR });
    expect(r!.deliveries.map((d) => d.ms)).toEqual([MIN, 40 * MIN, 3 * HOUR]);
  });
});

describe('shopRecordRows (the CSV export)', () => {
  it('writes one row per shop in the column order, durations in minutes, the rate in per cent', () => {
    const records = shopRecords(
      clocks(
        order('fast.example', [
          [0, 'paid'],
          [5 * MIN, 'delivered'],
        ]),
        order('fast.example', [
          [0, 'paid'],
          [25 * HOUR, 'delivered'],
        ]),
        order('fast.example', [
          [0, 'paid'],
          [26 * HOUR, 'delivered'],
        ]),
        order('new.example', [[0, 'pending_payment']]),
      ),
    );
    const rows = shopRecordRows(records);
    expect(rows[0]).toHaveLength(SHOP_RECORD_COLUMNS.length);
    expect(Object.fromEntries(SHOP_RECORD_COLUMNS.map((c, i) => [c, rows[0]![i]]))).toEqual({
      site: 'fast.example',
      orders: 3,
      paid: 3,
      on_time: 1,
      late: 2,
      never: 0,
      refunded: 0,
      open: 0,
      overdue_now: 0,
      median_min: 1500,
      worst_min: 1560,
      overdue_rate: 66.7,
      last_seen: '2026-03-02',
    });
    // Unknown figures are empty cells, not 0 or "undefined".
    expect(rows[1]).toEqual(['new.example', 1, 0, 0, 0, 0, 0, 0, 0, '', '', '', '2026-03-01']);
  });
});
