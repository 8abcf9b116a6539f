/**
 * "This shop, from your own history" for the checkout panel: how the buyer's orders at this shop went (on time, late,
 * never), the median delivery time, open orders, the last problem, and whether the shop has taken longer than the
 * promise this page makes. Pure: one shop's clocks in (lib/reminders/clocks), figures out. Built on the shop record
 * of lib/escalation/shop-record.ts, which it only reads.
 */
import type { OrderClock } from '@/lib/reminders/clocks';
import { shopRecords } from '@/lib/escalation/shop-record';
import type { OrderStatus } from '@/lib/extract/types';

/** What went wrong with one order. */
export const PROBLEM_KINDS = ['late', 'lost', 'refunded', 'abnormal', 'out_of_stock', 'frozen'] as const;
export type ProblemKind = (typeof PROBLEM_KINDS)[number];

export interface LastProblem {
  kind: ProblemKind;
  product?: string;
  /** Epoch ms the order was last seen. */
  at: number;
  /** For 'late': how far past its window the order went (or is, while still waiting). */
  overdueMs?: number;
}

export interface ShopSummary {
  /** Every order seen at the shop. */
  orders: number;
  /** Delivered within the promised window. */
  onTime: number;
  /** Past the promised window: delivered late, or still waiting after it. */
  late: number;
  /** Never delivered: refunded or lost. */
  never: number;
  /** Waiting now (clock running). */
  open: number;
  medianDeliveryMs?: number;
  lastProblem?: LastProblem;
  /**
   * Orders that took (or are taking) longer than the promise on this buy page: delivered after more than that
   * many minutes, or still waiting past it. Only with a promise.
   */
  slowerThanPromise?: number;
}

const PROBLEM_STATUSES: Partial<Record<OrderStatus, ProblemKind>> = {
  abnormal: 'abnormal',
  out_of_stock: 'out_of_stock',
  frozen: 'frozen',
};

/** The problem an order had, if any: its outcome first, then its status, then lateness. */
function problemOf({ order, clock }: OrderClock): ProblemKind | undefined {
  if (clock.outcome === 'lost' || clock.outcome === 'refunded') return clock.outcome;
  const byStatus = PROBLEM_STATUSES[order.status];
  if (byStatus) return byStatus;
  return clock.late ? 'late' : undefined;
}

/** Sums up one shop's orders (all `clocks` are of the same shop). */
export function summarizeShop(clocks: readonly OrderClock[], promiseMinutes?: number): ShopSummary {
  const record = shopRecords(clocks)[0];
  const summary: ShopSummary = {
    orders: record?.orders ?? 0,
    onTime: 0,
    late: record?.late ?? 0,
    never: 0,
    open: record?.open ?? 0,
    ...(record?.medianDeliveryMs !== undefined ? { medianDeliveryMs: record.medianDeliveryMs } : {}),
  };
  let slower = 0;
  let last: LastProblem | undefined;
  for (const item of clocks) {
    const { order, clock } = item;
    if (clock.started && !clock.running && clock.outcome === 'received' && !clock.late) summary.onTime++;
    if (clock.outcome === 'lost' || clock.outcome === 'refunded') summary.never++;
    // elapsedMs runs from payment to delivery, or to now while the order waits.
    if (promiseMinutes && clock.started && (clock.running || clock.outcome === 'received'))
      if (clock.elapsedMs > promiseMinutes * 60_000) slower++;
    const kind = problemOf(item);
    if (kind && (!last || order.lastSeenAt > last.at)) {
      last = {
        kind,
        at: order.lastSeenAt,
        ...(order.productName ? { product: order.productName } : {}),
        ...(kind === 'late' && clock.overdueMs > 0 ? { overdueMs: clock.overdueMs } : {}),
      };
    }
  }
  if (last) summary.lastProblem = last;
  if (promiseMinutes) summary.slowerThanPromise = slower;
  return summary;
}
