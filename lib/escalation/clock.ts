import type { EventRecord, OrderOutcome, OrderRecord } from '@/lib/db/types';
import { UNPAID_STATUSES } from '@/lib/extract/types';
import {
  findClockStart,
  findClockStop,
  sortEvents,
  type ClockStop,
  type Mark,
  type StartReason,
  type StopReason,
} from './clock-span';
import { layOutLadder, scaledMs, type LadderFacts, type StepState } from './ladder';
import { deferPastQuietHours } from './quiet-hours';
import type { EscalationSettings } from './settings';
import { isStepId, NOTIFY_STEPS, STEP_IDS, type ActionKey, type StepId } from './steps';
import { resolveWindow, type ResolvedWindow, type WindowSource } from './window';

/**
 * Extra state kept outside the order and its timeline.
 * `snoozedUntil`: a pending "稍后提醒" (lib/reminders keeps it in the kv table).
 */
export interface ClockExtras extends LadderFacts {
  snoozedUntil?: number;
}

/** Context for the user, beyond the ladder. */
export type Advice =
  /** No payment was ever seen (待支付 / 已过期 / 支付失败): nothing to chase; pay again or re-order. */
  | 'reorder'
  /** The money left but the shop shows the order unpaid or closed: a failed payment callback; lead with the receipt. */
  | 'callback_failure';

/** The reminder the clock wants shown next. */
export interface NextReminder {
  /** When it is due, before quiet hours are applied (may be in the past: due now). */
  at: number;
  step: StepId;
  /** A "稍后提醒" coming back, rather than a step's first reminder. */
  snooze: boolean;
}

/** The whole state of one order's delay clock at `now`. */
export interface ClockState {
  /** A payment was seen: the clock runs or ran. */
  started: boolean;
  startAt?: number;
  startReason?: StartReason;
  stoppedAt?: number;
  stopReason?: StopReason;
  /** Known or implied outcome once stopped (delivered → received, refunded → refunded, else the user's). */
  outcome?: OrderOutcome;
  /** Started and not stopped. */
  running: boolean;
  /** From start to stop (or now); 0 when not started. */
  elapsedMs: number;
  /** The promised window in ms (after the test-only time scale). */
  windowMs: number;
  windowMinutes: number;
  windowSource: WindowSource;
  windowEndsAt?: number;
  /** Time left in the window, ≥ 0. */
  remainingMs: number;
  /** Time past the window, ≥ 0. */
  overdueMs: number;
  /** Running and past the window: counts on the badge. */
  overdue: boolean;
  /** Elapsed beyond the window, running or not (a stopped order that was delivered late). */
  late: boolean;
  /** elapsed / window, clamped to 0..1. */
  progress: number;
  steps: StepState[];
  /** The step whose moment it is, if not yet done: its action is the one button to show (see `currentStepOf`). */
  currentStep?: StepId;
  action: ActionKey;
  /** The next step not yet due. */
  nextStep?: StepId;
  nextReminder?: NextReminder;
  /** When to show `nextReminder`: quiet hours applied, never before `now`. Absent when nothing is to be shown. */
  nextReminderAt?: number;
  /** When the background must wake for this order: the next reminder or the moment it turns overdue. */
  nextWakeAt?: number;
  advice?: Advice;
}

/** What a list sorts and groups orders by: a part of `ClockState`, far cheaper than the whole (no ladder). */
export type ClockUrgency = Pick<ClockState, 'started' | 'running' | 'overdue' | 'windowEndsAt' | 'stoppedAt'>;

/** Start, stop and window of an order's clock: what the whole state and the urgency are both made from. */
interface ClockSpan {
  timeline: readonly EventRecord[];
  window: ResolvedWindow;
  windowMs: number;
  start?: Mark<StartReason>;
  stop?: ClockStop;
  running: boolean;
  elapsedMs: number;
}

function clockSpan(
  order: OrderRecord,
  events: readonly EventRecord[],
  settings: EscalationSettings,
  now: number,
): ClockSpan {
  const mine = (e: EventRecord): boolean => e.orderId === undefined || order.id === undefined || e.orderId === order.id;
  // Callers pass the order's own events (a copy is made only when some are not).
  const timeline = sortEvents(events.every(mine) ? events : events.filter(mine));
  const window = resolveWindow(order, settings);
  const windowMs = scaledMs(window.minutes, settings);
  const start = findClockStart(order, timeline);
  if (!start) return { timeline, window, windowMs, running: false, elapsedMs: 0 };
  const stop = findClockStop(order, timeline, start.at);
  const running = stop === undefined || stop.at > now;
  const elapsedMs = Math.max(0, (running ? now : stop!.at) - start.at);
  return { timeline, window, windowMs, start, stop, running, elapsedMs };
}

/**
 * What an order's urgency is made from that does not depend on the time: when its clock started and stopped and how
 * long its window is. It changes only with the order, its timeline and the settings, so a list can keep it
 * (lib/reminders/clock-cache.ts) and turn it into the urgency at any `now` without reading the timeline again.
 */
export interface UrgencySpan {
  startAt?: number;
  windowMs: number;
  stopAt?: number;
}

/** The order's {@link UrgencySpan}. */
export function urgencySpan(
  order: OrderRecord,
  events: readonly EventRecord[],
  settings: EscalationSettings,
): UrgencySpan {
  // clockSpan's `now` only decides `running` and the elapsed time, which the span leaves out.
  const { start, stop, windowMs } = clockSpan(order, events, settings, 0);
  return { windowMs, ...(start ? { startAt: start.at } : {}), ...(start && stop ? { stopAt: stop.at } : {}) };
}

/** The urgency at `now` of an order whose span is `span`: the same values `computeClock` gives for these fields. */
export function urgencyAt(span: UrgencySpan, now: number): ClockUrgency {
  const { startAt, stopAt, windowMs } = span;
  if (startAt === undefined) return { started: false, running: false, overdue: false };
  const running = stopAt === undefined || stopAt > now;
  const elapsedMs = Math.max(0, (running ? now : stopAt) - startAt);
  const urgency: ClockUrgency = {
    started: true,
    running,
    overdue: running && elapsedMs >= windowMs,
    windowEndsAt: startAt + windowMs,
  };
  if (!running) urgency.stoppedAt = stopAt;
  return urgency;
}

/**
 * The part of the clock a list sorts and groups by, without laying out the ladder: the same values `computeClock`
 * gives for these fields (a unit test holds them together).
 */
export function computeUrgency(
  order: OrderRecord,
  events: readonly EventRecord[],
  settings: EscalationSettings,
  now: number,
): ClockUrgency {
  return urgencyAt(urgencySpan(order, events, settings), now);
}

/**
 * Computes an order's delay clock. Pure: the same order, timeline, settings, `now` and extras give the same state;
 * nothing here reads a clock or storage.
 */
export function computeClock(
  order: OrderRecord,
  events: readonly EventRecord[],
  settings: EscalationSettings,
  now: number,
  extras: ClockExtras = {},
): ClockState {
  const { timeline, window, windowMs, start, stop, running, elapsedMs } = clockSpan(order, events, settings, now);

  if (!start) {
    const advice = UNPAID_STATUSES.has(order.status) ? 'reorder' : undefined;
    return {
      started: false,
      running: false,
      elapsedMs: 0,
      windowMs,
      windowMinutes: window.minutes,
      windowSource: window.source,
      remainingMs: windowMs,
      overdueMs: 0,
      overdue: false,
      late: false,
      progress: 0,
      steps: STEP_IDS.map((id) => ({ id, due: false, done: false, skipped: false, action: `action_${id}` as const })),
      action: advice === 'reorder' ? 'action_reorder' : 'action_confirm_status',
      advice,
    };
  }

  const windowEndsAt = start.at + windowMs;
  const steps = layOutLadder(order, timeline, start.at, windowMs, running ? undefined : stop, settings, now, extras);

  const current = currentStepOf(steps);
  const next = steps.find((s) => !s.due && !s.done && !s.skipped && s.id !== 'review');
  // At the window's end the payment complaint is due, so the order counts as overdue from that very moment: with a
  // strict comparison an alarm firing exactly then showed the complaint but left the badge at 0 until a later wake.
  const overdue = running && elapsedMs >= windowMs;

  const state: ClockState = {
    started: true,
    startAt: start.at,
    startReason: start.reason,
    running,
    elapsedMs,
    windowMs,
    windowMinutes: window.minutes,
    windowSource: window.source,
    windowEndsAt,
    remainingMs: Math.max(0, windowMs - elapsedMs),
    overdueMs: Math.max(0, elapsedMs - windowMs),
    overdue,
    late: elapsedMs > windowMs,
    progress: windowMs > 0 ? Math.min(1, elapsedMs / windowMs) : 1,
    steps,
    currentStep: current?.id,
    action: current ? current.action : running ? 'action_wait' : 'action_none',
    nextStep: running ? next?.id : undefined,
  };
  if (!running) {
    state.stoppedAt = stop!.at;
    state.stopReason = stop!.reason;
    state.outcome = stop!.outcome;
    return state;
  }
  if (UNPAID_STATUSES.has(order.status)) state.advice = 'callback_failure';

  const reminder = settings.notifications
    ? pickReminder(steps, timeline, now, current?.id, extras.snoozedUntil)
    : undefined;
  if (reminder) {
    state.nextReminder = reminder;
    state.nextReminderAt = deferPastQuietHours(Math.max(reminder.at, now), settings.quietHours);
  }
  const wakes = [state.nextReminderAt, windowEndsAt > now ? windowEndsAt : undefined].filter(
    (t): t is number => t !== undefined,
  );
  if (wakes.length) state.nextWakeAt = Math.min(...wakes);
  return state;
}

/**
 * The next reminder. A step's reminder is shown once (a `reminder_shown` event with the step id records it), and
 * showing a later step's reminder retires the earlier ones: after a night with the browser closed the user gets the
 * one reminder that matters now, not three in a row. A pending snooze brings back the current step.
 */
function pickReminder(
  steps: readonly StepState[],
  timeline: readonly EventRecord[],
  now: number,
  current: StepId | undefined,
  snoozedUntil: number | undefined,
): NextReminder | undefined {
  let shownIndex = -1;
  for (const e of timeline) {
    if (e.kind === 'reminder_shown' && isStepId(e.detail))
      shownIndex = Math.max(shownIndex, STEP_IDS.indexOf(e.detail));
  }
  const candidates = steps.filter(
    (s) => NOTIFY_STEPS.includes(s.id) && STEP_IDS.indexOf(s.id) > shownIndex && !s.done && !s.skipped,
  );
  const dueNow = candidates.filter((s) => s.at! <= now);
  const pick = dueNow.at(-1) ?? candidates[0];
  const stepReminder: NextReminder | undefined = pick ? { at: pick.at!, step: pick.id, snooze: false } : undefined;

  // A snooze only means something while there is a step to act on; a stale one is dropped by lib/reminders.
  const snoozeStep = current && NOTIFY_STEPS.includes(current) ? current : undefined;
  const snooze: NextReminder | undefined =
    snoozedUntil !== undefined && snoozeStep ? { at: snoozedUntil, step: snoozeStep, snooze: true } : undefined;

  if (!snooze) return stepReminder;
  if (!stepReminder) return snooze;
  // Both due: the step's own reminder carries more news than a repeat.
  if (stepReminder.at <= now) return stepReminder;
  return snooze.at < stepReminder.at ? snooze : stepReminder;
}

/**
 * The step whose moment it is: the latest due step, unless done. Earlier undone steps stay visible as undone on the
 * ladder, but the one button follows the clock (at 25 h the answer is the payment complaint, not the 10-minute
 * status check). Steps sharing that time (a short window pulls 支付渠道投诉 onto 联系客服) are taken in ladder order.
 */
function currentStepOf(steps: readonly StepState[]): StepState | undefined {
  const due = steps.filter((s) => s.due && s.at !== undefined);
  if (due.length === 0) return undefined;
  const latest = Math.max(...due.map((s) => s.at!));
  return due.find((s) => s.at === latest && !s.done && !s.skipped);
}
