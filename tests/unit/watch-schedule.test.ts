/** The watch schedule: when a waiting order is checked, how failures back off, and when watching stops. */
import { describe, expect, it } from 'vitest';
import {
  backoffMs,
  jitter,
  nextCheckAt,
  parseRetryAfter,
  scheduleInterval,
  watchPlan,
  type WatchPlanInput,
  type WatchTiming,
} from '@/lib/watch/schedule';
import { DEFAULT_WATCH_SETTINGS, parseWatchSettings } from '@/lib/watch/settings';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const T0 = Date.parse('2025-03-01T10:00:00+08:00');
const normal: WatchTiming = { pace: 'normal', timeScale: 1 };
const WINDOW = 24 * HOUR;
/** Jitter at its middle: the schedule's own interval. */
const middle = (): number => 0.5;

const plan = (over: Partial<WatchPlanInput> = {}) =>
  watchPlan({
    order: {},
    clock: { started: true, running: true, startAt: T0 },
    settings: DEFAULT_WATCH_SETTINGS,
    timeScale: 1,
    hasPage: true,
    supported: true,
    now: T0 + HOUR,
    ...over,
  });

describe('what is watched', () => {
  it('a paid order that is still waiting', () => {
    expect(plan()).toEqual({ watch: true, startAt: T0 });
  });

  it('not an order that is delivered, refunded or resolved (its clock stopped), or never paid', () => {
    expect(plan({ clock: { started: true, running: false, startAt: T0 } })).toEqual({ watch: false, reason: 'ended' });
    expect(plan({ clock: { started: false, running: false } })).toEqual({ watch: false, reason: 'ended' });
  });

  it('not when the buyer turned it off, globally or for the order', () => {
    expect(plan({ settings: { ...DEFAULT_WATCH_SETTINGS, enabled: false } })).toEqual({
      watch: false,
      reason: 'disabled',
    });
    expect(plan({ order: { watchOff: true } })).toEqual({ watch: false, reason: 'off' });
  });

  it('not an order of a system that renders its orders by script without a recipe', () => {
    expect(plan({ supported: false })).toEqual({ watch: false, reason: 'unsupported' });
  });

  it('not an order without a shop page (entered by hand)', () => {
    expect(plan({ hasPage: false, supported: false })).toEqual({ watch: false, reason: 'nopage' });
  });

  it('stops 14 days after payment (under the test time scale too)', () => {
    expect(plan({ now: T0 + 14 * DAY - 1 }).watch).toBe(true);
    expect(plan({ now: T0 + 14 * DAY })).toEqual({ watch: false, reason: 'expired' });
    expect(plan({ timeScale: 8640, now: T0 + 139_000 }).watch).toBe(true);
    expect(plan({ timeScale: 8640, now: T0 + 140_000 })).toEqual({ watch: false, reason: 'expired' });
  });

  it('a page that stopped showing the order keeps it stopped', () => {
    expect(plan({ stopped: 'gone' })).toEqual({ watch: false, reason: 'gone' });
    // …but an ended order needs no explanation, whatever the row says.
    expect(plan({ stopped: 'gone', clock: { started: true, running: false, startAt: T0 } }).watch).toBe(false);
  });
});

describe('the schedule starts close and spreads out', () => {
  it('every 5 minutes in the first hour, 15 until the window ends, hourly after it', () => {
    expect(scheduleInterval(T0, WINDOW, T0, normal)).toBe(5 * MIN);
    expect(scheduleInterval(T0, WINDOW, T0 + 59 * MIN, normal)).toBe(5 * MIN);
    expect(scheduleInterval(T0, WINDOW, T0 + HOUR, normal)).toBe(15 * MIN);
    expect(scheduleInterval(T0, WINDOW, T0 + WINDOW - 1, normal)).toBe(15 * MIN);
    expect(scheduleInterval(T0, WINDOW, T0 + WINDOW, normal)).toBe(HOUR);
    expect(scheduleInterval(T0, WINDOW, T0 + 10 * DAY, normal)).toBe(HOUR);
  });

  it('a short window goes hourly sooner; the first hour stays close', () => {
    expect(scheduleInterval(T0, 30 * MIN, T0 + 10 * MIN, normal)).toBe(5 * MIN);
    expect(scheduleInterval(T0, 30 * MIN, T0 + HOUR, normal)).toBe(HOUR);
  });

  it('the pace multiplies every interval', () => {
    expect(scheduleInterval(T0, WINDOW, T0, { ...normal, pace: 'fast' })).toBe(2.5 * MIN);
    expect(scheduleInterval(T0, WINDOW, T0 + 2 * HOUR, { ...normal, pace: 'slow' })).toBe(45 * MIN);
  });

  it('the test time scale shrinks it, never below a 2 s floor', () => {
    expect(scheduleInterval(T0, WINDOW / 300, T0, { pace: 'normal', timeScale: 300 })).toBe(1_000 * 2);
    expect(scheduleInterval(T0, WINDOW / 60, T0, { pace: 'normal', timeScale: 60 })).toBe(5_000);
    expect(scheduleInterval(T0, WINDOW / 8640, T0, { pace: 'normal', timeScale: 8640 })).toBe(2_000);
  });

  it('the next check counts from the latest look (a visit or a check), never before now', () => {
    expect(nextCheckAt(T0, WINDOW, T0, T0, normal, middle)).toBe(T0 + 5 * MIN);
    // The buyer looked at +2 h: the next check is 15 minutes after that.
    expect(nextCheckAt(T0, WINDOW, T0 + 2 * HOUR, T0 + 2 * HOUR, normal, middle)).toBe(T0 + 2 * HOUR + 15 * MIN);
    // Long overdue (the worker slept): due now.
    expect(nextCheckAt(T0, WINDOW, T0, T0 + 3 * HOUR, normal, middle)).toBe(T0 + 3 * HOUR);
  });

  it('is jittered by at most ±10 %', () => {
    expect(jitter(10 * MIN, () => 0)).toBe(9 * MIN);
    expect(jitter(10 * MIN, () => 0.999999)).toBeLessThanOrEqual(11 * MIN);
    expect(jitter(10 * MIN, () => 0.999999)).toBeGreaterThan(10.9 * MIN);
    const spread = new Set(Array.from({ length: 50 }, () => jitter(10 * MIN, Math.random)));
    expect(spread.size).toBeGreaterThan(10);
  });
});

describe('the back-off', () => {
  it('doubles per failure in a row from the kind’s first delay, up to its cap', () => {
    const waits = [1, 2, 3, 4, 5, 6, 7, 8].map((n) => backoffMs('http_error', n, 5 * MIN, normal) / MIN);
    expect(waits).toEqual([10, 20, 40, 80, 160, 320, 360, 360]);
  });

  it('waits longer for pages only the buyer can get past', () => {
    expect(backoffMs('login', 1, 5 * MIN, normal)).toBe(HOUR);
    expect(backoffMs('captcha', 2, 5 * MIN, normal)).toBe(2 * HOUR);
    expect(backoffMs('captcha', 10, 5 * MIN, normal)).toBe(12 * HOUR);
    expect(backoffMs('network', 1, 5 * MIN, normal)).toBe(10 * MIN);
  });

  it('never comes sooner than the schedule would', () => {
    expect(backoffMs('network', 1, HOUR, normal)).toBe(HOUR);
  });

  it('honours a longer Retry-After, up to a day', () => {
    expect(backoffMs('rate_limited', 1, 5 * MIN, normal, 2 * HOUR)).toBe(2 * HOUR);
    expect(backoffMs('rate_limited', 1, 5 * MIN, normal, 5 * MIN)).toBe(30 * MIN);
    expect(backoffMs('rate_limited', 1, 5 * MIN, normal, 9 * DAY)).toBe(DAY);
  });

  it('reads Retry-After as seconds or as a date', () => {
    expect(parseRetryAfter('120', T0)).toBe(120_000);
    expect(parseRetryAfter(new Date(T0 + HOUR).toUTCString(), T0)).toBe(HOUR);
    expect(parseRetryAfter('yesterday', T0)).toBeUndefined();
    expect(parseRetryAfter(null, T0)).toBeUndefined();
  });
});

describe('settings', () => {
  it('on at the standard pace by default; each bad field falls back alone', () => {
    expect(parseWatchSettings(undefined)).toEqual({ enabled: true, pace: 'normal' });
    expect(parseWatchSettings({ enabled: false, pace: 'warp' })).toEqual({ enabled: false, pace: 'normal' });
    expect(parseWatchSettings({ enabled: 'yes', pace: 'slow' })).toEqual({ enabled: true, pace: 'slow' });
  });
});
