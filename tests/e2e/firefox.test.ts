/**
 * The Firefox add-on (`wxt build -b firefox`): the same order page is picked up, its text record and screenshot are
 * stored with matching hashes (captureVisibleTab and the WebAssembly encoder in Firefox's background page), and the
 * popup lists the order. The Chromium tests cover the rest; this one proves the other build works at all.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { startDemoShop, type DemoShop } from '../demo-shop/server.ts';
import { launchFirefoxWithExtension, type LaunchedFirefox } from '../support/firefox.ts';
import { ROOT, waitFor } from './harness.ts';

const SN = 'KG3H8N2P6R0T4V7W';

let ff: LaunchedFirefox;
let shop: DemoShop;
before(async () => {
  shop = await startDemoShop();
  ff = await launchFirefoxWithExtension(join(ROOT, '.output/firefox-mv2'));
});
after(async () => {
  await ff?.close();
  await shop?.close();
});

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
    const blobs = await all<{ sha256: string; data: Blob }>('blobs');
    const evidence = [];
    for (const e of await all<{ kind: string; mime: string; size: number; sha256: string; blobId: string }>(
      'evidence',
    )) {
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
