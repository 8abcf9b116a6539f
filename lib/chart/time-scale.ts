/**
 * A logarithmic scale for durations, for the shop record's chart: a 3-minute delivery and a 3-day one both stay
 * readable on one line, which a linear axis cannot do (the fast deliveries would all sit on its first pixel).
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Tick positions a person reads at a glance, shortest first. */
const TICKS_MS = [MINUTE, 10 * MINUTE, HOUR, 6 * HOUR, DAY, 3 * DAY, 7 * DAY, 30 * DAY];

/** A duration axis: where a duration goes between `x0` and `x1`, and its ticks. */
export interface TimeScale {
  /** x of a duration; durations outside the domain are clamped to its ends. */
  x(ms: number): number;
  /** Tick durations inside the domain. */
  ticks: number[];
  /** The domain in ms: [shortest, longest]. */
  domain: [number, number];
}

/**
 * A log scale over [1 minute, the longest of `values` (at least a day)], mapped onto [x0, x1]. Durations under a
 * minute are drawn at its start: nobody needs to tell 10 seconds from 50 on a delivery.
 */
export function timeScale(values: readonly number[], x0: number, x1: number): TimeScale {
  const finite = values.filter((v) => Number.isFinite(v) && v > 0);
  const max = Math.max(DAY, ...finite);
  const top = TICKS_MS.find((t) => t >= max) ?? max;
  const domain: [number, number] = [MINUTE, top];
  const span = Math.log(domain[1]) - Math.log(domain[0]);
  const x = (ms: number): number => {
    const clamped = Math.min(domain[1], Math.max(domain[0], Number.isFinite(ms) ? ms : domain[0]));
    return x0 + ((Math.log(clamped) - Math.log(domain[0])) / span) * (x1 - x0);
  };
  return { x, ticks: TICKS_MS.filter((t) => t >= domain[0] && t <= domain[1]), domain };
}
