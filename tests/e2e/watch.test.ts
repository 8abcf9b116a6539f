/**
 * Issue 13 in the browser: waiting orders are re-read in the background, with the buyer's cookies, and a change is
 * handled like a visit — without the buyer opening the page again. The demo shop changes its orders behind the
 * extension's back; the test time scale makes the schedule's minutes into seconds.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, test } from 'node:test';
import { launch, waitFor, type Harness } from './harness.ts';

interface OrderRow {
  id: number;
  orderNo: string;
  status: string;
  productName?: string;
  cardKeys?: string[];
  url: string;
}
interface EventRow {
  orderId: number;
  kind: string;
  status?: string;
  previousStatus?: string;
  detail?: string;
  at: number;
}
interface EvidenceRow {
  orderId: number;
  kind: string;
  sha256: string;
  mime: string;
  url: string;
  capturedAt: number;
  note?: string;
}
interface WatchRow {
  orderId: number;
  nextAt?: number;
  stopped?: string;
  failures?: number;
  checks?: { at: number; result: string; httpStatus?: number }[];
}

let h: Harness;
before(async () => {
  h = await launch();
});
after(async () => {
  await h?.close();
});

/** TEST ONLY: every duration is divided by this; the schedule's 5 minutes become the 2 s floor of scaled runs. */
const FAST = 8640;
/** For the back-off: 10 and 20 minutes become 2 s and 4 s. */
const SLOW = 300;

const demo = (path: string): Promise<Response> => fetch(`${h.shop.origin}/__demo/${path}`, { method: 'POST' });
const orders = (): Promise<OrderRow[]> => h.readTable<OrderRow>('orders');
const eventsOf = async (id: number): Promise<EventRow[]> =>
  (await h.readTable<EventRow>('events')).filter((e) => e.orderId === id);
const watchRow = async (id: number): Promise<WatchRow | undefined> =>
  (await h.readTable<WatchRow>('watch')).find((r) => r.orderId === id);
const order = async (orderNo: string, accept: (o: OrderRow) => boolean, timeoutMs = 20_000): Promise<OrderRow> => {
  const rows = await waitFor(orders, (r) => r.some((o) => o.orderNo === orderNo && accept(o)), timeoutMs);
  const found = rows.find((o) => o.orderNo === orderNo);
  assert.ok(found && accept(found), `order ${orderNo}: ${JSON.stringify(found)}`);
  return found;
};
/** Opens a shop page, waits until the order is stored, and closes the tab: from here on only the watch reads it. */
const visitOnce = async (path: string, orderNo: string): Promise<OrderRow> => {
  const page = await h.context.newPage();
  await page.goto(`${h.shop.origin}${path}`);
  const seen = await order(orderNo, () => true);
  await page.close();
  return seen;
};
const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');
const requestsTo = (path: string, since: number) =>
  h.shop.requests.filter((r) => r.url.startsWith(path) && r.at >= since);

test('a 待处理 order turns 已完成 with keys, and the extension learns it without a visit', async () => {
  await h.writeKv('settings.escalation', { timeScale: FAST });
  const SN = 'KG3H8N2P6R0T4V7W';
  const path = `/detail-order-sn/${SN}`;
  // The order page shows only to the logged-in buyer: the checks must carry the buyer's cookie.
  await demo(`orders/${SN}?login=1`);
  // (A page that shows no order, so nothing is picked up from it.)
  const home = await h.context.newPage();
  await home.goto(`${h.shop.origin}/order-search`);
  await home.close();
  const waiting = await visitOnce(path, SN);
  assert.equal(waiting.status, 'processing');
  const closedAt = Date.now();

  await demo(`orders/${SN}?status=completed`);
  const delivered = await order(SN, (o) => o.status === 'delivered');
  const keys = h.shop.orders.get(SN)!.keys;
  assert.deepEqual(delivered.cardKeys, keys, 'the keys the shop now shows are stored');
  assert.equal(
    h.context.pages().filter((p) => p.url().includes(path)).length,
    0,
    'no tab showed the order page: only the background check read it',
  );

  // The timeline: the change, the keys, the notice, and the fetched page as chained evidence.
  const events = await waitFor(
    () => eventsOf(delivered.id),
    (e) => e.some((x) => x.kind === 'watch_notified'),
  );
  const change = events.find((e) => e.kind === 'status_changed' && e.status === 'delivered');
  assert.equal(change?.previousStatus, 'processing');
  assert.ok(events.some((e) => e.kind === 'card_keys_found'));
  const notice = events.find((e) => e.kind === 'watch_notified')!;
  const product = delivered.productName ?? SN;
  const title = await h.evalInExtension(([key, name]) => chrome.i18n.getMessage(key, [name]), [
    'watch_notice_keys_title',
    product,
  ] as const);
  assert.equal(notice.detail, title, 'the notice says the keys arrived, for this product');
  assert.ok(notice.at > closedAt);

  const evidence = (await h.readTable<EvidenceRow>('evidence')).filter(
    (e) => e.orderId === delivered.id && e.kind === 'order_source',
  );
  assert.equal(evidence.length, 1, 'one fetched page kept: the one that showed the change');
  const source = evidence[0]!;
  assert.equal(source.url, `${h.shop.origin}${path}`, 'the final URL');
  assert.match(source.mime, /^text\/html/);
  assert.match(source.note ?? '', /^GET .* → HTTP 200$/);
  const { bytes } = await h.readBlob(source.sha256);
  assert.equal(sha256(bytes), source.sha256, 'the stored bytes match their hash');
  const html = bytes.toString('utf8');
  assert.ok(html.includes('已完成') && keys.every((k) => html.includes(k)), 'the page as the shop served it');
  const chained = events.find((e) => e.kind === 'evidence_added' && e.detail === `order_source:${source.sha256}`);
  assert.ok(chained, 'the evidence item is on the order’s hash chain');
  assert.ok(source.capturedAt >= closedAt && source.capturedAt <= notice.at, 'captured when it was requested');

  // Every re-read carried the buyer's session cookie (SameSite=Strict), one request per check.
  const reads = requestsTo(path, closedAt);
  assert.ok(reads.length >= 1);
  assert.ok(
    reads.every((r) => r.session),
    `cookies sent with every check: ${JSON.stringify(reads.map((r) => [r.fetchSite, r.session]))}`,
  );
  // Delivered: no more checks.
  const row = await waitFor(
    () => watchRow(delivered.id),
    (r) => r?.stopped === 'ended',
  );
  assert.equal(row?.stopped, 'ended');
  assert.equal(row?.nextAt, undefined);
  assert.equal(row?.checks?.at(-1)?.result, 'changed');
});

test('a paid order whose page turns to 已关闭 is flagged as a payment the shop lost', async () => {
  const SN = 'KG5P0C1B2D3E4F6G';
  await demo(`orders/${SN}?status=paid`);
  const paid = await visitOnce(`/detail-order-sn/${SN}`, SN);
  assert.equal(paid.status, 'paid');

  await demo(`orders/${SN}?status=closed`);
  const closed = await order(SN, (o) => o.status === 'closed');
  const events = await waitFor(
    () => eventsOf(closed.id),
    (e) => e.some((x) => x.kind === 'watch_notified'),
  );
  assert.equal(events.find((e) => e.kind === 'status_changed')?.previousStatus, 'paid');
  const status = await h.message('status_closed');
  const title = await h.evalInExtension(([key, s]) => chrome.i18n.getMessage(key, [s]), [
    'watch_notice_unpaid_title',
    status,
  ] as const);
  assert.equal(events.find((e) => e.kind === 'watch_notified')?.detail, title);
  // The money left and the goods did not come: the order is still waiting, and still watched.
  const row = await watchRow(closed.id);
  assert.equal(row?.stopped, undefined);
  assert.ok(row?.nextAt !== undefined);
});

test('a login page is shown on the order, never taken as its status', async () => {
  const SN = 'KG5P0C1B2D3E4F6G';
  const id = (await order(SN, () => true)).id;
  const before = (await watchRow(id))?.checks?.length ?? 0;
  await demo(`orders/${SN}?login=1`);
  await demo('sessions/clear');
  const row = await waitFor(
    () => watchRow(id),
    (r) => (r?.checks?.length ?? 0) > before && r?.checks?.at(-1)?.result === 'login',
  );
  assert.equal(row?.checks?.at(-1)?.result, 'login');
  assert.equal((await order(SN, () => true)).status, 'closed', 'the status is what the last real page showed');

  const popup = await h.openExtensionPage(`popup.html#order=${id}`);
  const line = popup.locator('[data-testid="watch-status"]');
  await line.waitFor();
  assert.equal(await line.getAttribute('data-state'), 'login');
  // The message with the check's time (China time, "HH:MM" today) in its place.
  const [head, tail] = (
    await h.evalInExtension(([key, mark]) => chrome.i18n.getMessage(key, [mark]), ['watch_last_login', '@@'] as const)
  ).split('@@');
  const escape = (x: string): string => x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const text = (await line.textContent()) ?? '';
  assert.match(text, new RegExp(`^${escape(head!)}\\d\\d:\\d\\d${escape(tail!)}`));
  await popup.close();
  await demo(`orders/${SN}?login=0`);
});

test('the shop answers 500 twice, then the page: the checks back off, then pick up the change', async () => {
  await h.writeKv('settings.escalation', { timeScale: SLOW });
  const SN = 'KG7Q2M9X4A1B3C5D';
  const path = `/detail-order-sn/${SN}`;
  await demo(`orders/${SN}?status=processing&keys=0`);
  const waiting = await visitOnce(path, SN);
  assert.equal(waiting.status, 'processing');
  const failFrom = Date.now();
  await demo(`orders/${SN}?fail=500&times=2`);
  await demo(`orders/${SN}?status=completed`);

  const delivered = await order(SN, (o) => o.status === 'delivered', 40_000);
  const row = await waitFor(
    () => watchRow(delivered.id),
    (r) => r?.checks?.at(-1)?.result === 'changed',
  );
  const checks = row!.checks!.filter((c) => c.at >= failFrom);
  assert.deepEqual(
    checks.map((c) => `${c.result}:${c.httpStatus ?? ''}`),
    ['http_error:500', 'http_error:500', 'changed:200'],
    'two failures, then the page: no retry in between',
  );
  // The back-off doubles: 10 then 20 minutes of the schedule, 2 s and 4 s at this scale, each within its ±10 %.
  const first = checks[1]!.at - checks[0]!.at;
  const second = checks[2]!.at - checks[1]!.at;
  assert.ok(first >= 1_800, `first back-off ${first} ms`);
  assert.ok(second >= 3_600, `second back-off ${second} ms`);
  assert.ok(second > first, 'backed off further after the second failure');
  // Exactly one request per check reached the shop.
  assert.equal(requestsTo(path, failFrom).length, 3, JSON.stringify(requestsTo(path, failFrom)));
});

test('an acg-faka order is re-read through its query API, as the page script asks it', async () => {
  await h.writeKv('settings.escalation', { timeScale: FAST });
  const TRADE = '281261130104512907';
  await demo(`acg/${TRADE}?paid=now`);
  const waiting = await visitOnce(`/user/index/query?tradeNo=${TRADE}`, TRADE);
  assert.notEqual(waiting.status, 'delivered');
  const since = Date.now();
  await demo(`acg/${TRADE}?delivery=1&secret=${encodeURIComponent('STEAM-7Q2M-9X4A-1B3C')}`);

  const delivered = await order(TRADE, (o) => o.status === 'delivered');
  assert.deepEqual(delivered.cardKeys, ['STEAM-7Q2M-9X4A-1B3C']);
  const source = (await h.readTable<EvidenceRow>('evidence')).find(
    (e) => e.orderId === delivered.id && e.kind === 'order_source',
  );
  assert.ok(source, 'the API answer is kept as evidence');
  assert.equal(source.url, `${h.shop.origin}/user/api/index/query`);
  assert.match(source.mime, /^application\/json/);
  const { bytes } = await h.readBlob(source.sha256);
  assert.equal(sha256(bytes), source.sha256);
  const answer = JSON.parse(bytes.toString('utf8')) as { data: { list: { trade_no: string; secret?: string }[] } };
  assert.equal(answer.data.list.find((o) => o.trade_no === TRADE)?.secret, 'STEAM-7Q2M-9X4A-1B3C');
  assert.equal(delivered.url, `${h.shop.origin}/user/index/query?tradeNo=${TRADE}`, 'recorded at the order’s page');

  // The extension asked what the page script asks: a form POST with the order number, with the buyer's cookie.
  const asked = requestsTo('/user/api/index/query', since);
  assert.ok(asked.length >= 1);
  assert.ok(asked.every((r) => r.method === 'POST' && r.session));
});
