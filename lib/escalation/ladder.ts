import type { EventRecord, OrderRecord } from '@/lib/db/types';
import type { ClockStop } from './clock-span';
import type { EscalationSettings } from './settings';
import { STEP_BASE, STEP_IDS, stepAction, type ActionKey, type StepId } from './steps';

/** One rung of the ladder for one order. */
export interface StepState {
  id: StepId;
  /** When the step comes due (epoch ms). Absent for `review` until the clock stops. */
  at?: number;
  /** The step's time has come (for `review`: the clock has stopped). */
  due: boolean;
  /** The user did it (a step_done / matching user action), or the extension saw it done. */
  done: boolean;
  /** Not done, but a later step is: the ladder moved past it. */
  skipped: boolean;
  action: ActionKey;
}

/** Extra facts the caller may pass; each only refines "done". */
export interface LadderFacts {
  /** Kinds of the order's evidence items ('payment_receipt' marks 留证 done). */
  evidenceKinds?: readonly string[];
}

/** Evidence kinds that complete a step (留证 asks for the payment receipt): all a clock needs to know of evidence. */
export const STEP_EVIDENCE_KINDS: readonly string[] = ['payment_receipt'];

/** `complained` details that mean a regulator (12315 / 黑猫投诉) rather than a payment channel. */
const REGULATOR_DETAILS = new Set(['regulator_complaint', 'regulator', '12315', 'heimao', 'blackcat', 'tousu']);

/** Converts user-facing minutes to ms under the test-only time scale. */
export function scaledMs(minutes: number, settings: EscalationSettings): number {
  return (minutes * 60_000) / settings.timeScale;
}

/** Whether the timeline (or a fact) shows this step as done, ignoring the ladder's other steps. */
function isDone(
  id: StepId,
  at: number | undefined,
  order: OrderRecord,
  events: readonly EventRecord[],
  stop: ClockStop | undefined,
  facts: LadderFacts,
): boolean {
  const actions = events.filter((e) => e.kind === 'user_action');
  if (actions.some((e) => e.action === 'step_done' && e.detail === id)) return true;
  switch (id) {
    case 'evidence':
      return (
        (facts.evidenceKinds?.some((k) => STEP_EVIDENCE_KINDS.includes(k)) ?? false) ||
        events.some((e) => e.kind === 'evidence_added' && e.detail === 'payment_receipt')
      );
    case 'confirm_status':
      // Re-opening the order page after the step came due is the action itself.
      if (at === undefined) return false;
      return (
        order.lastSeenAt >= at ||
        events.some(
          (e) => e.at >= at && (e.kind === 'first_seen' || e.kind === 'status_changed' || e.kind === 'card_keys_found'),
        )
      );
    case 'contact_support':
      return actions.some((e) => e.action === 'contacted_support');
    case 'payment_complaint':
      return actions.some((e) => e.action === 'complained' && !REGULATOR_DETAILS.has(e.detail ?? ''));
    case 'regulator_complaint':
      return actions.some((e) => e.action === 'complained' && REGULATOR_DETAILS.has(e.detail ?? ''));
    case 'review':
      return stop !== undefined;
  }
}

/**
 * Lays out the ladder from the clock start. Step times never run backwards: with a window shorter than the
 * 联系客服 offset (a "5分钟内自动发货" shop), 支付渠道投诉 comes due together with 联系客服, not before it, because
 * a payment channel will ask whether the shop was contacted first.
 */
export function layOutLadder(
  order: OrderRecord,
  events: readonly EventRecord[],
  startAt: number,
  windowMs: number,
  stop: ClockStop | undefined,
  settings: EscalationSettings,
  now: number,
  facts: LadderFacts = {},
): StepState[] {
  const horizon = Math.min(now, stop?.at ?? now);
  const steps: StepState[] = [];
  let previous = startAt;
  for (const id of STEP_IDS) {
    let at: number | undefined;
    let due: boolean;
    if (id === 'review') {
      at = stop?.at;
      due = stop !== undefined && stop.at <= now;
    } else {
      const base = STEP_BASE[id] === 'start' ? startAt : startAt + windowMs;
      at = Math.max(previous, base + scaledMs(settings.stepOffsetsMinutes[id], settings));
      previous = at;
      due = at <= horizon;
    }
    steps.push({
      id,
      at,
      due,
      done: isDone(id, at, order, events, stop, facts),
      skipped: false,
      action: stepAction(id),
    });
  }
  let laterDone = false;
  for (let i = steps.length - 1; i >= 0; i--) {
    const s = steps[i]!;
    s.skipped = !s.done && laterDone;
    laterDone ||= s.done;
  }
  return steps;
}
