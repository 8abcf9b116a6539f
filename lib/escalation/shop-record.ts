/**
 * The per-shop record (DESIGN.md point 5): how each shop the user bought from has actually delivered, built only from
 * the user's own history. Pure: clocks in, figures out.
 */
import type { OrderOutcome, OrderRecord } from '@/lib/db/types';
import type { ClockState } from './clock';
import { normalizeHost } from './window';

/** What `shopRecords` reads of one order and its clock (an `OrderClock` from lib/reminders fits). */
export interface ShopRecordInput {
  order: Pick<OrderRecord, 'site' | 'outcome' | 'resolvedAt' | 'lastSeenAt'>;
  clock: Pick<ClockState, 'started' | 'startAt' | 'stoppedAt' | 'running' | 'late' | 'outcome'> &
    Partial<Pick<ClockState, 'overdue'>>;
}

/** One delivery of a shop: how long payment → delivery took, and whether that was past the order's window. */
export interface Delivery {
  ms: number;
  late: boolean;
}

/** One shop's record. Durations are in ms, measured on the delay clock (payment → delivery). */
export interface ShopRecord {
  /** Site host as used for per-shop settings (lower case, no port, no "www."). */
  site: string;
  /** Every order seen on the shop, paid or not. */
  orders: number;
  /** Orders whose clock started (a payment was seen). */
  started: number;
  /** Stopped clocks whose outcome is "received": the goods arrived. */
  delivered: number;
  /** Median payment → delivery time of `delivered` orders whose delivery time is known; undefined when there are none. */
  medianDeliveryMs?: number;
  /** Longest payment → delivery time of `delivered` orders. */
  maxDeliveryMs?: number;
  /** Orders that went past their promised window (delivered late, or still waiting after it). */
  late: number;
  /**
   * Started orders whose timeliness is known: stopped ones plus running ones already late. A running order still
   * inside its window may yet turn late, so counting it as on time would flatter a shop that is slow right now.
   */
  decided: number;
  /** late / decided, 0..1; undefined while nothing is decided. */
  overdueRate?: number;
  /** How the user closed the shop's orders. */
  outcomes: Record<OrderOutcome, number>;
  /** Orders whose clock is running now. */
  open: number;
  /** Delivered within the promised window (`delivered` = onTime + lateDelivered). */
  onTime: number;
  /** Delivered, but after the promised window. */
  lateDelivered: number;
  /** Paid and closed without the goods: refunded, lost or given up. */
  never: number;
  /** Running orders already past their window (counted in `open` too). */
  overdueNow: number;
  /** Known delivery times, shortest first (the chart draws them). */
  deliveries: Delivery[];
  /** Latest sighting of any of the shop's orders (epoch ms). */
  lastSeenAt: number;
}

function emptyRecord(site: string): ShopRecord {
  return {
    site,
    orders: 0,
    started: 0,
    delivered: 0,
    late: 0,
    decided: 0,
    outcomes: { received: 0, refunded: 0, lost: 0, abandoned: 0 },
    open: 0,
    onTime: 0,
    lateDelivered: 0,
    never: 0,
    overdueNow: 0,
    deliveries: [],
    lastSeenAt: 0,
  };
}

/** Median of a non-empty list (mean of the two middle values for an even count). */
function median(values: readonly number[]): number {
  const sorted = values.toSorted((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The outcome of a closed order: the clock's when it stopped, else what the user recorded on an unpaid order. */
function outcomeOf({ order, clock }: ShopRecordInput): OrderOutcome | undefined {
  if (clock.started) return clock.stoppedAt !== undefined && !clock.running ? clock.outcome : undefined;
  return order.resolvedAt !== undefined ? order.outcome : undefined;
}

/**
 * Groups orders by shop (normalised site host) and sums up each shop's record. Sorted by number of orders, most
 * first, then by host, so the shops the user relies on most lead the table.
 */
export function shopRecords(clocks: readonly ShopRecordInput[]): ShopRecord[] {
  const bySite = new Map<string, ShopRecord>();
  for (const item of clocks) {
    const site = normalizeHost(item.order.site) || item.order.site;
    let record = bySite.get(site);
    if (!record) {
      record = emptyRecord(site);
      bySite.set(site, record);
    }
    const { clock } = item;
    record.orders++;
    record.lastSeenAt = Math.max(record.lastSeenAt, item.order.lastSeenAt);
    const outcome = outcomeOf(item);
    if (outcome) record.outcomes[outcome]++;
    if (!clock.started) continue;

    record.started++;
    if (clock.running) record.open++;
    if (clock.running && (clock.overdue ?? clock.late)) record.overdueNow++;
    if (clock.late) record.late++;
    if (!clock.running || clock.late) record.decided++;
    if (!clock.running && outcome !== undefined && outcome !== 'received') record.never++;
    if (!clock.running && outcome === 'received' && clock.startAt !== undefined && clock.stoppedAt !== undefined) {
      record.delivered++;
      if (clock.late) record.lateDelivered++;
      else record.onTime++;
      // An order first seen already delivered (and without a payment time from the shop) starts and stops its clock
      // at that one sighting: its delivery time is unknown, not zero, so it counts as delivered but not in the times.
      if (clock.stoppedAt > clock.startAt)
        record.deliveries.push({ ms: clock.stoppedAt - clock.startAt, late: clock.late });
    }
  }

  const out: ShopRecord[] = [];
  for (const record of bySite.values()) {
    if (record.deliveries.length) {
      record.deliveries.sort((a, b) => a.ms - b.ms);
      const times = record.deliveries.map((d) => d.ms);
      record.medianDeliveryMs = median(times);
      record.maxDeliveryMs = times.at(-1);
    }
    if (record.decided > 0) record.overdueRate = record.late / record.decided;
    out.push(record);
  }
  return out.toSorted((a, b) => b.orders - a.orders || a.site.localeCompare(b.site));
}

/** Minutes, rounded to one decimal: CSV cells and the chart's text read durations in minutes. */
function minutes(ms: number | undefined): number | '' {
  return ms === undefined ? '' : Math.round(ms / 6_000) / 10;
}

/**
 * The record as table rows for the CSV export, in the order of `SHOP_RECORD_COLUMNS`: counts as numbers, durations
 * in minutes, the overdue rate in per cent, the last sighting as a China-time date; '' where a figure is unknown.
 */
export function shopRecordRows(records: readonly ShopRecord[]): (string | number)[][] {
  return records.map((r) => [
    r.site,
    r.orders,
    r.started,
    r.onTime,
    r.lateDelivered,
    r.never,
    r.outcomes.refunded,
    r.open,
    r.overdueNow,
    minutes(r.medianDeliveryMs),
    minutes(r.maxDeliveryMs),
    r.overdueRate === undefined ? '' : Math.round(r.overdueRate * 1000) / 10,
    r.lastSeenAt > 0 ? new Date(r.lastSeenAt + 8 * 3_600_000).toISOString().slice(0, 10) : '',
  ]);
}

/** What each column of `shopRecordRows` holds (the i18n keys of the CSV header are `record_csv_<id>`). */
export const SHOP_RECORD_COLUMNS = [
  'site',
  'orders',
  'paid',
  'on_time',
  'late',
  'never',
  'refunded',
  'open',
  'overdue_now',
  'median_min',
  'worst_min',
  'overdue_rate',
  'last_seen',
] as const;
