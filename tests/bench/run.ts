/**
 * `npm run bench`: prints the budgets of issues 4 and 5 as measured figures. It never fails on a slow machine —
 * budgets are read by people, not asserted by tests.
 *
 *   scripts for shop pages ≤ 40 KB (issue 11: they run only there) · the extension on a 1 MB non-shop page ≤ 1 ms
 *   (issue 14's probe budget: no script of ours runs there since the page test moved to the background)
 *   reading a shop page, its whole main-thread cost on the demo dujiaoka order page, by trace, ≤ 8 ms (issue 11); the
 *   reading itself, in the background (offscreen document), ≤ 10 ms
 *   capture: time added after captureVisibleTab ≤ 100 ms · stored screenshot ≤ 40 % of its PNG · bundle of 100 ≤ 5 s
 *   popup list ready and painted with 1,000 orders ≤ 150 ms (issue 12)
 *   checkout script ≤ 30 KB, on a buy page ≤ 5 ms main thread by trace · a keystroke's recipient check ≤ 1 ms (issue 14)
 *
 * Expects `wxt build` (production, for sizes and traces) and `wxt build --mode bench` (adds timing hooks).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { BrowserContext, Worker } from 'playwright-core';
import { startDemoShop } from '../demo-shop/server.ts';
import { launchWithExtension } from '../support/chromium.ts';
import { popupTimes } from './popup.ts';
import { extensionTimeOnLoad, injectedScriptCostOnLoad, median, type ExtensionCost } from './trace.ts';

const ROOT = join(import.meta.dirname, '../..');
const PROD = join(ROOT, '.output/chrome-mv3');
const BENCH = join(ROOT, '.output/chrome-mv3-bench');
const RUNS = 7;
/**
 * Page loads timed per extraction figure. One read varies 2× from load to load (garbage collection, V8 compiling
 * the freshly injected script until its code cache is warm), so 7 loads gave a median that moved by ±2 ms between
 * runs; the first, coldest load is printed beside the median.
 */
const EXTRACTION_LOADS = 15;

interface Row {
  what: string;
  figure: string;
  budget: string;
  ok: boolean;
}
const rows: Row[] = [];
/** Lines printed under the table: where the time of an over-budget figure goes. */
const notes: string[] = [];
const row = (what: string, value: number, unit: string, budget: number, detail = ''): void => {
  rows.push({
    what,
    figure: `${value.toFixed(2)} ${unit}${detail ? ` (${detail})` : ''}`,
    budget: `≤ ${budget} ${unit}`,
    ok: value <= budget,
  });
};

async function launch(extension: string): Promise<{ context: BrowserContext; worker: Worker; close(): Promise<void> }> {
  const browser = await launchWithExtension(extension, { viewport: { width: 1280, height: 800 } });
  const worker = browser.context.serviceWorkers()[0] ?? (await browser.context.waitForEvent('serviceworker'));
  return { context: browser.context, worker, close: () => browser.close() };
}

function sizes(): void {
  // Injected only into pages whose URL and title say shop (lib/background/page-hints.ts; issue 11); nothing elsewhere.
  for (const [file, budget] of [
    ['page-snapshot.js', 40], // what shop pages get: their snapshots are read in the background
    ['extractor.js', 40], // the extractor itself, for pages too large for a snapshot
    ['checkout.js', 30], // issue 14: the panel, injected only where a buy form was found
    ['checkout-in-tab.js', 30], // issue 14: finder and panel, for buy pages a snapshot cannot carry
  ] as const) {
    const bytes = readFileSync(join(PROD, file));
    row(
      `content script ${file} (minified)`,
      bytes.length / 1024,
      'KB',
      budget,
      `${(gzipSync(bytes).length / 1024).toFixed(1)} KB gzip`,
    );
  }
}

/** Serves the 1 MB page that is not a shop page (dense text: the hard case for screenshot compression too). */
async function serveLargePage(): Promise<{ url: string; bytes: number; close(): void }> {
  const file = join(ROOT, 'tests/fixtures/negative/large-travel-guide.html');
  if (!existsSync(file)) execFileSync(process.execPath, [join(ROOT, 'tests/fixtures/negative/make-large-page.mjs')]);
  const html = readFileSync(file);
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/travel/zhejiang-10-days.html`;
  return { url, bytes: html.length, close: () => server.close() };
}

/**
 * An ordinary page: the extension's whole main-thread cost on a 1 MB page that is not a shop page, by trace (issue 14's
 * probe budget, ≤ 1 ms). The page test runs in the background, so nothing of ours should run there at all.
 */
async function ordinaryPageCost(): Promise<void> {
  const large = await serveLargePage();
  const b = await launch(PROD);
  try {
    const id = new URL(b.worker.url()).host;
    await extensionTimeOnLoad(b.context, large.url, id, 300); // warm-up
    const costs: ExtensionCost[] = [];
    for (let i = 0; i < RUNS; i++) costs.push(await extensionTimeOnLoad(b.context, large.url, id, 300));
    row(
      'extension main-thread time, 1 MB non-shop page (median)',
      median(costs.map((c) => c.totalMs)),
      'ms',
      1,
      `${(large.bytes / 1048576).toFixed(2)} MB, ${RUNS} loads; max ${Math.max(...costs.map((c) => c.totalMs)).toFixed(2)} ms`,
    );
  } finally {
    await b.close();
    large.close();
  }
}

/**
 * Issue 11: reading a shop page, its whole cost to the page on the demo dujiaoka order page, by trace, in the production
 * build: the snapshot sender the background brought in from the page's URL and title (lib/content/send-snapshots.ts),
 * compiled and run, and every later callback (its MutationObserver, timers, the message reply), over the load and 3 s
 * after it. The same on the acg-faka query page (rendered by the page's script after load).
 */
async function extractorTrace(): Promise<void> {
  const shop = await startDemoShop();
  const b = await launch(PROD);
  try {
    const id = new URL(b.worker.url()).host;
    for (const [what, path, budget] of [
      ['dujiaoka order page', '/detail-order-sn/KG7Q2M9X4A1B3C5D', 8],
      ['acg-faka query page', '/user/index/query?tradeNo=281261130104512907', Infinity],
    ] as const) {
      const url = `${shop.origin}${path}`;
      await extensionTimeOnLoad(b.context, url, id); // warm-up: the first load in a fresh browser is the coldest
      const costs: ExtensionCost[] = [];
      for (let i = 0; i < RUNS + 4; i++) costs.push(await extensionTimeOnLoad(b.context, url, id));
      const mid = (k: keyof ExtensionCost): string => median(costs.map((c) => c[k])).toFixed(1);
      const detail = `${costs.length} loads; CPU ${mid('cpuMs')}; injection ${mid('injectMs')}, later ${mid('callbackMs')}, forced layout ${mid('forcedMs')}`;
      if (budget === Infinity) {
        notes.push(
          `reading a shop page, whole main-thread cost, ${what}, by trace (median): ${mid('totalMs')} ms (${detail})`,
        );
        continue;
      }
      row(
        `reading a shop page, whole main-thread cost, ${what}, by trace (median)`,
        median(costs.map((c) => c.totalMs)),
        'ms',
        budget,
        detail,
      );
      notes.push(
        `reading by trace, ${what}, every load, wall/CPU ms: ${costs.map((c) => `${c.totalMs.toFixed(1)}/${c.cpuMs.toFixed(1)}`).join(' ')}`,
        '  attribution as in shared/perf: the extension URL and its isolated world on the page renderer main thread; the',
        '  CPU figure is the same slices by the thread clock (what a loaded machine does not inflate: compare builds by it)',
      );
    }
  } finally {
    await b.close();
    await shop.close();
  }
}

/**
 * The reading itself, off the page: the background's wait for each snapshot's reading (parse, extractOrders, the page's
 * facts, in the offscreen document, message round trip included), timed by the bench build's hook. The first reading
 * of a browser session also opens the offscreen document; the median is of the readings after it.
 */
async function snapshotReadings(): Promise<void> {
  const shop = await startDemoShop();
  const b = await launch(BENCH);
  try {
    const reads = (): Promise<number[]> =>
      b.worker.evaluate(() => (globalThis as unknown as Bench).__kamiguardBench.snapshotReads());
    for (const [label, path] of [
      ['dujiaoka order page', '/detail-order-sn/KG7Q2M9X4A1B3C5D'],
      ['acg-faka JS-rendered query page', '/user/index/query?tradeNo=281261130104512907'],
    ] as const) {
      const times: number[] = [];
      for (let i = 0; i < EXTRACTION_LOADS + 1; i++) {
        const before = (await reads()).length;
        const page = await b.context.newPage();
        await page.goto(shop.origin + path);
        const start = Date.now();
        while ((await reads()).length === before && Date.now() - start < 10_000) await page.waitForTimeout(25);
        await page.waitForTimeout(600); // a later reading of the same load (keys rendered after load) counts too
        times.push(Math.max(...(await reads()).slice(before)));
        await page.close();
      }
      const [first, ...rest] = times;
      row(
        `reading a shop page in the background, ${label} (median of slowest read)`,
        median(rest),
        'ms',
        10,
        `${rest.length} loads; first of the session ${first!.toFixed(0)} ms (opens the offscreen document)`,
      );
    }
  } finally {
    await b.close();
    await shop.close();
  }
}

/**
 * Issue 14: the checkout panel's main-thread time on the demo shop's 代充 buy page, from a trace of each load: its
 * script's evaluation and calls, and the updates the background runs in the page after reading each snapshot (where
 * the panel is built and placed), by the wall and the thread's CPU clock. Under the table: everything the extension
 * ran on that page (the snapshot sender, whose snapshot the buy form is found in, the panel and their callbacks).
 */
async function checkoutCost(): Promise<void> {
  const shop = await startDemoShop();
  const b = await launch(PROD);
  try {
    const url = `${shop.origin}/buy/7`;
    const id = new URL(b.worker.url()).host;
    // The panel arrives after the page's first snapshot was read (the page quiet for 400 ms): settle long enough.
    await injectedScriptCostOnLoad(b.context, url, id, '/checkout.js', 1500); // warm-up
    const costs: { wallMs: number; cpuMs: number }[] = [];
    for (let i = 0; i < RUNS; i++) costs.push(await injectedScriptCostOnLoad(b.context, url, id, '/checkout.js', 1500));
    const wall = costs.map((c) => c.wallMs);
    row(
      'checkout panel main-thread time, buy page (median)',
      median(wall),
      'ms',
      5,
      `${RUNS} loads, CPU ${median(costs.map((c) => c.cpuMs)).toFixed(2)}, min ${Math.min(...wall).toFixed(2)}`,
    );
    const whole: ExtensionCost[] = [];
    for (let i = 0; i < 5; i++) whole.push(await extensionTimeOnLoad(b.context, url, id));
    notes.push(
      `checkout: by trace, each load, wall/CPU ms: ${costs.map((c) => `${c.wallMs.toFixed(1)}/${c.cpuMs.toFixed(1)}`).join(' ')}`,
      `  the whole extension on that buy page (snapshot sender, checkout script, callbacks): median wall ${median(
        whole.map((c) => c.totalMs),
      ).toFixed(1)} ms, CPU ${median(whole.map((c) => c.cpuMs)).toFixed(1)} ms of 5 loads`,
    );
  } finally {
    await b.close();
    await shop.close();
  }
}

/**
 * Issue 14, bench build: the panel's first render and one keystroke's recipient check (check + panel update), timed by
 * user-timing marks.
 */
async function checkoutMarks(): Promise<void> {
  const shop = await startDemoShop();
  const b = await launch(BENCH);
  try {
    // The panel is built and placed in the background's first update (counted in the trace's figure above); timed here
    // in the page as well (user timing), printed beside it.
    const renders: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const page = await b.context.newPage();
      await page.goto(`${shop.origin}/buy/7`);
      await page.waitForFunction(() => performance.getEntriesByName('kamiguard:checkout-render').length > 0);
      renders.push(await page.evaluate(() => performance.getEntriesByName('kamiguard:checkout-render')[0]!.duration));
      await page.close();
    }
    notes.push(
      `checkout: the panel's first render (the first update from the background): median ${median(renders).toFixed(2)} ms of ${RUNS} loads (user timing)`,
    );

    const page = await b.context.newPage();
    await page.goto(`${shop.origin}/buy/7`);
    await page.waitForFunction(() => performance.getEntriesByName('kamiguard:checkout-render').length > 0);
    const field = page.locator('#qq_account');
    // Wrong, then right, then a phone number: the warning appears, goes and comes back as the buyer types.
    for (const text of ['0123', '2900112233', '13812345678']) {
      await field.fill('');
      await field.pressSequentially(text, { delay: 20 });
    }
    const times = await page.evaluate(() =>
      performance.getEntriesByName('kamiguard:checkout-keystroke').map((e) => e.duration),
    );
    await page.close();
    row(
      "a keystroke's recipient check (median)",
      median(times),
      'ms',
      1,
      `${times.length} keystrokes, max ${Math.max(...times).toFixed(2)}`,
    );
  } finally {
    await b.close();
    await shop.close();
  }
}

async function benchBuild(): Promise<void> {
  const shop = await startDemoShop();
  const b = await launch(BENCH);
  try {
    // Capture pipeline against a bare captureVisibleTab, alternating, spaced past Chrome's 2-a-second limit, on a
    // sparse order page and on a page of dense text. The pipeline stores into order 1 (the page's order is irrelevant).
    const large = await serveLargePage();
    let windowId = 0;
    for (const [label, url] of [
      ['demo order page', `${shop.origin}/detail-order-sn/KG3H8N2P6R0T4V7W`],
      ['dense text page', large.url],
    ] as const) {
      const page = await b.context.newPage();
      await page.goto(url);
      await page.bringToFront();
      await page.waitForTimeout(2000);
      const target = await b.worker.evaluate(async (u) => {
        const [tab] = await chrome.tabs.query({ url: u });
        return { tabId: tab!.id!, windowId: tab!.windowId };
      }, page.url());
      windowId = target.windowId;
      const bare: number[] = [];
      const pipe: number[] = [];
      const png: number[] = [];
      const stored: number[] = [];
      const stages: Record<keyof Stages, number[]> = { capture: [], compress: [], store: [] };
      const mimes = new Set<string>();
      for (let i = 0; i < RUNS; i++) {
        await page.waitForTimeout(1100);
        const a = await b.worker.evaluate(
          (w) => (globalThis as never as Bench).__kamiguardBench.bareCapture(w),
          target.windowId,
        );
        await page.waitForTimeout(1100);
        const p = await b.worker.evaluate(
          ([w, t, u]) => (globalThis as never as Bench).__kamiguardBench.pipelineCapture(w, t, 1, u),
          [target.windowId, target.tabId, page.url()] as const,
        );
        bare.push(a.ms);
        png.push(a.bytes);
        pipe.push(p.ms);
        stored.push(p.bytes);
        if (p.mime) mimes.add(p.mime);
        for (const k of Object.keys(stages) as (keyof Stages)[]) if (p.stages) stages[k].push(p.stages[k]);
      }
      notes.push(
        `${label}: pipeline stages (median ms) — screenshot ${median(stages.capture).toFixed(0)}, ` +
          `decode + re-encode ${median(stages.compress).toFixed(0)}, hash + store ${median(stages.store).toFixed(0)}; ` +
          `stored as ${[...mimes].join(', ')}`,
      );
      // Issue 15 restated this budget: what the pipeline adds after captureVisibleTab returns (decode, re-encode,
      // hash, store), in the background worker, never on the page's main thread. The old multiple of a bare call is
      // printed under the table: with a 35–70 ms screenshot call it measured the machine, not the pipeline.
      const added = stages.compress.map((c, i) => c + stages.store[i]!);
      row(
        `capture: time added after captureVisibleTab (median), ${label}`,
        median(added),
        'ms',
        100,
        `screenshot ${median(stages.capture).toFixed(0)} ms, off the page's main thread`,
      );
      notes.push(
        `${label}: whole pipeline ${median(pipe).toFixed(0)} ms vs bare captureVisibleTab ${median(bare).toFixed(0)} ms ` +
          `(${(median(pipe) / median(bare)).toFixed(2)}×, the old budget's figure)`,
      );
      row(
        `stored screenshot / its PNG, ${label}`,
        (100 * median(stored)) / median(png),
        '%',
        40,
        `${(median(stored) / 1024).toFixed(0)} KB vs ${(median(png) / 1024).toFixed(0)} KB`,
      );
      // Left open: the bundle below screenshots the front tab.
    }

    const bundle = await b.worker.evaluate(
      (w) => (globalThis as never as Bench).__kamiguardBench.bundle(w, 100),
      windowId,
    );
    large.close();
    row(
      'evidence bundle of 100 screenshots',
      bundle.ms / 1000,
      's',
      5,
      `${(bundle.zipBytes / 1048576).toFixed(1)} MB zip`,
    );
  } finally {
    await b.close();
    await shop.close();
  }
}

interface Stages {
  capture: number;
  compress: number;
  store: number;
}

interface Bench {
  __kamiguardBench: {
    bareCapture(windowId: number): Promise<{ ms: number; bytes: number }>;
    pipelineCapture(
      windowId: number,
      tabId: number,
      orderId: number,
      url: string,
    ): Promise<{ ms: number; bytes: number; mime?: string; stages?: Stages }>;
    bundle(windowId: number, count: number): Promise<{ ms: number; zipBytes: number }>;
    snapshotReads(): number[];
  };
}

/** Issue 12: the popup's list with 1,000 orders, 3,000 events and 5,000 evidence items stored (tests/bench/popup.ts). */
async function popupBudget(): Promise<void> {
  const b = await launch(PROD);
  try {
    const id = new URL(b.worker.url()).host;
    const { seed, samples } = await popupTimes(b.context, id, 10);
    row(
      'popup list ready and painted, 1,000 orders (median)',
      median(samples.map((s) => s.painted)),
      'ms',
      150,
      `first card ${median(samples.map((s) => s.ready)).toFixed(0)} ms, FCP ${median(samples.map((s) => s.fcp)).toFixed(0)} ms; 10 opens`,
    );
    notes.push(`popup: seeded with ${seed}; opened in a tab, the first (cold) open discarded`);
  } finally {
    await b.close();
  }
}

// `--extractor`: only the figures of reading shop pages (sizes, trace, readings in the background);
// `--checkout`: only an ordinary page's and the checkout script's (issue 14).
const onlyExtractor = process.argv.includes('--extractor');
const onlyCheckout = process.argv.includes('--checkout');
const all = !onlyExtractor && !onlyCheckout;
sizes();
if (all) await popupBudget();
if (!onlyExtractor) await ordinaryPageCost();
if (!onlyCheckout) await extractorTrace();
if (!onlyCheckout) await snapshotReadings();
if (!onlyExtractor) await checkoutCost();
if (!onlyExtractor) await checkoutMarks();
if (all) await benchBuild();

const width = Math.max(...rows.map((r) => r.what.length));
console.log(`\nKamiGuard budgets (${new Date().toISOString()}, ${process.platform}, Node ${process.version})\n`);
for (const r of rows)
  console.log(`${r.ok ? 'ok  ' : 'OVER'}  ${r.what.padEnd(width)}  ${r.figure.padEnd(34)}  ${r.budget}`);
console.log('');
for (const note of notes) console.log(`      ${note}`);
if (notes.length) console.log('');
