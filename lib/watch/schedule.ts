/**
 * When to re-read a waiting order's page, and when to stop: pure functions of the order, its clock, the settings and
 * `now` (lib/watch/store.ts keeps the result in the `watch` table and one alarm).
 *
 * The schedule starts close and spreads out, counted from the payment (the clock's start): every 5 minutes in the
 * first hour, every 15 minutes until the promised window ends, hourly after it, and never after 14 days. A failed
 * check backs off instead (doubling per failure in a row, capped), and never comes sooner than the schedule would.
 */
import type { OrderRecord, WatchResult, WatchStopReason } from '@/lib/db/types';
import type { ClockState } from '@/lib/escalation/clock';
import type { WatchPace, WatchSettings } from './settings';

const MINUTE = 60_000;

/** The standard schedule, in real minutes (before the pace and the test-only time scale). */
export const SCHEDULE = Object.freeze({
  /** Close watching right after payment: most orders are delivered (or go wrong) in the first hour. */
  firstPhaseMinutes: 60,
  firstPhaseEvery: 5,
  /** Until the promised window ends. */
  windowEvery: 15,
  /** After the window: the order is overdue, the buyer is complaining; an hourly look is enough. */
  lateEvery: 60,
  /** Stop watching this long after payment. */
  maxDays: 14,
});

/** The pace setting multiplies every interval of the schedule (never the back-off: politeness is not faster). */
export const PACE_FACTOR: Readonly<Record<WatchPace, number>> = Object.freeze({ fast: 0.5, normal: 1, slow: 3 });

/** Every interval is moved by up to ±10 %, so checks of orders paid together do not arrive at a shop together. */
export const JITTER = 0.1;

/** After this many checks in a row that found the page without the order, stop: the page is not an order page now. */
export const GONE_AFTER = 5;

/**
 * Back-off per kind of failure: the first delay and the cap, in real minutes. A login or captcha page needs the buyer
 * (an hour, then longer); an overloaded or throttling shop needs time; a network hiccup needs little.
 */
export const BACKOFF: Readonly<Record<Exclude<WatchResult, 'changed' | 'unchanged'>, { first: number; cap: number }>> =
  Object.freeze({
    network: { first: 10, cap: 6 * 60 },
    http_error: { first: 10, cap: 6 * 60 },
    unreadable: { first: 30, cap: 12 * 60 },
    rate_limited: { first: 30, cap: 12 * 60 },
    missing: { first: 30, cap: 12 * 60 },
    login: { first: 60, cap: 12 * 60 },
    captcha: { first: 60, cap: 12 * 60 },
  });

/** A server's Retry-After is honoured up to this long. */
const MAX_RETRY_AFTER_MS = 24 * 60 * MINUTE;

/** Timing inputs: the pace, and the TEST-ONLY time scale of the escalation settings (1 in real use). */
export interface WatchTiming {
  pace: WatchPace;
  timeScale: number;
}

/** Real minutes as ms under the test-only time scale. */
const scaled = (minutes: number, timing: WatchTiming): number => (minutes * MINUTE) / timing.timeScale;

/**
 * The shortest gap between two checks of one order: a minute in real use (the schedule never comes near it); in
 * scaled test runs two seconds, so a test's waiting order is not fetched in a tight loop.
 */
export function minGapMs(timing: WatchTiming): number {
  return Math.max(2_000, scaled(1, timing));
}

/** Whether an order is watched now, or why not. */
export type WatchPlan = { watch: true; startAt: number } | { watch: false; reason: WatchStopReason };

/** What `watchPlan` reads. */
export interface WatchPlanInput {
  order: Pick<OrderRecord, 'watchOff'>;
  clock: Pick<ClockState, 'started' | 'running' | 'startAt'>;
  settings: WatchSettings;
  timeScale: number;
  /** The order has a web page of its shop (not an order the buyer entered by hand). */
  hasPage: boolean;
  /** The order's shop system can be re-read from the background (lib/watch/recipes). */
  supported: boolean;
  /** The watch row's sticky stop: 'gone' holds until the buyer sees the order on a page again. */
  stopped?: WatchStopReason;
  now: number;
}

/**
 * Whether to watch an order. Only a paid order still waiting is watched: the clock runs (started, not stopped by
 * delivery, refund or the buyer's resolution). The reasons come in the order the popup wants to explain them: an
 * ended order needs no explanation at all.
 */
export function watchPlan(p: WatchPlanInput): WatchPlan {
  if (!p.clock.started || !p.clock.running || p.clock.startAt === undefined) return { watch: false, reason: 'ended' };
  if (!p.settings.enabled) return { watch: false, reason: 'disabled' };
  if (p.order.watchOff) return { watch: false, reason: 'off' };
  if (!p.hasPage) return { watch: false, reason: 'nopage' };
  if (!p.supported) return { watch: false, reason: 'unsupported' };
  if (p.now >= p.clock.startAt + scaled(SCHEDULE.maxDays * 24 * 60, { pace: 'normal', timeScale: p.timeScale }))
    return { watch: false, reason: 'expired' };
  if (p.stopped === 'gone') return { watch: false, reason: 'gone' };
  return { watch: true, startAt: p.clock.startAt };
}

/**
 * The interval of the schedule at `at` for an order paid at `startAt` whose window lasts `windowMs` (both from the
 * clock, so already under the time scale), before jitter.
 */
export function scheduleInterval(startAt: number, windowMs: number, at: number, timing: WatchTiming): number {
  const elapsed = at - startAt;
  const every =
    elapsed < scaled(SCHEDULE.firstPhaseMinutes, timing)
      ? SCHEDULE.firstPhaseEvery
      : elapsed < windowMs
        ? SCHEDULE.windowEvery
        : SCHEDULE.lateEvery;
  return Math.max(minGapMs(timing), scaled(every * PACE_FACTOR[timing.pace], timing));
}

/** `ms` moved by up to ±JITTER; `random` returns [0, 1) (Math.random in use, a fixed value in tests). */
export function jitter(ms: number, random: () => number): number {
  return Math.round(ms * (1 + JITTER * (2 * random() - 1)));
}

/**
 * The next check after a good one (or after the buyer looked at the page themselves, which counts as one): the
 * schedule's interval from the latest look, jittered; never before `now`.
 */
export function nextCheckAt(
  startAt: number,
  windowMs: number,
  lastLookAt: number,
  now: number,
  timing: WatchTiming,
  random: () => number,
): number {
  const from = Math.max(lastLookAt, startAt);
  return Math.max(now, from + jitter(scheduleInterval(startAt, windowMs, from, timing), random));
}

/**
 * How long to wait after the `failures`-th failed check in a row of kind `result`: the kind's first delay doubled per
 * earlier failure, capped; at least the schedule's own interval; a server's Retry-After (ms) when it asks for longer.
 */
export function backoffMs(
  result: keyof typeof BACKOFF,
  failures: number,
  scheduleMs: number,
  timing: WatchTiming,
  retryAfterMs?: number,
): number {
  const { first, cap } = BACKOFF[result];
  const minutes = Math.min(cap, first * 2 ** Math.max(0, failures - 1));
  let ms = Math.max(scheduleMs, scaled(minutes, timing), minGapMs(timing));
  if (retryAfterMs !== undefined && Number.isFinite(retryAfterMs) && retryAfterMs > ms)
    ms = Math.min(retryAfterMs, MAX_RETRY_AFTER_MS);
  return ms;
}

/** Parses a Retry-After header (seconds, or an HTTP date) into ms from `now`; undefined when absent or unusable. */
export function parseRetryAfter(header: string | null | undefined, now: number): number | undefined {
  const value = header?.trim();
  if (!value) return undefined;
  if (/^\d{1,9}$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isFinite(at) && at > now ? at - now : undefined;
}
