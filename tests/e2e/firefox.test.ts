/**
 * The Firefox add-on (`wxt build -b firefox`) on the Chromium tests' user journeys, where Firefox's APIs allow: the
 * order page is picked up, its text record and screenshot are stored with matching hashes (captureVisibleTab and the
 * WebAssembly encoder in Firefox's event page); reminders arrive from alarms after the event page was stopped; a
 * draft is copied to the clipboard and recorded; the evidence bundle downloads with every file matching its manifest;
 * a trusted timestamp is obtained by the event page from a local authority and kept; the checkout panel warns on a buy
 * page and the page's form still submits; and a waiting order is re-read by the event page (DOMParser there, the
 * buyer's cookie sent) and its keys arrive without a visit.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { after, before, test } from 'node:test';
import { startDemoShop, type DemoShop } from '../demo-shop/server.ts';
import { launchFirefoxWithExtension, type LaunchedFirefox } from '../support/firefox.ts';
import { startLocalTsa, type LocalTsa } from '../support/local-tsa.ts';
import { ROOT, waitFor } from './harness.ts';

const SN = 'KG3H8N2P6R0T4V7W';

/** TEST ONLY: every duration is divided by this, so the default 24 h window lasts 10 s (as in reminders.test.ts). */
const TIME_SCALE = 8640;
/** Firefox stops an idle event page after this many ms (30 s by default). */
const IDLE_MS = 2000;

let ff: LaunchedFirefox;
let shop: DemoShop;
let tsa: LocalTsa;
const downloads = mkdtempSync(join(tmpdir(), 'kamiguard-firefox-downloads-'));
before(async () => {
  shop = await startDemoShop();
  tsa = await startLocalTsa();
  ff = await launchFirefoxWithExtension(join(ROOT, '.output/firefox-mv2'), {
    downloadDir: downloads,
    prefs: { 'extensions.background.idle.timeout': IDLE_MS },
  });
  await writeKv('settings.escalation', { timeScale: TIME_SCALE });
  // Off until its own test (the last): at this scale a watched order's checks would wake the event page every 2 s, and
  // the reminders test needs it to go idle.
  await writeKv('settings.watch', { enabled: false, pace: 'normal' });
});
after(async () => {
  await ff?.close();
  await shop?.close();
  await tsa?.close();
  rmSync(downloads, { recursive: true, force: true });
});

/** Runs one IndexedDB request on the add-on's database from its page (which does not wake the event page). */
const idb = <T>(store: string, mode: IDBTransactionMode, op: 'getAll' | 'put', value?: unknown): Promise<T> =>
  ff.extensionPage.evaluate(
    async (name, m, o, v) => {
      const db: IDBDatabase = await new Promise((resolvePromise, reject) => {
        const open = indexedDB.open('kamiguard');
        open.onsuccess = () => resolvePromise(open.result);
        open.onerror = () => reject(open.error);
      });
      try {
        return await new Promise<T>((resolvePromise, reject) => {
          const os = db.transaction(name, m).objectStore(name);
          const req = o === 'put' ? os.put(v) : os.getAll();
          req.onsuccess = () => resolvePromise(req.result as T);
          req.onerror = () => reject(req.error);
        });
      } finally {
        db.close();
      }
    },
    store,
    mode,
    op,
    value,
  );
const writeKv = async (key: string, value: unknown): Promise<void> => {
  // The add-on creates its database at start-up; opening it before would create an empty one.
  await waitFor(
    () => ff.extensionPage.evaluate(async () => (await indexedDB.databases()).some((d) => d.name === 'kamiguard')),
    Boolean,
    20_000,
  );
  await idb('kv', 'readwrite', 'put', { key, value });
};
interface EventRow {
  orderId: number;
  kind: string;
  detail?: string;
  at: number;
}
const events = (): Promise<EventRow[]> => idb<EventRow[]>('events', 'readonly', 'getAll');
const orderId = async (): Promise<number> =>
  (await idb<{ id: number; orderNo: string }[]>('orders', 'readonly', 'getAll')).find((o) => o.orderNo === SN)!.id;
/** Marks the running event page; the mark is gone once Firefox has stopped the page and started it again. */
const markEventPage = (): Promise<void> =>
  ff.extensionPage.evaluate(async () => {
    const page = (await browser.runtime.getBackgroundPage()) as unknown as Record<string, unknown>;
    page.__kamiguardTestMark = true;
  });
const eventPageMarked = (): Promise<boolean> =>
  ff.extensionPage.evaluate(async () => {
    const page = (await browser.runtime.getBackgroundPage()) as unknown as Record<string, unknown>;
    return page.__kamiguardTestMark === true;
  });
/** Opens an order's page in the add-on's popup page. */
const openOrder = async (id: number): Promise<void> => {
  // The popup follows its #order= hash.
  await ff.extensionPage.evaluate((orderHash) => {
    location.hash = orderHash;
  }, `order=${id}`);
  await ff.extensionPage.waitForSelector('[data-testid="order-detail"]', { timeout: 10_000 });
};
/** Unfolds a section of the order's page (drafts, evidence …). */
const unfold = (id: string): Promise<void> => click(`[data-testid="fold-${id}"]`);
/** A DOM click (puppeteer's locator click waits for an on-screen box, which BiDi reports unreliably here). */
const click = async (selector: string): Promise<void> => {
  await ff.extensionPage.waitForSelector(selector, { timeout: 10_000 });
  await ff.extensionPage.$eval(selector, (el) => (el as HTMLElement).click());
};

interface Stored {
  orders: { platform: string; orderNo: string; status: string }[];
  evidence: {
    kind: string;
    mime: string;
    size: number;
    sha256: string;
    actual: string;
    bytes: number;
    /** The file's first 16 bytes as text: "RIFF….WEBPVP8L" for a lossless WebP. */
    head: string;
  }[];
}

/** Reads the add-on's database from its popup page, rehashing every stored item's bytes there. */
const readStored = (): Promise<Stored> =>
  ff.extensionPage.evaluate(async () => {
    if (!(await indexedDB.databases()).some((d) => d.name === 'kamiguard')) return { orders: [], evidence: [] };
    const db: IDBDatabase = await new Promise((resolvePromise, reject) => {
      const open = indexedDB.open('kamiguard');
      open.onsuccess = () => resolvePromise(open.result);
      open.onerror = () => reject(open.error);
    });
    const all = <T>(store: string): Promise<T[]> =>
      new Promise((resolvePromise, reject) => {
        const req = db.transaction(store).objectStore(store).getAll();
        req.onsuccess = () => resolvePromise(req.result as T[]);
        req.onerror = () => reject(req.error);
      });
    const orders = await all<{ platform: string; orderNo: string; status: string }>('orders');
    // Evidence first: a row's blob is written with it or before it, so every row read has its blob by now.
    const rows = await all<{ kind: string; mime: string; size: number; sha256: string; blobId: string }>('evidence');
    const blobs = await all<{ sha256: string; data: Blob }>('blobs');
    const evidence = [];
    for (const e of rows) {
      const bytes = new Uint8Array(await blobs.find((b) => b.sha256 === e.blobId)!.data.arrayBuffer());
      const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
      evidence.push({
        kind: e.kind,
        mime: e.mime,
        size: e.size,
        sha256: e.sha256,
        actual: [...digest].map((b) => b.toString(16).padStart(2, '0')).join(''),
        bytes: bytes.length,
        head: String.fromCharCode(...bytes.subarray(0, 16)),
      });
    }
    db.close();
    return {
      orders: orders.map(({ platform, orderNo, status }) => ({ platform, orderNo, status })),
      evidence,
    };
  });

test('Firefox: an order page is picked up, with a text record and a lossless WebP screenshot, and the popup lists it', async () => {
  const page = await ff.browser.newPage();
  await page.goto(`${shop.origin}/detail-order-sn/${SN}`);
  const stored = await waitFor(
    readStored,
    (s) => s.evidence.some((e) => e.kind === 'order_page') && s.evidence.some((e) => e.kind === 'order_text'),
    20_000,
  );
  assert.deepEqual(stored.orders, [{ platform: 'dujiaoka', orderNo: SN, status: 'processing' }]);
  const shot = stored.evidence.find((e) => e.kind === 'order_page')!;
  assert.equal(shot.mime, 'image/webp');
  assert.match(shot.head, /^RIFF[\s\S]{4}WEBPVP8L$/, 'a lossless WebP');
  for (const e of stored.evidence) {
    assert.equal(e.actual, e.sha256, `${e.kind}: stored hash = hash of stored bytes`);
    assert.equal(e.size, e.bytes);
  }
  await ff.extensionPage.waitForFunction((sn) => document.body.innerText.includes(sn), { timeout: 10_000 }, SN);
});

test('Firefox: reminders come from alarms after the event page was stopped', async () => {
  await markEventPage();
  const markedAt = Date.now();
  // Nothing talks to the event page now, so Firefox stops it after IDLE_MS; the regulator step (window + 48 h, 30 s
  // after pickup at this scale) can only be shown by a page that an alarm started again.
  const shown = await waitFor(
    async () => (await events()).filter((e) => e.kind === 'reminder_shown'),
    (rows) => rows.some((r) => r.detail === 'regulator_complaint'),
    45_000,
  );
  const regulator = shown.find((r) => r.detail === 'regulator_complaint');
  assert.ok(regulator, shown.map((r) => r.detail).join());
  assert.ok(regulator.at > markedAt + IDLE_MS, 'shown after the event page went idle');
  assert.equal(shown.filter((r) => r.detail === 'regulator_complaint').length, 1, 'shown once');
  assert.equal(await eventPageMarked(), false, 'the event page was stopped and started again in between');
});

test('Firefox: copying a draft puts it on the clipboard and records it', async () => {
  const id = await orderId();
  await openOrder(id);
  await unfold('drafts');
  await click('[data-testid="copy-chat"]');
  await ff.extensionPage.waitForSelector('[data-testid="copied"]', { timeout: 10_000 });
  const text = await ff.extensionPage.evaluate(() => navigator.clipboard.readText());
  assert.match(text, new RegExp(SN), 'order number');
  assert.match(text, /腾讯视频VIP 月卡 代充/, 'product');
  const copied = await waitFor(
    async () => (await events()).filter((e) => e.orderId === id && e.kind === 'draft_copied'),
    (rows) => rows.length === 1,
  );
  assert.equal(copied[0]!.detail, 'chat');
});

test('Firefox: the evidence bundle downloads, and every file matches its manifest', async () => {
  await openOrder(await orderId());
  await unfold('evidence');
  await click('[data-testid="bundle"]');
  const zipName = await waitFor(
    async () => readdirSync(downloads).find((f) => f.endsWith('.zip')),
    (name) => name !== undefined,
    20_000,
  );
  assert.ok(zipName, 'a bundle was saved');
  // The download may still be finishing: read it once its size has settled and it unzips.
  const zip = await waitFor(
    async () => {
      try {
        return unzipSync(new Uint8Array(readFileSync(join(downloads, zipName))));
      } catch {
        return undefined;
      }
    },
    (z) => z !== undefined && 'manifest.json' in z,
  );
  const manifest = JSON.parse(strFromU8(zip!['manifest.json']!)) as {
    files: { path: string; sha256: string; size: number }[];
  };
  assert.ok(manifest.files.length >= 3, `files in the manifest: ${manifest.files.length}`);
  const { createHash } = await import('node:crypto');
  for (const f of manifest.files) {
    const bytes = zip![f.path];
    assert.ok(bytes, `${f.path} is in the bundle`);
    assert.equal(createHash('sha256').update(bytes).digest('hex'), f.sha256, `${f.path} matches its hash`);
  }
});

test('Firefox: a trusted timestamp from the order page is obtained by the event page and kept', async () => {
  await writeKv('settings.timestamp', { authority: 'custom', customUrl: tsa.url, autoOnStatusChange: false });
  assert.equal(tsa.requests.length, 0, 'nothing sent before the click');
  // The page's Dexie does not see a write made beside it through raw IndexedDB: load the page again.
  const id = await orderId();
  await ff.extensionPage.evaluate((hash) => {
    location.hash = hash;
    location.reload();
  }, `order=${id}`);
  // (Across the reload, ask again and again rather than hold a handle on the old document.)
  const target = await waitFor(
    () =>
      ff.extensionPage
        .evaluate(() => document.querySelector('[data-testid="stamp-target"]')?.textContent ?? '')
        .catch(() => ''),
    (text) => text.includes('127.0.0.1'),
    15_000,
  );
  assert.match(target, /127\.0\.0\.1/);
  const clicked = await waitFor(
    () =>
      ff.extensionPage.evaluate(() => {
        const button = document.querySelector<HTMLButtonElement>('[data-testid="stamp"]');
        if (!button || button.disabled) return false;
        button.click();
        return true;
      }),
    Boolean,
  );
  assert.ok(clicked, '申请可信时间戳 clicked');
  const items = await waitFor(
    () => ff.extensionPage.evaluate(() => document.querySelectorAll('[data-testid="stamp-item"]').length),
    (n) => n > 0,
    20_000,
  );
  assert.equal(items, 1);
  assert.equal(tsa.requests.length, 1);
  const stamps = (await readStored()).evidence.filter((e) => e.kind === 'timestamp');
  assert.equal(stamps.length, 1);
  assert.equal(stamps[0]!.mime, 'application/timestamp-reply');
  assert.equal(stamps[0]!.actual, stamps[0]!.sha256);
});

test('Firefox: a waiting order is re-read in the background with the buyer’s cookie, and its keys arrive without a visit', async () => {
  const sn = 'KG5P0C1B2D3E4F6G';
  const path = `/detail-order-sn/${sn}`;
  const demo = (q: string): Promise<Response> => fetch(`${shop.origin}/__demo/orders/${sn}?${q}`, { method: 'POST' });
  await writeKv('settings.watch', { enabled: true, pace: 'normal' });
  // Paid, and shown only to the logged-in buyer: a check without the buyer's cookie would get the login page.
  await demo('status=paid&login=1');
  const page = await ff.browser.newPage();
  await page.goto(`${shop.origin}/order-search`);
  await page.goto(`${shop.origin}${path}`);
  await waitFor(readStored, (s) => s.orders.some((o) => o.orderNo === sn && o.status === 'paid'), 20_000);
  await page.close();
  const closedAt = Date.now();

  await demo('status=completed');
  const stored = await waitFor(
    readStored,
    // The status lands first, the fetched page's evidence row a moment later (after the sighting's transaction).
    (s) =>
      s.orders.some((o) => o.orderNo === sn && o.status === 'delivered') &&
      s.evidence.some((e) => e.kind === 'order_source'),
    30_000,
  );
  assert.ok(
    stored.orders.some((o) => o.orderNo === sn && o.status === 'delivered'),
    JSON.stringify(stored.orders),
  );
  const source = stored.evidence.filter((e) => e.kind === 'order_source');
  assert.equal(source.length, 1, 'the fetched page is kept');
  assert.equal(source[0]!.actual, source[0]!.sha256, 'its hash matches its bytes');
  const reads = shop.requests.filter((r) => r.url === path && r.at >= closedAt);
  assert.ok(reads.length >= 1, 'the page was re-read');
  assert.ok(
    reads.every((r) => r.session),
    `the buyer's cookie went with every check: ${JSON.stringify(reads.map((r) => [r.fetchSite, r.session]))}`,
  );
});

test('Firefox: on a 代充 buy page the checkout panel warns about a bad QQ number and a phone number, and the form still submits', async () => {
  const page = await ff.browser.newPage();
  await page.goto(`${shop.origin}/buy/7`);
  // The panel lives in an open shadow root on the page's own DOM: the page's world can read it.
  const alertText = (): Promise<string> =>
    page.evaluate(
      () =>
        document.querySelector('[data-kamiguard="checkout"]')?.shadowRoot?.querySelector('[role="alert"]')
          ?.textContent ?? '',
    );
  const typeQq = async (value: string): Promise<void> => {
    await page.$eval('#qq_account', (el) => {
      (el as HTMLInputElement).value = '';
    });
    await page.type('#qq_account', value);
  };
  await page.waitForFunction(() => !!document.querySelector('[data-kamiguard="checkout"]')?.shadowRoot, {
    timeout: 20_000,
  });

  await typeQq('0123456');
  assert.match(await waitFor(alertText, (t) => t.length > 0, 10_000), /does not start with 0|不会以 0 开头/);
  await typeQq('2900112233');
  assert.equal(await waitFor(alertText, (t) => t === '', 10_000), '');
  await typeQq('13812345678');
  assert.match(await waitFor(alertText, (t) => t.length > 0, 10_000), /looks like a phone number|看起来是手机号/);

  // The panel never changes or blocks the page's own form: its submit still goes through, to the new order's page.
  // (Last in this file: the new order would be watched, and the watch test counts the pages it fetches.)
  await typeQq('2900112233');
  await page.type('#email', 'buyer@example.com');
  await Promise.all([
    page.waitForNavigation({ timeout: 20_000 }),
    page.$eval('form', (form) => (form as HTMLFormElement).requestSubmit()),
  ]);
  assert.match(page.url(), /\/detail-order-sn\/KGNEW/);
  await page.close();
});
