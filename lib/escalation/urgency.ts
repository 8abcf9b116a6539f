import type { ClockUrgency } from './clock';

/** Rank of a clock in the popup's list: lower comes first. */
function rank(c: ClockUrgency): number {
  if (c.overdue) return 0;
  if (c.running) return 1;
  if (!c.started) return 2;
  return 3;
}

/**
 * Sort comparator for orders by urgency, most urgent first: overdue (longest past the window first), then running
 * (nearest window end first), then orders without a clock (never paid), then stopped ones (latest stop first).
 * Ties return 0 so a stable sort keeps the caller's order.
 */
export function urgencyCompare(a: ClockUrgency, b: ClockUrgency): number {
  const byRank = rank(a) - rank(b);
  if (byRank !== 0) return byRank;
  if (a.running && b.running) return (a.windowEndsAt ?? 0) - (b.windowEndsAt ?? 0);
  if (a.stoppedAt !== undefined && b.stoppedAt !== undefined) return b.stoppedAt - a.stoppedAt;
  return 0;
}
