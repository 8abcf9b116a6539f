/**
 * A run of checks, when the watch alarm fires: every due order is checked once (at most `MAX_PER_RUN` per run), each
 * claimed in the database before its request, the shops asked one request at a time; what a check found is stored
 * exactly as a visit's sighting is (timeline events, keys, evidence, clock, badge), the buyer is told what changed,
 * and the order's next check is planned — by the schedule after a good check, by the back-off after a failed one.
 */
import { storePageSighting, type AfterStore } from '@/lib/background/orders-seen';
import type { KamiGuardDb } from '@/lib/db/database';
import { appendEvent } from '@/lib/db/orders';
import type { EventRecord, OrderRecord, WatchRecord, WatchResult } from '@/lib/db/types';
import { isQuietTime } from '@/lib/escalation/quiet-hours';
import type { ReminderBrowser } from '@/lib/reminders/browser-api';
import { loadOrderClock } from '@/lib/reminders/clocks';
import { checkOrder, type CheckDeps, type CheckFinding, type FailedResult } from './check';
import { changeNotice, detectChange, showChangeNotice, type Translate } from './notify';
import { backoffMs, GONE_AFTER, jitter, minGapMs, scheduleInterval } from './schedule';
import {
  armWatchAlarm,
  claimDue,
  loadWatchContext,
  planOf,
  plannedRow,
  rebuildWatch,
  recordCheck,
  timingOf,
  type WatchAlarms,
  type WatchContext,
} from './store';

/** Checks per run: a buyer with many waiting orders gets them checked over a few alarms, never in one burst. */
export const MAX_PER_RUN = 10;
/** Between two requests to the same shop in one run. */
export const SHOP_GAP_MS = 1_500;
/**
 * Checks due within this long of an alarm are made by it (a minute in real use): orders with schedules a few seconds
 * apart share one wake-up of the worker instead of one each.
 */
export const BATCH_MINUTES = 1;

/** What a run needs from outside. */
export interface WatchRunDeps extends CheckDeps {
  db: KamiGuardDb;
  browser: WatchAlarms & Pick<ReminderBrowser, 'notifications' | 'i18n'>;
  random(): number;
  /** The steps after storing a sighting: evidence, reminder, badge (lib/background/after-sighting, bound). */
  afterStore(after: AfterStore, now: number): Promise<void>;
  sleep?(ms: number): Promise<void>;
  /** Called when the run ends (Chromium closes its offscreen document). */
  finished?(): Promise<void>;
}

/** One check of a run. */
export interface CheckedOrder {
  orderId: number;
  result: WatchResult;
  httpStatus?: number;
}

let current: Promise<CheckedOrder[]> | undefined;

/**
 * Runs the due checks. A run already under way in this worker is joined rather than doubled (an alarm can fire while
 * one runs); across workers the claim in the database keeps each check single.
 */
export function runWatch(deps: WatchRunDeps): Promise<CheckedOrder[]> {
  current ??= run(deps).finally(() => {
    current = undefined;
  });
  return current;
}

async function run(deps: WatchRunDeps): Promise<CheckedOrder[]> {
  const { db } = deps;
  const done: CheckedOrder[] = [];
  try {
    const ctx = await loadWatchContext(db);
    if (!ctx.settings.enabled) {
      await rebuildWatch(db, deps.browser, deps.now(), deps.random);
      return done;
    }
    const lastAtShop = new Map<string, number>();
    const batch = (BATCH_MINUTES * 60_000) / ctx.escalation.timeScale;
    // Held for longer than a check can take (the request times out at 20 s).
    const hold = Math.max(minGapMs(timingOf(ctx)), (2 * 60_000) / ctx.escalation.timeScale);
    for (let i = 0; i < MAX_PER_RUN; i++) {
      const now = deps.now();
      const due = await db.watch
        .where('nextAt')
        .belowOrEqual(now + batch)
        .first();
      if (!due) break;
      if (!(await claimDue(db, due.orderId, now + batch, hold, now))) continue;
      const checked = await checkOne(deps, ctx, due.orderId, lastAtShop);
      if (checked) done.push(checked);
    }
  } finally {
    await armWatchAlarm(db, deps.browser, deps.now()).catch((err) => console.error('[kamiguard] watch alarm', err));
    await deps.finished?.().catch(() => undefined);
  }
  return done;
}

async function checkOne(
  deps: WatchRunDeps,
  ctx: WatchContext,
  orderId: number,
  lastAtShop: Map<string, number>,
): Promise<CheckedOrder | undefined> {
  const { db } = deps;
  const oc = await loadOrderClock(db, orderId, deps.now(), ctx.escalation);
  const row = await db.watch.get(orderId);
  if (!oc || !row) {
    if (row) await db.watch.delete(orderId);
    return undefined;
  }
  const plan = planOf(oc, row, ctx, deps.now());
  if (!plan.watch) {
    await db.watch.put(plannedRow(oc, oc.clock, row, plan, ctx, deps.now(), deps.random, false));
    return undefined;
  }
  const last = lastAtShop.get(oc.order.site);
  if (last !== undefined) await (deps.sleep ?? sleep)(Math.max(0, last + SHOP_GAP_MS - deps.now()));

  const sentAt = deps.now();
  let finding: CheckFinding;
  try {
    finding = await checkOrder(oc.order, deps);
  } catch (err) {
    console.error('[kamiguard] watch check failed', err);
    finding = { ok: false, result: 'unreadable' };
  }
  lastAtShop.set(oc.order.site, deps.now());

  if (!finding.ok) {
    const failed = failedRow(row, finding, oc.clock.windowMs, plan.startAt, ctx, deps);
    await recordCheck(db, failed, { at: sentAt, result: finding.result, ...status(finding.httpStatus) });
    return { orderId, result: finding.result, ...status(finding.httpStatus) };
  }

  const now = deps.now();
  const events = await storeFinding(deps, oc.order, finding, now);
  const result: WatchResult = events === undefined ? 'unchanged' : 'changed';
  if (events) await tell(deps, ctx, oc.order.id, events, now).catch((err) => console.error('[kamiguard] notice', err));
  // Planned again from the order as it is now: delivered or refunded, it stops here.
  const fresh = await loadOrderClock(db, orderId, deps.now(), ctx.escalation);
  const latest = { ...((await db.watch.get(orderId)) ?? row), failures: 0 };
  const next = fresh
    ? plannedRow(
        fresh,
        fresh.clock,
        latest,
        planOf(fresh, latest, ctx, deps.now()),
        ctx,
        deps.now(),
        deps.random,
        false,
      )
    : latest;
  await recordCheck(db, next, { at: sentAt, result, httpStatus: finding.httpStatus });
  return { orderId, result, httpStatus: finding.httpStatus };
}

const status = (httpStatus: number | undefined): { httpStatus?: number } =>
  httpStatus === undefined ? {} : { httpStatus };

/**
 * The row after a failed check: one more failure in a row, the next check after the back-off — or stopped as 'gone'
 * when the page has shown no order `GONE_AFTER` times in a row.
 */
function failedRow(
  row: WatchRecord,
  finding: { result: FailedResult; retryAfterMs?: number },
  windowMs: number,
  startAt: number,
  ctx: WatchContext,
  deps: Pick<WatchRunDeps, 'now' | 'random'>,
): WatchRecord {
  const failures = (row.failures ?? 0) + 1;
  const recent = [...(row.checks ?? []).slice(-(GONE_AFTER - 1)).map((c) => c.result), finding.result];
  const next: WatchRecord = { ...row, failures };
  if (recent.length >= GONE_AFTER && recent.every((r) => r === 'missing')) {
    delete next.nextAt;
    next.stopped = 'gone';
    return next;
  }
  const now = deps.now();
  const timing = timingOf(ctx);
  const wait = backoffMs(
    finding.result,
    failures,
    scheduleInterval(startAt, windowMs, now, timing),
    timing,
    finding.retryAfterMs,
  );
  next.nextAt = now + jitter(wait, deps.random);
  return next;
}

/**
 * Stores what a good check read through the same path as a visit's sighting, then the same steps after it (evidence
 * with the fetched page itself, reminder, badge). Returns the events it appended, or undefined when nothing changed.
 */
async function storeFinding(
  deps: WatchRunDeps,
  order: OrderRecord,
  finding: Extract<CheckFinding, { ok: true }>,
  now: number,
): Promise<EventRecord[] | undefined> {
  const { stored, linkedIds } = await storePageSighting(deps.db, {
    orders: [finding.order],
    site: order.site,
    url: finding.pageUrl,
    title: finding.reading.title,
    pageWindowMinutes: finding.reading.pageWindowMinutes,
    now,
  });
  try {
    await deps.afterStore(
      {
        stored,
        linkedIds,
        url: finding.pageUrl,
        title: finding.reading.title,
        visibleText: finding.reading.visibleText,
        source: finding.source,
      },
      now,
    );
  } catch (err) {
    console.error('[kamiguard] after-store step of a check failed', err);
  }
  const events = stored[0]?.result.events ?? [];
  return events.length ? events : undefined;
}

/**
 * Tells the buyer what changed, unless notifications are off or it is quiet time (the order, its timeline and the
 * badge show it either way). The notice is recorded on the timeline before it is shown.
 */
async function tell(
  deps: WatchRunDeps,
  ctx: WatchContext,
  orderId: number,
  events: readonly EventRecord[],
  now: number,
): Promise<void> {
  const change = detectChange(events);
  if (!change || !ctx.escalation.notifications || isQuietTime(now, ctx.escalation.quietHours)) return;
  const order = await deps.db.orders.get(orderId);
  if (!order) return;
  const msg: Translate = (key, subs) => {
    try {
      return deps.browser.i18n.getMessage(key, subs) || key;
    } catch {
      return key;
    }
  };
  const content = changeNotice(msg, order, change);
  await appendEvent(deps.db, { orderId, kind: 'watch_notified', at: now, detail: content.title });
  await showChangeNotice(deps.browser, orderId, content, msg('reminder_button_open'));
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
