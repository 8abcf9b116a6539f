import type { OrderRecord } from '@/lib/db/types';
import { urgencyCompare, type ClockUrgency } from '@/lib/escalation';

/** The popup list's three groups, in the order they are shown. */
export const LIST_GROUPS = ['overdue', 'running', 'done'] as const;
export type ListGroup = (typeof LIST_GROUPS)[number];

/** The filter above the list: 进行中 (overdue and running), 已结束, 全部. */
export type ListFilter = 'open' | 'ended' | 'all';

/**
 * What the list needs of an order and its clock to sort, group, filter and search it (OrderClock from lib/reminders
 * fits; a whole ClockState is an urgency too).
 */
export interface ListItem {
  order: Pick<OrderRecord, 'orderNo' | 'productName' | 'site' | 'status' | 'resolvedAt'> & { id: number };
  urgency: ClockUrgency;
}

/**
 * The group of one order. Overdue: the clock runs past the promised window. Running: the clock runs, or no payment
 * was seen yet on an order still awaiting payment and not closed by the user (the buyer may yet say "I have paid").
 * Done: everything else — delivered, refunded, resolved, closed or expired unpaid.
 */
export function groupOf(item: ListItem): ListGroup {
  const { urgency: clock, order } = item;
  if (clock.overdue) return 'overdue';
  if (clock.running) return 'running';
  if (!clock.started && order.resolvedAt === undefined && order.status === 'pending_payment') return 'running';
  return 'done';
}

/** Items sorted for the list: group by group, most urgent first inside each (`urgencyCompare`), then newest id. */
export function sortForList<T extends ListItem>(items: readonly T[]): T[] {
  const rank = (i: T): number => LIST_GROUPS.indexOf(groupOf(i));
  return items.toSorted((a, b) => rank(a) - rank(b) || urgencyCompare(a.urgency, b.urgency) || b.order.id - a.order.id);
}

/** Whether an item passes the filter. */
export function passesFilter(item: ListItem, filter: ListFilter): boolean {
  if (filter === 'all') return true;
  return (groupOf(item) === 'done') === (filter === 'ended');
}

/**
 * Whether an item matches the search text: every whitespace-separated term must appear (case-insensitive) in the
 * order number, the product or the shop's host. An empty query matches everything.
 */
export function matchesSearch(item: ListItem, query: string): boolean {
  const terms = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (terms.length === 0) return true;
  const haystack = [item.order.orderNo, item.order.productName ?? '', item.order.site].join('\n').toLowerCase();
  return terms.every((term) => haystack.includes(term));
}

/** One entry of the windowed list: a group heading or an order. */
export type ListEntry<T extends ListItem> =
  { type: 'heading'; group: ListGroup; count: number } | { type: 'order'; group: ListGroup; item: T };

/**
 * The list as shown: sorted, filtered, searched, with a heading before each non-empty group. `counts` are per group
 * before filtering and searching (the filter buttons show them).
 */
export function buildList<T extends ListItem>(
  items: readonly T[],
  filter: ListFilter,
  query: string,
): { entries: ListEntry<T>[]; counts: Record<ListGroup, number>; shown: number } {
  const counts: Record<ListGroup, number> = { overdue: 0, running: 0, done: 0 };
  const byGroup: Record<ListGroup, T[]> = { overdue: [], running: [], done: [] };
  for (const item of sortForList(items)) {
    const group = groupOf(item);
    counts[group]++;
    if (passesFilter(item, filter) && matchesSearch(item, query)) byGroup[group].push(item);
  }
  const entries: ListEntry<T>[] = [];
  let shown = 0;
  for (const group of LIST_GROUPS) {
    const rows = byGroup[group];
    if (rows.length === 0) continue;
    entries.push({ type: 'heading', group, count: rows.length });
    for (const item of rows) entries.push({ type: 'order', group, item });
    shown += rows.length;
  }
  return { entries, counts, shown };
}
