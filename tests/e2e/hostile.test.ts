/**
 * Issue 15, pages that attack (tests/support/hostile-site.ts), against the built extension in Chromium:
 * - a page that rewrites itself every 50 ms for a minute: one settled reading, no storm of changes, and the
 *   extension's main-thread time on it measured from a trace (printed, and written to test-results/hostile-trace.json);
 * - pages (and a frame of another site) posting KamiGuard-like messages, events and a fake `chrome.runtime`: nothing
 *   stored from them;
 * - markup and script in every field, 1 MB strings, 10,000-deep nesting, 5,000 fake orders in ads: no crash, capped
 *   values, and no markup rendered in the popup, the options page or report.html;
 * - a shop page in a frame of another site: not read (only a tab's own page is; README, "How it works").
 * Budgets are never asserted here; the trace figures are reported.
 */
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test, type TestContext } from 'node:test';
import { strFromU8, unzipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { scriptMainThreadTime, traceWhile, type ScriptTime } from '../bench/trace.ts';
import { MARKUP, startHostileSite, type HostileSite } from '../support/hostile-site.ts';
import { ARTIFACTS, launch, waitFor, type Harness } from './harness.ts';

interface OrderRow {
  id: number;
  orderNo: string;
  status: string;
  statusText?: string;
  productName?: string;
  contact?: string;
  paymentMethod?: string;
  pageTitle?: string;
  cardKeys?: string[];
}
interface EventRow {
  orderId: number;
  kind: string;
  status?: string;
}

/** How long the rewriting page rewrites itself (the issue's minute). */
const FLICKER_MS = 60_000;

let h: Harness;
let site: HostileSite;
const dialogs: string[] = [];
const figures: Record<string, ScriptTime & { note?: string }> = {};

before(async () => {
  h = await launch();
  site = await startHostileSite();
  // Any alert/confirm/prompt in any page of the browser (a page's own or one from rendered page text) is recorded.
  h.context.on('dialog', (dialog) => {
    dialogs.push(`${dialog.page()?.url() ?? '?'}: ${dialog.message()}`);
    void dialog.dismiss();
  });
});
after(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  writeFileSync(join(ARTIFACTS, 'hostile-trace.json'), `${JSON.stringify(figures, null, 2)}\n`);
  await h?.close();
  await site?.close();
});

const orders = (): Promise<OrderRow[]> => h.readTable<OrderRow>('orders');
const order = async (orderNo: string, timeoutMs = 15_000): Promise<OrderRow> => {
  const rows = await waitFor(orders, (r) => r.some((o) => o.orderNo === orderNo), timeoutMs);
  const row = rows.find((o) => o.orderNo === orderNo);
  assert.ok(row, `order ${orderNo} stored`);
  return row;
};
const eventsOf = async (orderId: number): Promise<EventRow[]> =>
  (await h.readTable<EventRow>('events')).filter((e) => e.orderId === orderId);

/** Loads a hostile page while tracing, waits for `ready`, and keeps the extension's main-thread time on it. */
async function tracedLoad(t: TestContext, name: string, url: string, ready: () => Promise<unknown>): Promise<Page> {
  const page = await h.context.newPage();
  const events = await traceWhile(h.context, page, async () => {
    await page.goto(url, { timeout: 60_000 });
    await ready();
    await page.waitForTimeout(1000);
  });
  const time = scriptMainThreadTime(events, `chrome-extension://${h.extensionId}/`);
  figures[name] = time;
  t.diagnostic(
    `${name}: extension main-thread time ${time.ms.toFixed(1)} ms in ${time.slices} slices (longest ${time.longestMs.toFixed(1)} ms)`,
  );
  return page;
}

test('a page rewriting itself every 50 ms for a minute: read once it settles, no storm of changes, bounded work', async (t) => {
  const sn = 'FLK20260501001';
  let midway: OrderRow[] = [];
  const page = await tracedLoad(
    t,
    'rewrites every 50 ms for a minute',
    `${site.origin}/flicker/detail-order-sn/${sn}?ms=${FLICKER_MS}`,
    async () => {
      // Halfway through, the page has not held still once: nothing of it is believed yet.
      await new Promise((r) => setTimeout(r, FLICKER_MS / 2));
      midway = (await orders()).filter((o) => o.orderNo === sn);
      await order(sn, FLICKER_MS);
    },
  );
  assert.deepEqual(midway, [], 'not read while it keeps changing');
  assert.ok(await page.evaluate(() => (window as unknown as { __settledAt?: number }).__settledAt), 'the page settled');

  const stored = await order(sn);
  assert.equal(stored.status, 'delivered', 'the page’s last status');
  assert.equal(stored.statusText, '已完成');
  assert.deepEqual(stored.cardKeys, ['FLK-KEY-0001']);
  const events = await waitFor(
    () => eventsOf(stored.id),
    (e) => e.filter((x) => x.kind === 'evidence_added').length >= 2,
    20_000,
  );
  assert.deepEqual(
    events.filter((e) => e.kind !== 'evidence_added' && e.kind !== 'reminder_shown').map((e) => [e.kind, e.status]),
    [
      ['first_seen', 'delivered'],
      ['card_keys_found', undefined],
    ],
    'one sighting: no status change recorded from the flicker',
  );
  const evidence = (await h.readTable<{ orderId: number; kind: string }>('evidence')).filter(
    (e) => e.orderId === stored.id,
  );
  assert.deepEqual(evidence.map((e) => e.kind).sort(), ['order_page', 'order_text'], 'one text record, one screenshot');
  figures['rewrites every 50 ms for a minute']!.note =
    `${FLICKER_MS / 50} rewrites (new node, new text, status flip, hash change) in ${FLICKER_MS / 1000} s`;
  await page.close();
});

test('pages and a frame of another site imitating KamiGuard’s messages store nothing', async () => {
  const sn = 'IMI20260501001';
  const frame = `${site.otherOrigin}/imitate-frame?ext=${h.extensionId}`;
  const page = await h.context.newPage();
  await page.goto(
    `${site.origin}/imitate/detail-order-sn/${sn}?ext=${h.extensionId}&frame=${encodeURIComponent(frame)}`,
  );
  const real = await order(sn);
  // The page posts for 3 s (30 rounds of every imitation): wait until it is done, then a little longer.
  const imitation = await waitFor(
    () =>
      page.evaluate(() => (window as unknown as { __imitation: { sent: number; realRuntime: string } }).__imitation),
    (i) => i.sent >= 30,
  );
  assert.equal(
    imitation.realRuntime,
    'undefined',
    'a web page has no way to our extension (no externally_connectable)',
  );
  // The frame of the other site did the same.
  const inFrame = await waitFor(
    async () =>
      (await page
        .frames()
        .find((f) => f.url().includes('/imitate-frame'))
        ?.evaluate(() => (window as unknown as { __imitation?: { sent: number } }).__imitation?.sent ?? 0)) ?? 0,
    (sent) => sent >= 30,
  );
  assert.ok(inFrame >= 30, `the frame imitated too (${inFrame})`);
  await page.waitForTimeout(1500);

  const fakes = (await orders()).filter((o) => o.orderNo.startsWith('FAKE'));
  assert.deepEqual(fakes, [], 'no order from a posted message, an event, a fake runtime or the frame');
  assert.deepEqual(
    (await eventsOf(real.id)).filter((e) => e.kind !== 'evidence_added').map((e) => e.kind),
    ['first_seen'],
    'the real order, read from the page, once',
  );
  await page.close();
});

test('a shop page in a frame of another site is not read; the same page on its own is', async () => {
  const framed = 'IFR20260501001';
  const own = 'TOP20260501001';
  const portal = await h.context.newPage();
  await portal.goto(
    `${site.otherOrigin}/portal?frame=${encodeURIComponent(`${site.origin}/plain/detail-order-sn/${framed}`)}`,
  );
  await portal.frameLocator('#framed').locator('#keys').waitFor();
  // The same page on its own, opened after the portal: once it is read, the frame had every chance to be.
  const page = await h.context.newPage();
  await page.goto(`${site.origin}/plain/detail-order-sn/${own}`);
  await order(own);
  await page.waitForTimeout(1500);
  assert.deepEqual(
    (await orders()).filter((o) => o.orderNo === framed),
    [],
    'the framed shop page is not picked up',
  );
  await portal.close();
  await page.close();
});

test('markup in every field, 1 MB strings, 10,000-deep nesting, 5,000 fake orders in ads: no crash, capped, never rendered', async (t) => {
  const crashes: string[] = [];
  h.context.on('page', (p) => p.on('crash', () => crashes.push(p.url())));

  await tracedLoad(t, 'markup in every field', `${site.origin}/markup/detail-order-sn/MKP20260501001`, () =>
    order('MKP20260501001'),
  );
  const markup = await order('MKP20260501001');
  assert.ok(markup.productName?.includes(`<img src=x onerror="alert('product')">`), markup.productName);
  assert.ok(markup.contact?.includes('<svg onload='), markup.contact);
  assert.ok(
    markup.cardKeys?.some((k) => k.includes("<img src=x onerror=alert('key')>")),
    String(markup.cardKeys),
  );
  assert.ok(!(await orders()).some((o) => /SCRIPT0001|NOSCRIPT0001/.test(o.orderNo)), 'script text is not page text');

  await tracedLoad(t, '1 MB strings', `${site.origin}/huge/detail-order-sn/HUG20260501001`, () =>
    order('HUG20260501001'),
  );
  const huge = await order('HUG20260501001');
  assert.ok((huge.productName?.length ?? 0) <= 256, `product name capped: ${huge.productName?.length}`);
  assert.ok((huge.contact?.length ?? 0) <= 256, `contact capped: ${huge.contact?.length}`);
  assert.ok(
    (huge.cardKeys ?? []).every((k) => k.length <= 1024),
    'keys capped',
  );
  const text = (await h.readTable<{ orderId: number; kind: string; size: number }>('evidence')).find(
    (e) => e.orderId === huge.id && e.kind === 'order_text',
  );
  assert.ok(text && text.size < 200_000, `text record bounded: ${text?.size} bytes`);

  const deep = await tracedLoad(t, '10,000-deep nesting', `${site.origin}/deep/detail-order-sn/DEP20260501001`, () =>
    order('DEP20260501001'),
  );
  assert.equal(await deep.evaluate(() => (window as unknown as { __depth: number }).__depth), 10_000);
  assert.deepEqual((await order('DEP20260501001')).cardKeys, ['DEEP-KEY-0001']);
  assert.ok(!(await orders()).some((o) => o.orderNo === 'DEEPFAKE0001'), 'nothing from the hidden branch');

  await tracedLoad(t, '5,000 fake orders in ads', `${site.origin}/ads/detail-order-sn/ADS20260501001`, () =>
    order('ADS20260501001'),
  );
  const ads = (await orders()).filter((o) => /^AD\d+$/.test(o.orderNo));
  assert.deepEqual(ads, [], 'no order from the ads');
  assert.deepEqual((await order('ADS20260501001')).cardKeys, ['ADS-REAL-KEY']);
  assert.deepEqual(crashes, [], 'no page crashed');

  // The extension still works after all that.
  const after = await h.context.newPage();
  await after.goto(`${site.origin}/plain/detail-order-sn/AFT20260501001`);
  await order('AFT20260501001');

  // Nothing of it is rendered as markup: the popup's list and every order's page (all folds open), the options page,
  // and report.html of the bundle of everything.
  const popup = await h.openExtensionPage('popup.html');
  await popup.locator('[data-testid="order-row"]').first().waitFor();
  await assertNoMarkup(popup, 'popup list');
  for (const o of await orders()) {
    await popup.goto(`chrome-extension://${h.extensionId}/popup.html#order=${o.id}`);
    await popup.locator('[data-testid="evidence"]').waitFor({ state: 'attached' });
    for (const fold of await popup.locator('details.fold').all())
      await fold.evaluate((d) => ((d as HTMLDetailsElement).open = true));
    await assertNoMarkup(popup, `order page of ${o.orderNo}`);
  }
  await popup.goto(`chrome-extension://${h.extensionId}/popup.html#order=${markup.id}`);
  const shown = (await popup.locator('body').textContent()) ?? '';
  assert.ok(shown.includes(MARKUP.product), 'the product name is shown as the text it is');

  const options = await h.openExtensionPage('options.html');
  await options.locator('#opt-import-file').waitFor();
  await assertNoMarkup(options, 'options page');

  await popup.goto(`chrome-extension://${h.extensionId}/popup.html`);
  const download = popup.waitForEvent('download', { timeout: 60_000 });
  await popup.locator('[data-testid="bundle-all"]').click();
  const zip = unzipSync(new Uint8Array(readFileSync(await (await download).path())));
  const reports = Object.keys(zip).filter((name) => name.endsWith('report.html'));
  assert.ok(reports.length > 0, 'the bundle has a report');
  const report = await h.context.newPage();
  for (const name of reports) {
    await report.setContent(strFromU8(zip[name]!), { waitUntil: 'load' });
    await assertNoMarkup(report, name);
    assert.ok(((await report.locator('body').textContent()) ?? '').includes('<svg onload='), `${name} shows the text`);
  }
  assert.deepEqual(dialogs, [], 'no alert fired anywhere');
});

/**
 * No element made from page text: no event-handler attribute anywhere, no script/iframe/object/embed, images only
 * from the extension or data: thumbnails, and the whole page's dialogs recorded by the context listener.
 */
async function assertNoMarkup(page: Page, where: string): Promise<void> {
  const found = await page.evaluate(() => {
    const bad: string[] = [];
    for (const el of document.querySelectorAll('*')) {
      for (const attr of el.attributes) if (/^on/i.test(attr.name)) bad.push(`<${el.localName} ${attr.name}>`);
      const tag = el.localName;
      if (tag === 'script' && !(el as HTMLScriptElement).src.startsWith('chrome-extension://')) bad.push('<script>');
      if (tag === 'iframe' || tag === 'object' || tag === 'embed') bad.push(`<${tag}>`);
      if (tag === 'img' && !/^(chrome-extension:|data:image\/)/.test((el as HTMLImageElement).src))
        bad.push(`<img src=${(el as HTMLImageElement).src}>`);
    }
    return bad;
  });
  assert.deepEqual(found, [], `${where}: no markup from page text`);
}
