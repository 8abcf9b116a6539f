/**
 * Issue 15, faults, in the `--mode faults` build (lib/db/fault-hooks.ts: the same extension with a fault layer under
 * Dexie): a write held open in the middle of its transaction while the worker is stopped or the page is closed, and
 * a full disk (IndexedDB's QuotaExceededError) on every write path. Afterwards nothing is half-written — no evidence
 * row without its blob, no blob without its row, every hash chain verified by the extension itself — the work resumes
 * or the user is told what was not saved, and nothing stored before is changed.
 */
import assert from 'node:assert/strict';
import { CACHE_KV_PREFIX } from '../../lib/db/cache-keys.ts';
import { existsSync, readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import type { Page, Worker } from 'playwright-core';
import type { FaultControl } from '../../lib/db/fault-hooks.ts';
import { FAULTS_EXTENSION, launch, waitFor, type Harness } from './harness.ts';
import { startDemoShop, type DemoShop } from '../demo-shop/server.ts';

interface EvidenceRow {
  id: number;
  orderId: number;
  kind: string;
  source: string;
  blobId: string;
  note?: string;
}
interface Counts {
  orders: number;
  events: number;
  evidence: number;
  blobs: number;
}
interface Notice {
  at: number;
  message: string;
}

const SN = 'KG3H8N2P6R0T4V7W';
const DONE_SN = 'KG7Q2M9X4A1B3C5D';
const PENDING_SN = 'KG5P0C1B2D3E4F6G';

let shop: DemoShop;
let h: Harness | undefined;
/** A backup made in the first browser, imported in later ones. */
let backup: Buffer;
let backupCounts: Counts;

before(async () => {
  if (!existsSync(FAULTS_EXTENSION))
    throw new Error(`${FAULTS_EXTENSION} is missing: run \`npx wxt build --mode faults\` first`);
  shop = await startDemoShop();
});
after(async () => {
  await h?.close();
  await shop?.close();
});

type FaultMethod = 'failWrites' | 'stallWrite' | 'release' | 'clear';

/** Calls the fault control of one context of the extension (its worker, the popup, the options page). */
async function faults<M extends FaultMethod>(
  where: Worker | Page,
  method: M,
  ...args: Parameters<FaultControl[M]>
): Promise<void> {
  await (where as Page).evaluate(
    ([m, a]) => {
      const control = (globalThis as unknown as { __kamiguardFaults?: Record<string, (...x: unknown[]) => void> })
        .__kamiguardFaults;
      if (!control) throw new Error('no fault control here: is this the --mode faults build?');
      control[m]!(...a);
    },
    [method, args] as [string, unknown[]],
  );
}

/** Whether the write held by `stallWrite` has been reached in that context. */
function stalled(where: Worker | Page): Promise<boolean> {
  return (where as Page).evaluate(
    () => (globalThis as unknown as { __kamiguardFaults: FaultControl }).__kamiguardFaults.stalled,
  );
}

async function relaunch(): Promise<Harness> {
  await h?.close();
  h = await launch({ extension: FAULTS_EXTENSION, shop });
  return h;
}

async function orderId(orderNo: string): Promise<number> {
  const rows = await waitFor(
    () => h!.readTable<{ id: number; orderNo: string }>('orders'),
    (r) => r.some((o) => o.orderNo === orderNo),
  );
  const id = rows.find((o) => o.orderNo === orderNo)?.id;
  assert.ok(id, `order ${orderNo} stored`);
  return id;
}

/**
 * Nothing half-written: every evidence row has its blob, every blob belongs to an evidence row, every event and
 * evidence row to an order. Returns the row counts.
 */
async function assertWhole(): Promise<Counts> {
  const [orders, events, evidence, blobs] = await Promise.all(
    ['orders', 'events', 'evidence', 'blobs'].map((t) => h!.readTable<Record<string, unknown>>(t)),
  );
  const blobIds = new Set(blobs!.map((b) => b.sha256 as string));
  const orderIds = new Set(orders!.map((o) => o.id as number));
  for (const e of evidence as unknown as EvidenceRow[]) {
    assert.ok(blobIds.has(e.blobId), `evidence ${e.id} (${e.kind}) has its blob`);
    assert.ok(orderIds.has(e.orderId), `evidence ${e.id} has its order`);
  }
  const used = new Set((evidence as unknown as EvidenceRow[]).map((e) => e.blobId));
  for (const id of blobIds) assert.ok(used.has(id), `blob ${id.slice(0, 12)} belongs to an evidence row`);
  for (const e of events!) assert.ok(orderIds.has(e.orderId as number), `event ${String(e.id)} has its order`);
  return { orders: orders!.length, events: events!.length, evidence: evidence!.length, blobs: blobs!.length };
}

/** Every order's chain as the extension verifies it (the order page's chain line), for every order stored. */
async function assertChains(): Promise<void> {
  const orders = await h!.readTable<{ id: number; orderNo: string }>('orders');
  const page = await h!.context.newPage();
  for (const order of orders) {
    await page.goto(`chrome-extension://${h!.extensionId}/popup.html#order=${order.id}`);
    const status = page.locator('[data-testid="chain-status"]');
    await status.waitFor({ state: 'attached' });
    assert.equal(await status.getAttribute('data-ok'), 'true', `${order.orderNo}: ${await status.textContent()}`);
  }
  await page.close();
}

/** Every row of the tables that hold what the user stored (blobs as their sizes), for before/after comparisons. */
async function snapshot(): Promise<string> {
  const tables = [];
  for (const t of ['orders', 'events', 'evidence', 'blobs']) tables.push(await h!.readTable(t));
  // The capture queue is work in progress, and `cache.` rows are derived summaries (the popup list's, written when a
  // popup opens and rebuilt from the tables): neither is stored data.
  const kv = (await h!.readTable<{ key: string }>('kv')).filter(
    (r) => r.key !== 'capture.queue' && !r.key.startsWith(CACHE_KV_PREFIX),
  );
  return JSON.stringify([...tables, kv]);
}

/** The snapshot once the extension has stopped writing (reminders shown after a pickup come a moment later). */
async function settled(): Promise<string> {
  let last = await snapshot();
  for (let i = 0; i < 15; i++) {
    await new Promise((r) => setTimeout(r, 1500));
    const now = await snapshot();
    if (now === last) return now;
    last = now;
  }
  throw new Error('the extension kept writing');
}

const pdf = (name: string, n: number): { name: string; mimeType: string; buffer: Buffer } => ({
  name,
  mimeType: 'application/pdf',
  buffer: Buffer.from(`%PDF-1.4 KamiGuard fault test ${name} ${'x'.repeat(n)}`),
});

test('a worker stopped in the middle of storing a capture leaves nothing half-written, and the next worker takes it', async () => {
  await relaunch();
  // 1st evidence write: the order's text record; 2nd: its screenshot, after the screenshot's blob in the same transaction.
  await faults(h!.worker, 'stallWrite', 'evidence', 2);
  const page = await h!.context.newPage();
  await page.goto(`${shop.origin}/detail-order-sn/${SN}`);
  await waitFor(() => stalled(h!.worker), Boolean, 20_000);
  // (Nothing can be read now: the held transaction locks the tables it writes.)
  await h!.stopServiceWorker();

  const id = await orderId(SN);
  const queue = (await h!.readTable<{ key: string; value: { orderId: number; attempts?: number }[] }>('kv')).find(
    (r) => r.key === 'capture.queue',
  );
  assert.deepEqual(
    queue?.value.map((r) => [r.orderId, r.attempts]),
    [[id, 1]],
    'the capture stays queued, its attempt counted',
  );
  const ofOrder = async (): Promise<EvidenceRow[]> =>
    (await h!.readTable<EvidenceRow>('evidence')).filter((e) => e.orderId === id);
  assert.deepEqual(
    (await ofOrder()).map((e) => e.kind),
    ['order_text'],
    'the stopped capture left no evidence row',
  );
  const whole = await assertWhole();
  assert.equal(whole.blobs, 1, 'and no blob: its blob was written in the aborted transaction');

  // Showing the shop tab wakes a new worker, which takes the queued capture again.
  await page.bringToFront();
  const shots = await waitFor(
    async () => (await ofOrder()).filter((e) => e.kind === 'order_page'),
    (rows) => rows.length > 0,
    20_000,
  );
  assert.equal(shots.length, 1, 'captured once');
  await assertWhole();
  assert.ok(
    !(await h!.readTable<{ key: string; value: unknown[] }>('kv')).find((r) => r.key === 'capture.queue')?.value.length,
    'the queue is empty',
  );
  await assertChains();
});

test('the popup closed in the middle of a file import, the worker stopped: the files before are whole, importing again completes', async () => {
  const id = await orderId(SN);
  const files = [pdf('a.pdf', 1), pdf('b.pdf', 2), pdf('c.pdf', 3)];
  const popup = await h!.openExtensionPage(`popup.html#order=${id}`);
  const input = popup.locator('[data-testid="evidence"] input[type="file"]');
  await input.waitFor({ state: 'attached' });
  await faults(popup, 'stallWrite', 'evidence', 2);
  await input.setInputFiles(files);
  await waitFor(() => stalled(popup), Boolean);
  // The import runs in the popup, not in the worker: stopping the worker does not touch it; closing the popup does.
  await h!.stopServiceWorker();
  await popup.close({ runBeforeUnload: false });

  const imported = async (): Promise<string[]> =>
    (await h!.readTable<EvidenceRow>('evidence'))
      .filter((e) => e.source === 'imported')
      .map((e) => e.note ?? '')
      .sort();
  assert.deepEqual(await imported(), ['a.pdf'], 'the first file, stored before the close, and nothing of the second');
  await assertWhole();

  // The user opens the popup again and picks the same files: the stored one is recognised, the others are stored.
  const again = await h!.openExtensionPage(`popup.html#order=${id}`);
  await again.locator('[data-testid="fold-evidence"]').click();
  await again.locator('[data-testid="evidence"] input[type="file"]').setInputFiles(files);
  const note = again.locator('[data-testid="evidence-note"]');
  await note.waitFor();
  assert.match((await note.textContent()) ?? '', /2.*1|Files imported: 2/);
  assert.deepEqual(await waitFor(imported, (n) => n.length === 3), ['a.pdf', 'b.pdf', 'c.pdf']);
  await again.close();
  await assertWhole();
  await assertChains();

  // A backup of all this, for the next tests (through the options page, as the user makes one).
  for (const sn of [DONE_SN, PENDING_SN])
    await (await h!.context.newPage()).goto(`${shop.origin}/detail-order-sn/${sn}`);
  await orderId(PENDING_SN);
  const options = await h!.openExtensionPage('options.html');
  const download = options.waitForEvent('download');
  await options.getByRole('button', { name: await h!.message('options_export') }).click();
  backup = readFileSync(await (await download).path());
  backupCounts = await assertWhole();
  assert.ok(backupCounts.orders >= 3 && backupCounts.evidence >= 5, JSON.stringify(backupCounts));
});

test('a backup import cut off by a closed page writes nothing; with the worker stopped it still completes', async () => {
  await relaunch(); // a new browser, a fresh profile
  const empty = await snapshot();

  const importOnce = async (): Promise<Page> => {
    const options = await h!.openExtensionPage('options.html');
    await options.locator('#opt-import-file').waitFor();
    await faults(options, 'stallWrite', 'evidence', 2);
    await options.locator('#opt-import-file').setInputFiles({
      name: 'kamiguard-backup.zip',
      mimeType: 'application/zip',
      buffer: backup,
    });
    await waitFor(() => stalled(options), Boolean, 20_000);
    await h!.stopServiceWorker();
    return options;
  };

  // Orders and events are written, the second evidence row is held: the page is closed.
  await (await importOnce()).close({ runBeforeUnload: false });
  assert.equal(await snapshot(), empty, 'the whole import was one transaction: nothing of it is stored');

  // Again, and this time the page stays: the worker's stop does not touch an import that runs in the page.
  const options = await importOnce();
  await faults(options, 'release');
  const result = options.locator('[data-testid="import-result"]');
  await result.waitFor({ timeout: 20_000 });
  await options.close();
  assert.deepEqual(await assertWhole(), backupCounts, 'every row of the backup, once');
  await assertChains();
});

test('a full disk on every write path: the user is told what was not saved, and nothing stored before changes', async () => {
  await relaunch();
  const page = await h!.context.newPage();
  await page.goto(`${shop.origin}/detail-order-sn/${SN}`);
  const id = await orderId(SN);
  await waitFor(
    async () => (await h!.readTable<EvidenceRow>('evidence')).filter((e) => e.kind === 'order_page'),
    (rows) => rows.length === 1,
    20_000,
  );
  const worker = h!.worker;
  const notices = async (): Promise<Notice[]> =>
    worker.evaluate(
      async () => ((await chrome.storage.session.get('writeErrors')).writeErrors ?? []) as Notice[],
    ) as Promise<Notice[]>;
  const text = (key: string, subs: string[]): Promise<string> =>
    worker.evaluate(([k, s]) => chrome.i18n.getMessage(k, s), [key, subs] as const);

  /** The start of the "storage is full" sentence, in the browser's language. */
  const full = (await text('write_error_full', ['@@'])).split('@@')[0]!;
  const receipt = /支付凭证|Payment receipt/;

  // 1. An order seen on a page: nothing can be written.
  let stored = await settled();
  await faults(worker, 'failWrites');
  const host = new URL(shop.origin).host;
  await page.goto(`${shop.origin}/detail-order-sn/${DONE_SN}`);
  const [sighting] = await waitFor(notices, (n) => n.length === 1, 15_000);
  assert.equal(sighting!.message, await text('write_error_full', [await text('write_error_orders', [DONE_SN, host])]));
  assert.deepEqual(
    Object.keys(await worker.evaluate(() => chrome.notifications.getAll())),
    ['kamiguard-write-error'],
    'and a notification says it at once',
  );
  assert.equal(await snapshot(), stored, 'nothing stored before changed');

  // 2. A queued screenshot: the order is stored, its screenshot waits for the hidden tab, then cannot be stored.
  await faults(worker, 'clear');
  const front = await h!.context.newPage();
  await front.goto(`${shop.origin}/`);
  await front.bringToFront();
  await page.goto(`${shop.origin}/detail-order-sn/${PENDING_SN}`);
  const pendingId = await orderId(PENDING_SN);
  await waitFor(
    async () => (await h!.readTable<EvidenceRow>('evidence')).filter((e) => e.orderId === pendingId),
    (rows) => rows.some((e) => e.kind === 'order_text'),
  );
  stored = await settled();
  await faults(worker, 'failWrites', ['blobs', 'evidence']);
  await page.bringToFront();
  const [, capture] = await waitFor(notices, (n) => n.length === 2, 15_000);
  assert.ok(capture!.message.startsWith(full), capture!.message);
  assert.ok(capture!.message.includes(PENDING_SN), capture!.message);
  assert.match(capture!.message, /订单页面截图|Order page capture/);
  assert.equal(await snapshot(), stored, 'nothing stored before changed');

  // The popup shows both notices until dismissed.
  const popup = await h!.openExtensionPage('popup.html');
  const banner = popup.locator('[data-testid="write-errors"]');
  await banner.waitFor();
  const shown = (await banner.textContent()) ?? '';
  assert.ok(shown.includes(sighting!.message) && shown.includes(capture!.message), shown);

  // 3. A capture the user asks for from the popup (of the tab in front, as evidence of order SN).
  await popup.goto(`chrome-extension://${h!.extensionId}/popup.html#order=${id}`);
  await page.bringToFront();
  await popup.locator('[data-testid="fold-evidence"]').click();
  await popup.locator('[data-testid="capture-tab"]').click();
  const note = popup.locator('[data-testid="evidence-note"]');
  await note.waitFor();
  const manual = (await note.textContent()) ?? '';
  assert.ok(manual.includes(full) && manual.includes(SN) && receipt.test(manual), manual);
  assert.equal(await snapshot(), stored, 'nothing stored before changed');

  // 4. Files imported in the popup (the popup's own connection to the database).
  await faults(popup, 'failWrites');
  await popup.locator('[data-testid="evidence"] input[type="file"]').setInputFiles([pdf('receipt.pdf', 4)]);
  const imported = await waitFor(
    async () => (await note.textContent()) ?? '',
    (t) => t.includes('receipt.pdf'),
  );
  assert.ok(imported.startsWith(full) && imported.includes(SN) && receipt.test(imported), imported);
  assert.equal(await snapshot(), stored, 'nothing stored before changed');

  // 5. A backup restored in the options page.
  const options = await h!.openExtensionPage('options.html');
  await options.locator('#opt-import-file').waitFor();
  await faults(options, 'failWrites');
  await options
    .locator('#opt-import-file')
    .setInputFiles({ name: 'kamiguard-backup.zip', mimeType: 'application/zip', buffer: backup });
  const refused = options.locator('[data-testid="import-error"]');
  await refused.waitFor();
  assert.match(
    (await refused.textContent()) ?? '',
    /存储空间不足，未导入任何内容|Not enough storage; nothing was imported/,
  );
  assert.equal(await snapshot(), stored, 'nothing stored before changed');
  await assertWhole();
});
