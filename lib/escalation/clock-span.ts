import type { EventRecord, OrderOutcome, OrderRecord, UserAction } from '@/lib/db/types';
import { parseChinaTime } from '@/lib/time';
import type { OrderStatus } from '@/lib/extract/types';

/** What started the clock. */
export type StartReason = 'paid_at' | 'paid_status' | 'payment_seen' | 'user_paid';
/** What stopped it. `resolved` = the user closed the order by hand. */
export type StopReason = 'delivered' | 'refunded' | 'resolved';

/** Statuses that prove the money left: a shop only shows them for paid orders. */
export const PAID_LIKE_STATUSES: ReadonlySet<OrderStatus> = new Set<OrderStatus>([
  'paid',
  'processing',
  'abnormal',
  'out_of_stock',
  'frozen',
  'delivered',
  'refunded',
]);

/** Statuses that stop the clock: the buyer has the goods or the money back. */
const STOP_STATUSES: ReadonlySet<OrderStatus> = new Set<OrderStatus>(['delivered', 'refunded']);

/** User actions that close the order, with the outcome each implies. */
const FINAL_ACTIONS: Partial<Record<UserAction, OrderOutcome>> = {
  received: 'received',
  refunded: 'refunded',
  gave_up: 'abandoned',
};

const OUTCOMES: readonly string[] = ['received', 'refunded', 'lost', 'abandoned'] satisfies OrderOutcome[];

/** A point in time and why. */
export interface Mark<R> {
  at: number;
  reason: R;
}

const byTime = (a: EventRecord, b: EventRecord): number => a.at - b.at || (a.id ?? 0) - (b.id ?? 0);

/**
 * Events in time order; equal times keep insertion (id) order. A timeline is nearly always stored in that order
 * already: then it is returned as it is, without a copy (the popup computes a thousand clocks on every open).
 */
export function sortEvents(events: readonly EventRecord[]): readonly EventRecord[] {
  for (let i = 1; i < events.length; i++) if (byTime(events[i - 1]!, events[i]!) > 0) return events.toSorted(byTime);
  return events;
}

/** Status sightings from the timeline; an order without any (imported, legacy) falls back to its stored status. */
function statusSightings(order: OrderRecord, events: readonly EventRecord[]): { at: number; status: OrderStatus }[] {
  const out: { at: number; status: OrderStatus }[] = [];
  for (const e of events) {
    // Card keys on the page are no sighting of their own: the status stored with them already weighs them (DESIGN.md's
    // precedence: keys under 处理中 are a partial delivery and the clock runs on until the shop says done).
    if (e.status && (e.kind === 'first_seen' || e.kind === 'status_changed')) out.push({ at: e.at, status: e.status });
  }
  if (out.length === 0) out.push({ at: order.firstSeenAt, status: order.status });
  return out;
}

/** A stored shop time (ISO 8601; a time without a zone is China time, as extraction writes it) in epoch ms. */
function parseTime(iso: string | undefined): number | undefined {
  const t = iso ? parseChinaTime(iso) : undefined;
  return t !== undefined && t > 0 ? t : undefined;
}

/**
 * When the clock starts. The shop's own payment time wins; without it, the earliest sign that the money left:
 * a paid-like status, a payment-success signal, or the user's "I have paid". Taking the earliest (not a fixed
 * order among these) keeps the clock from jumping back when a 待支付 order the user marked paid later turns 已支付.
 */
export function findClockStart(order: OrderRecord, events: readonly EventRecord[]): Mark<StartReason> | undefined {
  const paidAt = parseTime(order.paidAt);
  if (paidAt !== undefined) return { at: paidAt, reason: 'paid_at' };

  const candidates: Mark<StartReason>[] = [];
  for (const s of statusSightings(order, events)) {
    if (PAID_LIKE_STATUSES.has(s.status)) candidates.push({ at: s.at, reason: 'paid_status' });
  }
  if (order.paymentSeenAt) candidates.push({ at: order.paymentSeenAt, reason: 'payment_seen' });
  if (order.userPaidAt) candidates.push({ at: order.userPaidAt, reason: 'user_paid' });
  for (const e of events) {
    if (e.kind === 'payment_seen') candidates.push({ at: e.at, reason: 'payment_seen' });
    if (e.kind === 'user_paid') candidates.push({ at: e.at, reason: 'user_paid' });
  }
  // Stable sort: on equal times the stronger signal (pushed first) wins.
  return candidates.toSorted((a, b) => a.at - b.at)[0];
}

/** Where the clock stopped, and the outcome that follows from it. */
export interface ClockStop extends Mark<StopReason> {
  outcome?: OrderOutcome;
}

/** The user's resolution: the order's `resolvedAt`, else the first resolving timeline event. */
function findResolution(order: OrderRecord, events: readonly EventRecord[]): ClockStop | undefined {
  if (order.resolvedAt) return { at: order.resolvedAt, reason: 'resolved', outcome: order.outcome };
  for (const e of events) {
    if (e.kind === 'resolved') {
      const outcome = OUTCOMES.includes(e.detail ?? '') ? (e.detail as OrderOutcome) : undefined;
      return { at: e.at, reason: 'resolved', outcome: order.outcome ?? outcome };
    }
    const implied = e.kind === 'user_action' && e.action ? FINAL_ACTIONS[e.action] : undefined;
    if (implied) return { at: e.at, reason: 'resolved', outcome: order.outcome ?? implied };
  }
  return undefined;
}

/**
 * When the clock stops: the user's resolution, or the start of the latest unbroken run of delivered/refunded
 * sightings. Only the latest run counts, so a page mis-read as 已完成 that later shows 处理中 again restarts the
 * clock instead of silencing it. Never before `startAt`.
 */
export function findClockStop(
  order: OrderRecord,
  events: readonly EventRecord[],
  startAt: number,
): ClockStop | undefined {
  const resolution = findResolution(order, events);

  let statusStop: ClockStop | undefined;
  const sightings = statusSightings(order, events);
  for (let i = sightings.length - 1; i >= 0; i--) {
    const s = sightings[i]!;
    if (!STOP_STATUSES.has(s.status)) break;
    const reason: StopReason = s.status === 'refunded' ? 'refunded' : 'delivered';
    // Walking back through the run: keep the earliest time, but the reason of the latest sighting.
    statusStop = { at: s.at, reason: statusStop?.reason ?? reason };
  }
  if (statusStop) statusStop.outcome = order.outcome ?? (statusStop.reason === 'refunded' ? 'refunded' : 'received');

  const stop = [resolution, statusStop]
    .filter((s): s is ClockStop => s !== undefined)
    .toSorted((a, b) => a.at - b.at)[0];
  if (!stop) return undefined;
  return { ...stop, at: Math.max(stop.at, startAt), outcome: stop.outcome ?? resolution?.outcome };
}
