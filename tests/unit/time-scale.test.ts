import { describe, expect, it } from 'vitest';
import { timeScale } from '@/lib/chart/time-scale';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

describe('timeScale', () => {
  it('spans a minute to at least a day, ending on a readable tick', () => {
    const s = timeScale([5 * MIN, 2 * HOUR], 0, 100);
    expect(s.domain).toEqual([MIN, DAY]);
    expect(s.ticks).toEqual([MIN, 10 * MIN, HOUR, 6 * HOUR, DAY]);
    expect(timeScale([40 * HOUR], 0, 100).domain).toEqual([MIN, 3 * DAY]);
  });

  it('is logarithmic: each tenfold step takes the same width, and the ends map onto the range', () => {
    const s = timeScale([], 10, 110);
    expect(s.x(MIN)).toBe(10);
    expect(s.x(DAY)).toBeCloseTo(110);
    expect(s.x(100 * MIN) - s.x(10 * MIN)).toBeCloseTo(s.x(10 * MIN) - s.x(MIN));
  });

  it('clamps what falls outside, and ignores values that are not durations', () => {
    const s = timeScale([Number.NaN, -5, Infinity], 0, 100);
    expect(s.domain).toEqual([MIN, DAY]);
    expect(s.x(1000)).toBe(0);
    expect(s.x(100 * DAY)).toBe(100);
    expect(s.x(Number.NaN)).toBe(0);
  });
});
