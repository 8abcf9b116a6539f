/**
 * The watch rows and the one alarm. Every waiting order has a row with the time of its next check; ONE alarm, named
 * `watch`, is set to the earliest of them (reminders already use up to 400 of Chrome's 500 alarms, one per order).
 * The rows are rebuilt from the orders at every start, like the reminders, and nothing about them lives in memory.
 */
import type { KamiGuardDb } from '@/lib/db/database';
import type { OrderRecord, WatchCheck, WatchRecord, WatchStopReason } from '@/lib/db/types';
import type { ClockState } from '@/lib/escalation/clock';
import type { EscalationSettings } from '@/lib/escalation/settings';
import { loadClocks, loadOrderClock, type OrderClock } from '@/lib/reminders/clocks';
import { loadEscalationSettings } from '@/lib/reminders/store';
import { recipeFor, watchRequest } from './recipes';
import { nextCheckAt, watchPlan, type WatchPlan, type WatchTiming } from './schedule';
import { loadWatchSettings, type WatchSettings } from './settings';

/** The one alarm of the watch. */
export const WATCH_ALARM = 'watch';

/** Checks kept per row (the popup shows the last; tests and support read the rest). */
export const MAX_WATCH_CHECKS = 20;

/** The alarms API slice the watch uses. */
export interface WatchAlarms {
  alarms: {
    create(name: string, info: { when?: number }): Promise<void> | void;
    clear(name: string): Promise<boolean>;
  };
}

/** Settings the plan reads, loaded once per pass. */
export interface WatchContext {
  settings: WatchSettings;
  escalation: EscalationSettings;
}

export async function loadWatchContext(db: KamiGuardDb): Promise<WatchContext> {
  const [settings, escalation] = await Promise.all([loadWatchSettings(db), loadEscalationSettings(db)]);
  return { settings, escalation };
}

export function timingOf(ctx: WatchContext): WatchTiming {
  return { pace: ctx.settings.pace, timeScale: ctx.escalation.timeScale };
}

/** Whether this order can be re-read from the background at all (its system has a recipe for it). */
export function canReRead(order: Pick<OrderRecord, 'platform' | 'orderNo' | 'site' | 'url' | 'urls'>): boolean {
  return recipeFor(order.platform) !== undefined && watchRequest(order) !== undefined;
}

/** Whether the order was seen on a web page of its shop at all (an order entered by hand has none to re-read). */
export function hasShopPage(order: Pick<OrderRecord, 'entry' | 'url'>): boolean {
  return order.entry !== 'buyer' && /^https?:\/\//i.test(order.url);
}

/** The plan of one order with its clock. */
export function planOf(oc: OrderClock, row: WatchRecord | undefined, ctx: WatchContext, now: number): WatchPlan {
  return watchPlan({
    order: oc.order,
    clock: oc.clock,
    settings: ctx.settings,
    timeScale: ctx.escalation.timeScale,
    hasPage: hasShopPage(oc.order),
    supported: canReRead(oc.order),
    stopped: row?.stopped,
    now,
  });
}

/** The latest time the page was looked at: the buyer's own visit, or the last check. */
export function lastLookAt(order: Pick<OrderRecord, 'lastSeenAt'>, row: WatchRecord | undefined): number {
  return Math.max(order.lastSeenAt, row?.checks?.at(-1)?.at ?? 0);
}

/**
 * The row as it should be under `plan`: stopped with its reason, or with its next check time — recomputed from the
 * latest look, or kept when `keepNext` and one is pending.
 */
export function plannedRow(
  oc: OrderClock,
  clock: ClockState,
  row: WatchRecord | undefined,
  plan: WatchPlan,
  ctx: WatchContext,
  now: number,
  random: () => number,
  keepNext: boolean,
): WatchRecord {
  const next: WatchRecord = { ...row, orderId: oc.order.id };
  if (!plan.watch) {
    delete next.nextAt;
    next.stopped = plan.reason;
    return next;
  }
  delete next.stopped;
  if (!keepNext || next.nextAt === undefined)
    next.nextAt = nextCheckAt(plan.startAt, clock.windowMs, lastLookAt(oc.order, row), now, timingOf(ctx), random);
  return next;
}

/** Sets the one alarm to the earliest pending check, or clears it when nothing is watched. */
export async function armWatchAlarm(db: KamiGuardDb, browser: WatchAlarms, now: number): Promise<number | undefined> {
  const first = await db.watch.orderBy('nextAt').first();
  if (first?.nextAt === undefined) {
    await browser.alarms.clear(WATCH_ALARM);
    return undefined;
  }
  const when = Math.max(first.nextAt, now);
  await browser.alarms.create(WATCH_ALARM, { when });
  return when;
}

/** What a rebuild did. */
export interface WatchRebuild {
  watched: number;
  /** Rows of orders not watched now, by reason. */
  stopped: Partial<Record<WatchStopReason, number>>;
  /** When the alarm fires next. */
  nextAt?: number;
}

/**
 * Recreates every row from the orders and sets the alarm. Pending check times are kept (a worker that starts every
 * few minutes must not push them back) unless `replan` (the settings changed: a new pace applies now); orders that
 * stopped waiting lose theirs; rows of deleted orders go. Orders never watched get no row. Run at install, browser
 * start-up, every worker start and after the settings change.
 */
export async function rebuildWatch(
  db: KamiGuardDb,
  browser: WatchAlarms,
  now: number,
  random: () => number = Math.random,
  options: { replan?: boolean } = {},
): Promise<WatchRebuild> {
  const ctx = await loadWatchContext(db);
  const clocks = await loadClocks(db, now, ctx.escalation);
  const result: WatchRebuild = { watched: 0, stopped: {} };
  // Read and written in one transaction: a check claiming a row meanwhile is not undone by a stale write.
  await db.transaction('rw', db.watch, async () => {
    const rows = new Map((await db.watch.toArray()).map((r) => [r.orderId, r]));
    const puts: WatchRecord[] = [];
    for (const oc of clocks) {
      const row = rows.get(oc.order.id);
      rows.delete(oc.order.id);
      const plan = planOf(oc, row, ctx, now);
      if (plan.watch) result.watched++;
      else result.stopped[plan.reason] = (result.stopped[plan.reason] ?? 0) + 1;
      if (!plan.watch && !row) continue;
      const next = plannedRow(oc, oc.clock, row, plan, ctx, now, random, !options.replan);
      if (!row || next.nextAt !== row.nextAt || next.stopped !== row.stopped) puts.push(next);
    }
    if (puts.length) await db.watch.bulkPut(puts);
    if (rows.size) await db.watch.bulkDelete([...rows.keys()]);
  });
  result.nextAt = await armWatchAlarm(db, browser, now);
  return result;
}

/**
 * Re-plans one order after something changed it: a visit of its page (`seen`: the buyer looked, so the failures in a
 * row are forgotten, a 'gone' stop is lifted and the next check counts from now), an action of the buyer, or a check.
 * Then moves the alarm.
 */
export async function syncWatchOrder(
  db: KamiGuardDb,
  browser: WatchAlarms,
  orderId: number,
  now: number,
  options: { seen?: boolean; random?: () => number } = {},
): Promise<WatchPlan | undefined> {
  const ctx = await loadWatchContext(db);
  const oc = await loadOrderClock(db, orderId, now, ctx.escalation);
  const plan = await db.transaction('rw', db.watch, async () => {
    let row = await db.watch.get(orderId);
    if (!oc) {
      if (row) await db.watch.delete(orderId);
      return undefined;
    }
    if (row && options.seen) {
      row = { ...row, failures: 0 };
      if (row.stopped === 'gone') delete row.stopped;
    }
    const planned = planOf(oc, row, ctx, now);
    if (planned.watch || row)
      await db.watch.put(plannedRow(oc, oc.clock, row, planned, ctx, now, options.random ?? Math.random, false));
    return planned;
  });
  await armWatchAlarm(db, browser, now);
  return plan;
}

/**
 * Claims a row due by `dueBy` for one check: moves its time past the check's longest run first (`holdMs` from `now`),
 * so a worker that dies during the request does not leave the order due (no retry storm after a crash), and two runs
 * never check it twice. Returns false when the row is no longer due (another run took it, or it was re-planned).
 */
export async function claimDue(
  db: KamiGuardDb,
  orderId: number,
  dueBy: number,
  holdMs: number,
  now: number = dueBy,
): Promise<boolean> {
  return db.transaction('rw', db.watch, async () => {
    const row = await db.watch.get(orderId);
    if (row?.nextAt === undefined || row.nextAt > dueBy) return false;
    await db.watch.update(orderId, { nextAt: now + holdMs });
    return true;
  });
}

/** Appends a check to a row's history (bounded) and stores the row's next state. */
export async function recordCheck(db: KamiGuardDb, row: WatchRecord, check: WatchCheck): Promise<void> {
  const checks = [...(row.checks ?? []), check].slice(-MAX_WATCH_CHECKS);
  await db.watch.put({ ...row, checks });
}

/**
 * The buyer saw these orders on a page of the shop: each counts as a good check (failures forgotten, a 'gone' stop
 * lifted, the next check counted from now).
 */
export async function onPageSeen(
  db: KamiGuardDb,
  browser: WatchAlarms,
  orderIds: readonly number[],
  now: number,
): Promise<void> {
  for (const id of new Set(orderIds)) await syncWatchOrder(db, browser, id, now, { seen: true });
}
