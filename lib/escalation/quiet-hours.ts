import type { QuietHours } from './settings';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const mod = (a: number, n: number): number => ((a % n) + n) % n;

/** Whether the instant `t` (epoch ms) falls inside the quiet period. */
export function isQuietTime(t: number, quiet: QuietHours): boolean {
  if (!quiet.enabled || quiet.startHour === quiet.endHour) return false;
  const hour = Math.floor(mod(t + quiet.utcOffsetMinutes * 60_000, DAY) / HOUR);
  return quiet.startHour < quiet.endHour
    ? hour >= quiet.startHour && hour < quiet.endHour
    : hour >= quiet.startHour || hour < quiet.endHour;
}

/** Moves an instant that falls in the quiet period to the period's end (endHour:00 in the configured zone). */
export function deferPastQuietHours(t: number, quiet: QuietHours): number {
  if (!isQuietTime(t, quiet)) return t;
  const offset = quiet.utcOffsetMinutes * 60_000;
  const local = t + offset;
  let end = local - mod(local, DAY) + quiet.endHour * HOUR;
  if (end <= local) end += DAY;
  return end - offset;
}
