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
  clock: Pick<ClockState, 'started' | 'startAt' | 'stoppedAt' | 'running' | 'late' | 'outcome'>;
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
  const bySite = new Map<string, { record: ShopRecord; deliveries: number[] }>();
  for (const item of clocks) {
    const site = normalizeHost(item.order.site) || item.order.site;
    let entry = bySite.get(site);
    if (!entry) {
      entry = { record: emptyRecord(site), deliveries: [] };
      bySite.set(site, entry);
    }
    const { record, deliveries } = entry;
    const { clock } = item;
    record.orders++;
    record.lastSeenAt = Math.max(record.lastSeenAt, item.order.lastSeenAt);
    const outcome = outcomeOf(item);
    if (outcome) record.outcomes[outcome]++;
    if (!clock.started) continue;

    record.started++;
    if (clock.running) record.open++;
    if (clock.late) record.late++;
    if (!clock.running || clock.late) record.decided++;
    if (!clock.running && outcome === 'received' && clock.startAt !== undefined && clock.stoppedAt !== undefined) {
      record.delivered++;
      // An order first seen already delivered (and without a payment time from the shop) starts and stops its clock
      // at that one sighting: its delivery time is unknown, not zero, so it counts as delivered but not in the times.
      if (clock.stoppedAt > clock.startAt) deliveries.push(clock.stoppedAt - clock.startAt);
    }
  }

  const out: ShopRecord[] = [];
  for (const { record, deliveries } of bySite.values()) {
    if (deliveries.length) {
      record.medianDeliveryMs = median(deliveries);
      record.maxDeliveryMs = Math.max(...deliveries);
    }
    if (record.decided > 0) record.overdueRate = record.late / record.decided;
    out.push(record);
  }
  return out.toSorted((a, b) => b.orders - a.orders || a.site.localeCompare(b.site));
}
