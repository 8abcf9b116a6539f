/**
 * The watch against a database: the rows and the one alarm rebuilt from the orders, a run of checks storing a change
 * exactly like a visit (events, keys, evidence, notice), the back-off, giving up, and the buyer's switches.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { afterSighting } from '@/lib/background/after-sighting';
import { applyOrderAction } from '@/lib/background/order-actions';
import { getTimeline, upsertSighting, type KamiGuardDb } from '@/lib/db';
import { sha256Hex } from '@/lib/hash';
import type { ExtractedOrder } from '@/lib/extract/types';
import { formatMessage, type ChromeMessage } from '@/lib/reminders/messages';
import { saveEscalationSettings } from '@/lib/reminders/store';
import { localReader } from '@/lib/watch/dom';
import type { FetchOutcome } from '@/lib/watch/fetch-page';
import type { WatchRequest } from '@/lib/watch/recipes';
import { MAX_PER_RUN, runWatch, SHOP_GAP_MS, type WatchRunDeps } from '@/lib/watch/run';
import { saveWatchSettings } from '@/lib/watch/settings';
import { claimDue, onPageSeen, rebuildWatch, syncWatchOrder, WATCH_ALARM } from '@/lib/watch/store';
import { unicornOrderPage } from '../demo-shop/pages';
import type { DemoOrder, DemoStatus } from '../demo-shop/server';
import { freshDb } from './fresh-db';

const T0 = Date.parse('2025-03-01T10:00:00+08:00');
const MIN = 60_000;
const SITE = 'shop.example.com';
const ZH = JSON.parse(readFileSync(join(__dirname, '../../public/_locales/zh_CN/messages.json'), 'utf8')) as Record<
  string,
  ChromeMessage
>;

/** The order as a dujiaoka page shows it (the demo shop's markup). */
const demo = (sn: string, status: DemoStatus, keys: string[] = []): DemoOrder => ({
  sn,
  product: 'QQ超级会员 1个月',
  quantity: 1,
  price: '29.90',
  email: 'buyer@example.com',
  payment: '支付宝',
  mode: 'auto',
  status,
  keys,
  ageMinutes: 3,
});

/** A fake shop: each order's page as it is now, or an HTTP status / no answer, and every request it got. */
class Shop {
  pages = new Map<string, DemoOrder>();
  failures = new Map<string, number[]>();
  requests: WatchRequest[] = [];
  answer = async (req: WatchRequest): Promise<FetchOutcome> => {
    this.requests.push(req);
    const sn = req.url.split('/').at(-1)!;
    const status = this.failures.get(sn)?.shift();
    if (status === 0) return { ok: false, result: 'network', detail: 'offline' };
    const page = this.pages.get(sn);
    const body = status ? `<h1>${status}</h1>` : page ? unicornOrderPage(page, T0) : '<h5>订单不存在</h5>';
    return {
      ok: true,
      answer: {
        status: status ?? 200,
        finalUrl: req.url,
        contentType: 'text/html; charset=utf-8',
        bytes: new TextEncoder().encode(body),
      },
    };
  };
}

let now = T0;
let shop: Shop;
let db: KamiGuardDb;
let slept: number[];
const notices = () => fakeBrowser.notifications.getAllCreateOptions();

function deps(): WatchRunDeps {
  return {
    db,
    browser: {
      alarms: fakeBrowser.alarms,
      notifications: fakeBrowser.notifications,
      i18n: { getMessage: (key: string, subs?: string | string[]) => formatMessage(ZH[key]!, subs ?? []) },
    },
    fetchPage: shop.answer,
    readPage: localReader.readPage,
    now: () => now,
    random: () => 0.5,
    sleep: async (ms) => {
      slept.push(ms);
    },
    afterStore: (after, at) =>
      afterSighting(after, { db, now: at, requestCapture: async () => undefined, reschedule: async () => undefined }),
  };
}

/** A sighting of an order by a visit, at `at`. */
async function visit(sn: string, over: Partial<ExtractedOrder> = {}, at = T0): Promise<number> {
  const order: ExtractedOrder = {
    platform: 'dujiaoka',
    orderNo: sn,
    productName: 'QQ超级会员 1个月',
    status: 'processing',
    ...over,
  };
  const url = `https://${SITE}/detail-order-sn/${sn}`;
  return (await upsertSighting(db, { order, site: SITE, url, at })).orderId;
}
const row = (id: number) => db.watch.get(id);
const alarm = async () => (await fakeBrowser.alarms.get(WATCH_ALARM))?.scheduledTime;

beforeEach(() => {
  now = T0;
  shop = new Shop();
  db = freshDb();
  slept = [];
});

describe('rows and the one alarm', () => {
  it('every paid, waiting order gets a row at its first check; the alarm is set to the earliest', async () => {
    const a = await visit('AAAA1111BBBB2222');
    const b = await visit('CCCC3333DDDD4444', {}, T0 + 2 * MIN);
    const unpaid = await visit('EEEE5555FFFF6666', { status: 'pending_payment' });
    const done = await visit('GGGG7777HHHH8888', { status: 'delivered' });
    const script = await visit('JJJJ9999KKKK0000', { platform: 'qs-faka' });
    now = T0 + 3 * MIN;
    const result = await rebuildWatch(db, fakeBrowser, now, () => 0.5);
    expect(result).toMatchObject({ watched: 2, stopped: { ended: 2, unsupported: 1 } });
    expect((await row(a))?.nextAt).toBe(T0 + 5 * MIN);
    expect((await row(b))?.nextAt).toBe(T0 + 7 * MIN);
    for (const id of [unpaid, done, script]) expect(await row(id)).toBeUndefined();
    expect(await alarm()).toBe(T0 + 5 * MIN);
    await expect(fakeBrowser.alarms.getAll()).resolves.toHaveLength(1);
  });

  it('a worker start keeps the pending check time instead of pushing it back', async () => {
    const a = await visit('AAAA1111BBBB2222');
    await rebuildWatch(db, fakeBrowser, T0, () => 0.5);
    await rebuildWatch(db, fakeBrowser, T0 + 4 * MIN, () => 0);
    expect((await row(a))?.nextAt).toBe(T0 + 5 * MIN);
  });

  it('the alarm goes when nothing is watched', async () => {
    await fakeBrowser.alarms.create(WATCH_ALARM, { when: T0 });
    await rebuildWatch(db, fakeBrowser, T0);
    expect(await alarm()).toBeUndefined();
  });
});

describe('a run of checks', () => {
  it('a change is stored like a visit: status, keys, the fetched page as evidence, and a notice', async () => {
    const SN = 'AAAA1111BBBB2222';
    const id = await visit(SN);
    await rebuildWatch(db, fakeBrowser, now, () => 0.5);
    shop.pages.set(SN, demo(SN, 'completed', ['CDK-7F3A-99QX-K2LM']));
    now = T0 + 5 * MIN;
    const run = await runWatch(deps());
    expect(run).toEqual([{ orderId: id, result: 'changed', httpStatus: 200 }]);
    expect(shop.requests).toHaveLength(1);

    const order = await db.orders.get(id);
    expect(order).toMatchObject({ status: 'delivered', cardKeys: ['CDK-7F3A-99QX-K2LM'], lastSeenAt: now });
    const events = await getTimeline(db, id);
    expect(events.map((e) => e.kind)).toEqual([
      'first_seen',
      'status_changed',
      'card_keys_found',
      'evidence_added',
      'evidence_added',
      'watch_notified',
    ]);
    const source = (await db.evidence.where('orderId').equals(id).toArray()).find((e) => e.kind === 'order_source')!;
    const served = new TextEncoder().encode(unicornOrderPage(shop.pages.get(SN)!, T0));
    expect(source.sha256).toBe(await sha256Hex(served));
    expect(source).toMatchObject({ url: `https://${SITE}/detail-order-sn/${SN}`, capturedAt: now, source: 'auto' });
    expect(
      events.find((e) => e.kind === 'evidence_added' && e.detail === `order_source:${source.sha256}`),
    ).toBeTruthy();
    const text = (await db.evidence.where('orderId').equals(id).toArray()).find((e) => e.kind === 'order_text');
    expect(text, 'the visit’s text record too').toBeTruthy();

    const notice = notices()[`watch:${id}`]!;
    expect(notice.title).toBe('卡密已到：QQ超级会员 1个月');
    expect(notice.message).toContain(SN);
    expect(notice.buttons?.map((b) => b.title)).toEqual(['打开订单']);
    expect(events.at(-1)?.detail).toBe(notice.title);
    // Delivered: no more checks, no alarm.
    expect(await row(id)).toMatchObject({ stopped: 'ended', failures: 0 });
    expect((await row(id))?.nextAt).toBeUndefined();
    expect(await alarm()).toBeUndefined();
  });

  it('no change: nothing stored but the look itself, next check by the schedule', async () => {
    const SN = 'AAAA1111BBBB2222';
    const id = await visit(SN);
    await rebuildWatch(db, fakeBrowser, now, () => 0.5);
    shop.pages.set(SN, demo(SN, 'processing'));
    now = T0 + 5 * MIN;
    expect(await runWatch(deps())).toEqual([{ orderId: id, result: 'unchanged', httpStatus: 200 }]);
    expect(await db.evidence.count()).toBe(0);
    expect((await getTimeline(db, id)).map((e) => e.kind)).toEqual(['first_seen']);
    expect(notices()).toEqual({});
    expect((await row(id))?.nextAt).toBe(now + 5 * MIN);
    expect(await alarm()).toBe(now + 5 * MIN);
  });

  it('a paid order that turns 已关闭 is told as a payment the shop lost; it stays watched', async () => {
    const SN = 'AAAA1111BBBB2222';
    const id = await visit(SN, { status: 'paid' });
    await rebuildWatch(db, fakeBrowser, now, () => 0.5);
    shop.pages.set(SN, demo(SN, 'closed'));
    now = T0 + 5 * MIN;
    await runWatch(deps());
    expect(notices()[`watch:${id}`]?.title).toBe('已付款的订单显示 已关闭：可能是支付回调失败');
    expect((await row(id))?.nextAt).toBeGreaterThan(now);
  });

  it('no notice when notifications are off; the change is stored all the same', async () => {
    const SN = 'AAAA1111BBBB2222';
    const id = await visit(SN);
    await saveEscalationSettings(db, { notifications: false });
    await rebuildWatch(db, fakeBrowser, now, () => 0.5);
    shop.pages.set(SN, demo(SN, 'abnormal'));
    now = T0 + 5 * MIN;
    await runWatch(deps());
    expect((await db.orders.get(id))?.status).toBe('abnormal');
    expect(notices()).toEqual({});
    expect((await getTimeline(db, id)).some((e) => e.kind === 'watch_notified')).toBe(false);
  });

  it('failures back off, doubling; a good check forgets them', async () => {
    const SN = 'AAAA1111BBBB2222';
    const id = await visit(SN);
    await rebuildWatch(db, fakeBrowser, now, () => 0.5);
    shop.pages.set(SN, demo(SN, 'processing'));
    shop.failures.set(SN, [500, 0]);
    now = T0 + 5 * MIN;
    expect(await runWatch(deps())).toEqual([{ orderId: id, result: 'http_error', httpStatus: 500 }]);
    expect(await row(id)).toMatchObject({ failures: 1, nextAt: now + 10 * MIN });
    expect(await runWatch(deps()), 'not due yet: no request').toEqual([]);
    now += 10 * MIN;
    expect(await runWatch(deps())).toEqual([{ orderId: id, result: 'network' }]);
    expect(await row(id)).toMatchObject({ failures: 2, nextAt: now + 20 * MIN });
    now += 20 * MIN;
    expect(await runWatch(deps())).toEqual([{ orderId: id, result: 'unchanged', httpStatus: 200 }]);
    expect(await row(id)).toMatchObject({ failures: 0 });
    expect((await row(id))?.checks?.map((c) => c.result)).toEqual(['http_error', 'network', 'unchanged']);
    expect(shop.requests).toHaveLength(3);
    expect((await db.orders.get(id))?.status, 'an error page is never a status').toBe('processing');
  });

  it('a page that keeps not showing the order stops the watch; the buyer’s next visit restarts it', async () => {
    const SN = 'AAAA1111BBBB2222';
    const id = await visit(SN);
    await rebuildWatch(db, fakeBrowser, now, () => 0.5);
    for (let i = 0; i < 5; i++) {
      now = (await row(id))!.nextAt!;
      await runWatch(deps());
    }
    expect(await row(id)).toMatchObject({ stopped: 'gone', failures: 5 });
    expect((await row(id))?.nextAt).toBeUndefined();
    expect(await alarm()).toBeUndefined();
    expect((await db.orders.get(id))?.status).toBe('processing');

    now += 60 * MIN;
    await visit(SN, {}, now);
    await onPageSeen(db, fakeBrowser, [id], now);
    const back = await row(id);
    expect(back).toMatchObject({ failures: 0 });
    expect(back?.stopped).toBeUndefined();
    // 15 minutes (the window's phase) from the visit, jittered.
    expect(back!.nextAt! - now).toBeGreaterThanOrEqual(13.5 * MIN);
    expect(back!.nextAt! - now).toBeLessThanOrEqual(16.5 * MIN);
  });

  it('one request per order per check, even when two runs start at once', async () => {
    const SN = 'AAAA1111BBBB2222';
    await visit(SN);
    await rebuildWatch(db, fakeBrowser, now, () => 0.5);
    shop.pages.set(SN, demo(SN, 'processing'));
    now = T0 + 5 * MIN;
    await Promise.all([runWatch(deps()), runWatch(deps())]);
    expect(shop.requests).toHaveLength(1);
  });

  it('checks due within a minute share one wake-up of the worker', async () => {
    const a = await visit('AAAA1111BBBB2222');
    const b = await visit('CCCC3333DDDD4444', {}, T0 + 40_000);
    const c = await visit('EEEE5555FFFF6666', {}, T0 + 2 * MIN);
    for (const sn of ['AAAA1111BBBB2222', 'CCCC3333DDDD4444', 'EEEE5555FFFF6666']) shop.pages.set(sn, demo(sn, 'paid'));
    await rebuildWatch(db, fakeBrowser, now, () => 0.5);
    now = T0 + 5 * MIN;
    const ran = await runWatch(deps());
    expect(ran.map((r) => r.orderId)).toEqual([a, b]);
    expect((await row(c))?.nextAt).toBe(T0 + 7 * MIN);
  });

  it('a claimed check is not due again until its hold ends (a worker that died mid-request)', async () => {
    const id = await visit('AAAA1111BBBB2222');
    await rebuildWatch(db, fakeBrowser, now, () => 0.5);
    now = T0 + 5 * MIN;
    expect(await claimDue(db, id, now, 2 * MIN)).toBe(true);
    expect(await claimDue(db, id, now, 2 * MIN)).toBe(false);
    expect(await runWatch(deps())).toEqual([]);
    expect((await row(id))?.nextAt).toBe(now + 2 * MIN);
  });

  it('at most MAX_PER_RUN checks per run, one shop asked one request at a time', async () => {
    const sns = Array.from({ length: MAX_PER_RUN + 2 }, (_, i) => `SN${String(i).padStart(14, '0')}`);
    for (const sn of sns) {
      await visit(sn);
      shop.pages.set(sn, demo(sn, 'processing'));
    }
    await rebuildWatch(db, fakeBrowser, now, () => 0.5);
    now = T0 + 5 * MIN;
    expect(await runWatch(deps())).toHaveLength(MAX_PER_RUN);
    expect(slept).toHaveLength(MAX_PER_RUN - 1);
    expect(slept.every((ms) => ms === SHOP_GAP_MS)).toBe(true);
    expect(await alarm(), 'the rest are due: the alarm comes back at once').toBe(now);
    expect(await runWatch(deps())).toHaveLength(2);
  });
});

describe('the buyer’s switches', () => {
  it('watching off in the settings: no request, every row stopped, no alarm', async () => {
    const id = await visit('AAAA1111BBBB2222');
    await rebuildWatch(db, fakeBrowser, now, () => 0.5);
    await saveWatchSettings(db, { enabled: false, pace: 'normal' });
    now = T0 + 5 * MIN;
    expect(await runWatch(deps())).toEqual([]);
    expect(shop.requests).toEqual([]);
    expect(await row(id)).toMatchObject({ stopped: 'disabled' });
    expect(await alarm()).toBeUndefined();
  });

  it('off for one order, then on again', async () => {
    const id = await visit('AAAA1111BBBB2222');
    await rebuildWatch(db, fakeBrowser, now, () => 0.5);
    await applyOrderAction(db, id, { type: 'set_watch', on: false }, now);
    await syncWatchOrder(db, fakeBrowser, id, now, { random: () => 0.5 });
    expect(await row(id)).toMatchObject({ stopped: 'off' });
    expect((await db.orders.get(id))?.watchOff).toBe(true);
    expect(await alarm()).toBeUndefined();
    await applyOrderAction(db, id, { type: 'set_watch', on: true }, now);
    await syncWatchOrder(db, fakeBrowser, id, now, { random: () => 0.5 });
    expect((await db.orders.get(id))?.watchOff).toBeUndefined();
    expect(await row(id)).toMatchObject({ nextAt: T0 + 5 * MIN });
    expect(await alarm()).toBe(T0 + 5 * MIN);
  });

  it('a new pace applies at once when the settings change', async () => {
    const id = await visit('AAAA1111BBBB2222');
    await rebuildWatch(db, fakeBrowser, now, () => 0.5);
    expect((await row(id))?.nextAt).toBe(T0 + 5 * MIN);
    await saveWatchSettings(db, { enabled: true, pace: 'slow' });
    await rebuildWatch(db, fakeBrowser, now, () => 0.5);
    expect((await row(id))?.nextAt, 'a worker start keeps the pending check').toBe(T0 + 5 * MIN);
    await rebuildWatch(db, fakeBrowser, now, () => 0.5, { replan: true });
    expect((await row(id))?.nextAt).toBe(T0 + 15 * MIN);
  });
});

it('the vocabulary the popup builds from data exists in both locales', () => {
  const en = JSON.parse(readFileSync(join(__dirname, '../../public/_locales/en/messages.json'), 'utf8')) as object;
  const results = ['unchanged', 'changed', 'login', 'captcha', 'missing', 'http_error', 'rate_limited', 'network'];
  const keys = [
    ...[...results, 'unreadable'].map((r) => `watch_last_${r}`),
    ...['unsupported', 'nopage', 'off', 'disabled', 'expired', 'gone'].map((r) => `watch_stopped_${r}`),
    ...['fast', 'normal', 'slow'].map((p) => `options_watch_pace_${p}`),
  ];
  expect(keys.filter((k) => !(k in ZH) || !(k in en))).toEqual([]);
  vi.restoreAllMocks();
});
