/** Issue 5 in the browser: automatic hashed captures, a manual capture, the bundle and its report. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { unzipSync, strFromU8 } from 'fflate';
import { createHash } from 'node:crypto';
import type { Page } from 'playwright-core';
import { ARTIFACTS, launch, waitFor, type Harness } from './harness.ts';

interface EvidenceRow {
  id: number;
  orderId: number;
  kind: string;
  source: string;
  sha256: string;
  blobId: string;
  mime: string;
  size: number;
  note?: string;
}

let h: Harness;
before(async () => {
  h = await launch();
});
after(async () => {
  await h?.close();
});

/** Recomputes each stored item's SHA-256 from the bytes the extension stored. */
async function rehash(): Promise<{ sha256: string; actual: string; size: number; bytes: number }[]> {
  const rows = [];
  for (const e of await h.readTable<EvidenceRow>('evidence')) {
    const { bytes } = await h.readBlob(e.blobId);
    rows.push({
      sha256: e.sha256,
      actual: createHash('sha256').update(bytes).digest('hex'),
      size: e.size,
      bytes: bytes.length,
    });
  }
  return rows;
}

/**
 * Decodes images inside the extension (Node has no image decoder): their sizes, and how many RGBA channel values
 * differ between the first image and each other one (-1 where the sizes differ).
 */
function compareImages(images: { bytes: Buffer; type: string }[]): Promise<{ sizes: string[]; differing: number[] }> {
  return h.evalInExtension(
    async (encoded) => {
      const decoded = [];
      for (const { base64, type } of encoded) {
        const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
        const bitmap = await createImageBitmap(new Blob([bytes], { type }));
        const ctx = new OffscreenCanvas(bitmap.width, bitmap.height).getContext('2d')!;
        ctx.drawImage(bitmap, 0, 0);
        decoded.push(ctx.getImageData(0, 0, bitmap.width, bitmap.height));
      }
      const [first, ...rest] = decoded;
      return {
        sizes: decoded.map((d) => `${d.width}x${d.height}`),
        differing: rest.map((d) => {
          if (d.width !== first!.width || d.height !== first!.height) return -1;
          let n = 0;
          for (let i = 0; i < d.data.length; i++) if (d.data[i] !== first!.data[i]) n++;
          return n;
        }),
      };
    },
    images.map((i) => ({ base64: i.bytes.toString('base64'), type: i.type })),
  );
}

/** A PNG of what the page's tab shows now, taken by the extension (after a pause for Chrome's 2-a-second limit). */
async function capturePng(page: Page): Promise<{ bytes: Buffer; type: string }> {
  await page.waitForTimeout(1100);
  const dataUrl = await h.evalInExtension(async (url) => {
    const [tab] = await chrome.tabs.query({ url });
    return chrome.tabs.captureVisibleTab(tab!.windowId, { format: 'png' });
  }, page.url());
  return { bytes: Buffer.from(dataUrl.split(',')[1]!, 'base64'), type: 'image/png' };
}

const SN = 'KG3H8N2P6R0T4V7W';

test('picking up an order stores a screenshot and a text record whose hashes match their bytes', async () => {
  const page = await h.context.newPage();
  await page.bringToFront();
  await page.goto(`${h.shop.origin}/detail-order-sn/${SN}`);
  const evidence = await waitFor(
    () => h.readTable<EvidenceRow>('evidence'),
    (rows) => rows.some((r) => r.kind === 'order_page') && rows.some((r) => r.kind === 'order_text'),
  );
  const shot = evidence.find((r) => r.kind === 'order_page');
  assert.ok(shot, 'screenshot stored');
  assert.equal(shot.source, 'auto');
  assert.match(shot.mime, /^image\/(webp|jpeg|png)$/);
  for (const r of await rehash()) {
    assert.equal(r.actual, r.sha256, 'stored hash = hash of stored bytes');
    assert.equal(r.size, r.bytes);
  }
});

test('the stored screenshot holds exactly the pixels of a PNG capture, in under 40 % of its bytes', async () => {
  const page = h.context.pages().find((p) => p.url().includes(SN))!;
  await page.bringToFront();
  const png = await capturePng(page);
  const shot = (await h.readTable<EvidenceRow>('evidence')).find((e) => e.kind === 'order_page')!;
  const stored = await h.readBlob(shot.blobId);
  assert.equal(stored.type, 'image/webp');
  const { sizes, differing } = await compareImages([png, stored]);
  assert.equal(sizes[0], sizes[1], 'same dimensions');
  assert.equal(differing[0], 0, 'lossless: not one channel value differs from the PNG');
  assert.ok(
    stored.bytes.length < png.bytes.length * 0.4,
    `${stored.bytes.length} bytes stored for a ${png.bytes.length}-byte PNG`,
  );
});

test('a status change adds a second screenshot', async () => {
  const res = await fetch(`${h.shop.origin}/__demo/orders/${SN}?status=completed`, { method: 'POST' });
  assert.equal(res.status, 200);
  const page = h.context.pages().find((p) => p.url().includes(SN))!;
  await page.bringToFront();
  await page.reload();
  const shots = await waitFor(
    async () => (await h.readTable<EvidenceRow>('evidence')).filter((r) => r.kind === 'order_page'),
    (rows) => rows.length >= 2,
  );
  assert.equal(shots.length, 2);
  assert.notEqual(shots[0]!.sha256, shots[1]!.sha256);
});

test('a manual capture from the popup, then the bundle: every file matches the manifest, report.html renders', async () => {
  const shop = h.context.pages().find((p) => p.url().includes(SN))!;
  const orders = await h.readTable<{ id: number; orderNo: string }>('orders');
  const id = orders.find((o) => o.orderNo === SN)!.id;
  // The popup is opened as a page beside the shop tab; the capture is of the shop tab, the active tab of its window.
  const popup = await h.context.newPage();
  await popup.goto(`chrome-extension://${h.extensionId}/popup.html#order=${id}`);
  await shop.bringToFront();
  await popup.locator('[data-testid="fold-evidence"]').click();
  await popup.locator('[data-testid="capture-tab"]').click();
  await popup.locator('[data-testid="evidence-note"]').waitFor();
  const manual = await waitFor(
    async () => (await h.readTable<EvidenceRow>('evidence')).filter((r) => r.source === 'manual'),
    (rows) => rows.length === 1,
  );
  assert.equal(manual[0]!.kind, 'payment_receipt');
  await popup.locator('[data-testid="chain-status"][data-ok="true"]').waitFor();

  const download = popup.waitForEvent('download');
  await popup.locator('[data-testid="bundle"]').click();
  const file = await (await download).path();
  const zip = unzipSync(new Uint8Array(readFileSync(file)));
  const manifest = JSON.parse(strFromU8(zip['manifest.json']!)) as {
    files: { path: string; sha256: string; size: number }[];
  };
  assert.ok(manifest.files.length >= 4, `files in manifest: ${manifest.files.length}`);
  for (const f of manifest.files) {
    const bytes = zip[f.path];
    assert.ok(bytes, `${f.path} is in the zip`);
    assert.equal(createHash('sha256').update(bytes).digest('hex'), f.sha256, f.path);
  }
  assert.ok(zip['report.html'], 'report.html');
  const report = await h.context.newPage();
  await report.setContent(strFromU8(zip['report.html']!));
  await report.screenshot({ path: join(ARTIFACTS, 'report.png'), fullPage: true });
  assert.match((await report.textContent('body')) ?? '', new RegExp(SN));
});

test('a full-page capture stitches a page longer than the window into one image', async () => {
  const shop = h.context.pages().find((p) => p.url().includes(SN))!;
  await shop.setViewportSize({ width: 1100, height: 300 });
  const orders = await h.readTable<{ id: number; orderNo: string }>('orders');
  const id = orders.find((o) => o.orderNo === SN)!.id;
  const popup = await h.context.newPage();
  await popup.goto(`chrome-extension://${h.extensionId}/popup.html#order=${id}`);
  await shop.bringToFront();
  const pageHeight = await shop.evaluate(() => document.documentElement.scrollHeight);
  assert.ok(pageHeight > 300 * 1.5, `the demo page (${pageHeight}px) is longer than the window`);
  await popup.locator('[data-testid="fold-evidence"]').click();
  await popup.getByRole('button', { name: await h.message('evidence_capture_full') }).click();
  await popup.locator('[data-testid="evidence-note"]').waitFor();
  assert.equal(
    await popup.locator('[data-testid="evidence-note"]').textContent(),
    await h.message('evidence_captured'),
  );

  // The stored image's height is the page's, not the window's.
  const [full] = await waitFor(
    async () => (await h.readTable<EvidenceRow>('evidence')).filter((e) => e.note?.startsWith('full page')),
    (rows) => rows.length === 1,
  );
  const { sizes } = await compareImages([await h.readBlob(full!.blobId)]);
  const heights = sizes.map((size) => Number(size.split('x')[1]));
  assert.ok(heights[0]! >= pageHeight - 2, `stitched height ${heights[0]} ≈ page height ${pageHeight}`);
});

test('an imported PNG (a phone screenshot) is stored from the popup as lossless WebP, smaller than the file', async () => {
  const shop = h.context.pages().find((p) => p.url().includes(SN))!;
  await shop.setViewportSize({ width: 1100, height: 800 });
  // A part of the page only: the same pixels as an earlier capture would make the same WebP, stored once.
  const png = await shop.screenshot({ type: 'png', clip: { x: 0, y: 0, width: 700, height: 500 } });
  const orders = await h.readTable<{ id: number; orderNo: string }>('orders');
  const id = orders.find((o) => o.orderNo === SN)!.id;
  const popup = await h.context.newPage();
  await popup.goto(`chrome-extension://${h.extensionId}/popup.html#order=${id}`);
  await popup
    .locator('[data-testid="evidence"] input[type="file"]')
    .setInputFiles({ name: 'receipt.png', mimeType: 'image/png', buffer: png });
  const [imported] = await waitFor(
    async () => (await h.readTable<EvidenceRow>('evidence')).filter((r) => r.source === 'imported'),
    (rows) => rows.length === 1,
  );
  assert.equal(imported!.mime, 'image/webp');
  assert.ok(imported!.size < png.length * 0.4, `${imported!.size} bytes stored for a ${png.length}-byte PNG`);
  await popup.close();
});

test('an order page opened in a background tab is captured when that tab is shown, and the capture is of it', async () => {
  const sn = 'KG7Q2M9X4A1B3C5D';
  const background = await h.context.newPage();
  const front = await h.context.newPage();
  await front.goto(`${h.shop.origin}/`);
  await front.bringToFront();
  await background.goto(`${h.shop.origin}/detail-order-sn/${sn}`);
  const orders = await waitFor(
    () => h.readTable<{ id: number; orderNo: string }>('orders'),
    (rows) => rows.some((o) => o.orderNo === sn),
  );
  const orderId = orders.find((o) => o.orderNo === sn)!.id;
  const ofOrder = async (): Promise<EvidenceRow[]> =>
    (await h.readTable<EvidenceRow>('evidence')).filter((e) => e.orderId === orderId);
  // The text record needs no visible tab; the screenshot waits for one.
  await waitFor(ofOrder, (rows) => rows.some((e) => e.kind === 'order_text'));
  await front.waitForTimeout(1500);
  assert.deepEqual(
    (await ofOrder()).map((e) => e.kind),
    ['order_text'],
    'nothing captured while the tab is hidden',
  );

  await background.bringToFront();
  const [shot] = await waitFor(
    async () => (await ofOrder()).filter((e) => e.kind === 'order_page'),
    (rows) => rows.length === 1,
  );
  const { differing } = await compareImages([await capturePng(background), await h.readBlob(shot!.blobId)]);
  assert.equal(differing[0], 0, 'the stored screenshot shows the order page, not the tab that was in front');
  await front.close();
});
