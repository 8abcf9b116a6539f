import type { KamiGuardDb } from '@/lib/db/database';
import { getTimeline } from '@/lib/db/orders';
import type { EventRecord, EvidenceRecord, OrderRecord } from '@/lib/db/types';
import {
  computeClock,
  urgencyAt,
  urgencySpan,
  type ClockState,
  type ClockUrgency,
  type UrgencySpan,
} from '@/lib/escalation/clock';
import type { EscalationSettings } from '@/lib/escalation/settings';
import { STEP_EVIDENCE_KINDS } from '@/lib/escalation/ladder';
import { urgencyCompare } from '@/lib/escalation/urgency';
import { getAllSnoozes, getSnooze, loadEscalationSettings } from './store';

/** A stored order with its clock at some `now`. */
export interface OrderClock {
  order: OrderRecord & { id: number };
  clock: ClockState;
  /** What lists sort and group by (the same values as in `clock`); from `computeClocks`, cheaper than `clock`. */
  urgency: ClockUrgency;
}

/** One order's clock, read fresh from the database. Undefined when the order does not exist. */
export async function loadOrderClock(
  db: KamiGuardDb,
  orderId: number,
  now: number,
  settings?: EscalationSettings,
): Promise<OrderClock | undefined> {
  const order = await db.orders.get(orderId);
  if (!order) return undefined;
  const [events, evidence, snoozedUntil, s] = await Promise.all([
    getTimeline(db, orderId),
    db.evidence.where('orderId').equals(orderId).toArray(),
    getSnooze(db, orderId),
    settings ?? loadEscalationSettings(db),
  ]);
  const clock = computeClock(order, events, s, now, { snoozedUntil, evidenceKinds: evidence.map((e) => e.kind) });
  return { order: { ...order, id: orderId }, clock, urgency: clock };
}

/** Everything `computeClocks` needs, as read from the database in one go. */
export interface ClockInputs {
  orders: OrderRecord[];
  events: EventRecord[];
  evidence: Pick<EvidenceRecord, 'orderId' | 'kind'>[];
  snoozes: Map<number, number>;
  settings: EscalationSettings;
  /**
   * Urgency spans already known, by order id (the list's summary keeps them): an order found here is sorted and
   * grouped without reading its timeline. Only spans made from these very orders, events and settings belong here.
   */
  spans?: ReadonlyMap<number, UrgencySpan>;
}

/**
 * Reads what `computeClocks` needs: the tables once each rather than per order, in one read transaction. Of the
 * evidence only the rows of the kinds that complete a step (the payment receipt) are read, by the kind index: a
 * clock needs no screenshot rows, and with thousands of them reading all was a large part of the popup's wait.
 */
export async function loadClockInputs(db: KamiGuardDb, settings?: EscalationSettings): Promise<ClockInputs> {
  const [orders, events, evidence, snoozes, s] = await Promise.all([
    db.orders.toArray(),
    db.events.toArray(),
    db.evidence.where('kind').anyOf(STEP_EVIDENCE_KINDS).toArray(),
    getAllSnoozes(db),
    settings ?? loadEscalationSettings(db),
  ]);
  return { orders, events, evidence, snoozes, settings: s };
}

/**
 * Every order's clock at `now`, most urgent first (`urgencyCompare`). Pure: the popup re-runs it on every tick.
 * Sorting needs only each order's urgency; the whole clock (the ladder, the next reminder) is computed when `clock` is
 * first read, so a list that draws ten of a thousand orders lays out ten ladders.
 */
export function computeClocks(inputs: ClockInputs, now: number): OrderClock[] {
  // Grouped when first needed: with every span known, only the drawn rows' clocks read timelines.
  let eventsByOrder: Map<number, EventRecord[]> | undefined;
  let kindsByOrder: Map<number, ClockInputs['evidence']> | undefined;
  const eventsOf = (id: number): EventRecord[] =>
    (eventsByOrder ??= Map.groupBy(inputs.events, (e) => e.orderId)).get(id) ?? [];
  const out: OrderClock[] = [];
  for (const stored of inputs.orders) {
    if (stored.id === undefined) continue;
    // The id is there (checked above): no copy of the row for the type's sake, a thousand times per open.
    const order = stored as OrderRecord & { id: number };
    let clock: ClockState | undefined;
    out.push({
      order,
      urgency: urgencyAt(inputs.spans?.get(order.id) ?? urgencySpan(order, eventsOf(order.id), inputs.settings), now),
      get clock(): ClockState {
        clock ??= computeClock(order, eventsOf(order.id), inputs.settings, now, {
          snoozedUntil: inputs.snoozes.get(order.id),
          evidenceKinds: ((kindsByOrder ??= Map.groupBy(inputs.evidence, (e) => e.orderId)).get(order.id) ?? []).map(
            (e) => e.kind,
          ),
        });
        return clock;
      },
    });
  }
  return out.toSorted((a, b) => urgencyCompare(a.urgency, b.urgency) || a.order.id - b.order.id);
}

/** Every order's clock, most urgent first, read fresh from the database. */
export async function loadClocks(db: KamiGuardDb, now: number, settings?: EscalationSettings): Promise<OrderClock[]> {
  return computeClocks(await loadClockInputs(db, settings), now);
}
