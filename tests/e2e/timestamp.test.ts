/**
 * Issue 16 in Chromium, against a local timestamp authority (openssl ts -reply on 127.0.0.1, a test CA made now):
 * the buyer picks the authority in the options (a bad address refused), stamps an order from its page, exports a
 * stamped bundle — and OpenSSL itself checks the exported tokens: manifest.tsr against manifest.json (a tampered
 * manifest fails), the stored chain-head token against the exported chain, recomputed as a third party would. Then
 * the opt-in automatic stamp after a status change, and the same screens in English. Screenshots: test-results/timestamp/.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { strFromU8, unzipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { opensslVerify as verify, startLocalTsa, type LocalTsa } from '../support/local-tsa.ts';
import { ARTIFACTS, launch, waitFor, type Harness } from './harness.ts';

const OUT = join(ARTIFACTS, 'timestamp');
const SN = 'KG3H8N2P6R0T4V7W'; // processing in the demo shop

interface Row {
  id: number;
  orderId: number;
  kind: string;
  source: string;
  sha256: string;
  prevHash: string;
  hash: string;
  timestamp?: { authority: string; time: string; serial: string; imprint: string };
}
interface Entry {
  seq: number;
  type: 'event' | 'evidence';
  record: Record<string, unknown> & { prevHash?: string; kind?: string; timestamp?: Row['timestamp'] };
  hash: string;
  path?: string;
}
interface Manifest {
  files: { path: string; sha256: string }[];
  detached?: { path: string }[];
  orders: {
    order: { orderNo: string; site: string };
    chain: { genesis: string; head: string };
    events: Entry[];
    evidence: Entry[];
  }[];
}

let tsa: LocalTsa;
let h: Harness;
let work: string;

before(async () => {
  mkdirSync(OUT, { recursive: true });
  tsa = await startLocalTsa();
  work = tsa.dir;
  h = await launch();
});
after(async () => {
  await h?.close();
  await tsa?.close();
});

/** `openssl ts -verify <args> -CAfile <the test CA>`; resolves with its output, rejects when OpenSSL refuses. */
const opensslVerify = (args: string[]): Promise<string> => verify(tsa.caFile, args);

/** What a third party does with the manifest's chainAlgorithm: canonical JSON (keys sorted), SHA-256. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object')
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(v);
}
const sha256 = (data: string | Uint8Array): string => createHash('sha256').update(data).digest('hex');

async function shoot(page: Page, name: string): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.waitForTimeout(100);
    await page.screenshot({ path: join(OUT, `${name}-${scheme}.png`), fullPage: true });
  }
}

async function orderId(harness: Harness, sn: string): Promise<number> {
  await (await harness.context.newPage()).goto(`${harness.shop.origin}/detail-order-sn/${sn}`);
  const orders = await waitFor(
    () => harness.readTable<{ id: number; orderNo: string }>('orders'),
    (rows) => rows.some((o) => o.orderNo === sn),
  );
  return orders.find((o) => o.orderNo === sn)!.id;
}

async function chooseAuthority(harness: Harness, url: string): Promise<Page> {
  const options = await harness.openExtensionPage('options.html');
  await options.locator('[data-testid="tsa-url"]').fill(url);
  await options.locator('[data-testid="tsa-url-save"]').click();
  return options;
}

test('the options: a bad address is refused, the local authority is kept, and choosing sends nothing', async () => {
  const options = await chooseAuthority(h, 'ftp://tsa.example.com/');
  await options.locator('[data-testid="tsa-url-error"]').waitFor();
  assert.equal(
    await options.locator('[data-testid="tsa-url-error"]').textContent(),
    await h.message('options_tsa_url_scheme'),
  );
  assert.equal((await h.readTable<{ key: string }>('kv')).filter((r) => r.key === 'settings.timestamp').length, 0);

  await options.locator('[data-testid="tsa-url"]').fill(tsa.url);
  await options.locator('[data-testid="tsa-url-save"]').click();
  const [row] = await waitFor(
    async () =>
      (await h.readTable<{ key: string; value: unknown }>('kv')).filter((r) => r.key === 'settings.timestamp'),
    (rows) => rows.length === 1,
  );
  assert.deepEqual(row!.value, { authority: 'custom', customUrl: tsa.url, autoOnStatusChange: false });
  await options.locator('[data-testid="tsa-custom"]:checked').waitFor();
  assert.equal(await options.locator('[data-testid="tsa-privacy"]').textContent(), await h.message('tsa_privacy'));
  await options.locator('[data-testid="options-timestamp"]').scrollIntoViewIfNeeded();
  for (const scheme of ['light', 'dark'] as const) {
    await options.emulateMedia({ colorScheme: scheme });
    await options
      .locator('[data-testid="options-timestamp"]')
      .screenshot({ path: join(OUT, `zh-CN-options-${scheme}.png`) });
  }
  assert.equal(tsa.requests.length, 0, 'choosing an authority sends nothing');
  await options.close();
});

test('stamping an order from its page: one request from the background, the token in the chain, OpenSSL agrees', async () => {
  const id = await orderId(h, SN);
  const popup = await h.openExtensionPage(`popup.html#order=${id}`);
  await popup.locator('[data-testid="fold-evidence"]').click();
  assert.match((await popup.locator('[data-testid="stamp-target"]').textContent()) ?? '', /127\.0\.0\.1/);
  const sentBefore = tsa.requests.length;
  const seen = new Promise<string>((resolve) =>
    h.context.on('request', (r) => {
      if (r.url() === tsa.url) resolve(r.serviceWorker() ? 'worker' : 'page');
    }),
  );
  await popup.locator('[data-testid="stamp"]').click();
  await popup.locator('[data-testid="stamp-item"]').waitFor();
  assert.match((await popup.locator('[data-testid="evidence-note"]').textContent()) ?? '', /KamiGuard Test TSA/);
  assert.equal(tsa.requests.length - sentBefore, 1, 'one request to the authority');
  assert.equal(tsa.requests.at(-1)!.contentType, 'application/timestamp-query');
  assert.equal(await seen, 'worker', 'the request is sent by the background, not by the popup');

  const [stampRow] = (await h.readTable<Row>('evidence')).filter((r) => r.kind === 'timestamp');
  assert.equal(stampRow!.source, 'manual');
  const { bytes, type } = await h.readBlob(stampRow!.sha256);
  assert.equal(type, 'application/timestamp-reply');
  writeFileSync(join(work, 'stored.tsr'), bytes);
  assert.match(
    await opensslVerify(['-digest', stampRow!.timestamp!.imprint, '-in', join(work, 'stored.tsr')]),
    /Verification: OK/,
  );
  assert.equal(stampRow!.prevHash, stampRow!.timestamp!.imprint, 'it stamps the head it follows');
  await popup.locator('[data-testid="chain-status"][data-ok="true"]').waitFor();
  await popup.setViewportSize({ width: 380, height: 600 });
  await popup.locator('[data-testid="timestamps"]').scrollIntoViewIfNeeded();
  for (const scheme of ['light', 'dark'] as const) {
    await popup.emulateMedia({ colorScheme: scheme });
    await popup.waitForTimeout(100);
    await popup.screenshot({ path: join(OUT, `zh-CN-order-page-${scheme}.png`) });
  }
  await popup.close();
});

test('a stamped bundle: OpenSSL verifies manifest.tsr and the chain-head token; a tampered manifest fails', async () => {
  const id = await orderId(h, SN);
  const popup = await h.openExtensionPage(`popup.html#order=${id}`);
  await popup.locator('[data-testid="fold-evidence"]').click();
  await popup.locator('[data-testid="bundle-stamp"]').check();
  const sentBefore = tsa.requests.length;
  const download = popup.waitForEvent('download');
  await popup.locator('[data-testid="bundle"]').click();
  const zip = unzipSync(new Uint8Array(readFileSync(await (await download).path())));
  assert.equal(
    await popup.locator('[data-testid="evidence-note"]').textContent(),
    await h.message('evidence_bundle_done_stamped'),
  );
  assert.equal(tsa.requests.length - sentBefore, 2, "the order's chain head, then manifest.json");
  assert.equal(await popup.locator('[data-testid="bundle-stamp"]').isChecked(), true);
  await popup.close();

  // Every file is listed in manifest.json but the two made from it; manifest.tsr stamps manifest.json.
  const manifest = JSON.parse(strFromU8(zip['manifest.json']!)) as Manifest;
  assert.deepEqual(
    Object.keys(zip).sort(),
    [...manifest.files.map((f) => f.path), 'manifest.json', ...(manifest.detached ?? []).map((d) => d.path)].sort(),
  );
  assert.ok(zip['manifest.tsr'], 'manifest.tsr');
  for (const f of manifest.files) assert.equal(sha256(zip[f.path]!), f.sha256, f.path);
  writeFileSync(join(work, 'manifest.json'), zip['manifest.json']!);
  writeFileSync(join(work, 'manifest.tsr'), zip['manifest.tsr']!);
  const checkManifest = (): Promise<string> =>
    opensslVerify(['-data', join(work, 'manifest.json'), '-in', join(work, 'manifest.tsr')]);
  assert.match(await checkManifest(), /Verification: OK/);
  writeFileSync(join(work, 'manifest.json'), strFromU8(zip['manifest.json']!).replace(SN, SN.replace('K', 'X')));
  await assert.rejects(checkManifest(), 'a tampered manifest fails');

  // The chain-head tokens: recompute the chain from the manifest, then check each token against the head it stamped.
  const order = manifest.orders[0]!;
  const entries = [...order.events, ...order.evidence].sort((a, b) => a.seq - b.seq);
  let prev = order.chain.genesis;
  assert.equal(sha256(`kamiguard-chain-v1\ngenesis\n${canonical({ orderNo: SN, site: order.order.site })}`), prev);
  for (const e of entries) {
    assert.equal(e.record.prevHash, prev, `record ${e.seq} follows the one before`);
    assert.equal(sha256(`kamiguard-chain-v1\n${e.type}\n${canonical(e.record)}`), e.hash, `record ${e.seq}`);
    prev = e.hash;
  }
  assert.equal(prev, order.chain.head);
  const tokens = order.evidence.filter((e) => e.record.kind === 'timestamp');
  assert.equal(tokens.length, 2, 'the one stamped from the order page, and the one the bundle asked for');
  for (const token of tokens) {
    const imprint = token.record.timestamp!.imprint;
    assert.ok(
      entries.some((e) => e.hash === imprint && e.seq < token.seq),
      'it stamps a record of this chain',
    );
    writeFileSync(join(work, 'head.tsr'), zip[token.path!]!);
    assert.match(await opensslVerify(['-digest', imprint, '-in', join(work, 'head.tsr')]), /Verification: OK/);
    await assert.rejects(opensslVerify(['-digest', order.chain.head, '-in', join(work, 'head.tsr')]));
  }

  // The report: the stamps' facts and commands, seen and photographed.
  const report = await h.context.newPage();
  await report.setContent(strFromU8(zip['report.html']!));
  const text = (await report.textContent('body')) ?? '';
  for (const token of tokens) {
    assert.ok(text.includes(token.record.timestamp!.serial), 'serial');
    assert.ok(text.includes(`openssl ts -verify -digest ${token.record.timestamp!.imprint} -in ${token.path}`));
  }
  assert.ok(text.includes('KamiGuard Test TSA'));
  assert.ok(text.includes('openssl ts -verify -data manifest.json -in manifest.tsr'));
  await report.screenshot({ path: join(OUT, 'report.png'), fullPage: true });
  const stampFigure = report.locator('.stamp').first();
  await stampFigure.scrollIntoViewIfNeeded();
  await stampFigure.screenshot({ path: join(OUT, 'report-stamp.png') });
  await report
    .locator('.banner.ok')
    .nth(1)
    .screenshot({ path: join(OUT, 'report-banner.png') });
  await report.locator('footer').screenshot({ path: join(OUT, 'report-footer.png') });
  await report.close();
});

test('the opt-in automatic stamp follows a status change, from the background alone', async () => {
  const options = await h.openExtensionPage('options.html');
  // A controlled checkbox: it shows the stored setting, so it turns on once the write lands.
  await options.locator('[data-testid="tsa-auto"]').click();
  await options.locator('[data-testid="tsa-auto"]:checked').waitFor();
  await waitFor(
    async () =>
      (await h.readTable<{ key: string; value: { autoOnStatusChange?: boolean } }>('kv')).find(
        (r) => r.key === 'settings.timestamp',
      ),
    (row) => row?.value.autoOnStatusChange === true,
  );
  await options.close();
  for (const p of h.context.pages()) if (!p.url().startsWith(h.shop.origin)) await p.close().catch(() => undefined);
  const before = tsa.requests.length;
  const sn = 'KG5P0C1B2D3E4F6G'; // pending in the demo shop
  const id = await orderId(h, sn);
  assert.equal(tsa.requests.length, before, 'first sight is not a status change');
  await fetch(`${h.shop.origin}/__demo/orders/${sn}?status=processing`, { method: 'POST' });
  const shop = h.context.pages().find((p) => p.url().endsWith(sn))!;
  await shop.reload();
  const stamps = await waitFor(
    async () => (await h.readTable<Row>('evidence')).filter((r) => r.kind === 'timestamp' && r.orderId === id),
    (rows) => rows.length === 1,
    20_000,
  );
  assert.equal(stamps[0]!.source, 'auto');
  assert.equal(tsa.requests.length - before, 1);
});

test('the same in English: the order page and the options', async () => {
  const en = await launch({ english: true });
  try {
    await en.writeKv('settings.timestamp', { authority: 'custom', customUrl: tsa.url, autoOnStatusChange: false });
    const id = await orderId(en, SN);
    const popup = await en.openExtensionPage(`popup.html#order=${id}`);
    await popup.setViewportSize({ width: 380, height: 600 });
    await popup.locator('[data-testid="fold-evidence"]').click();
    assert.equal(await popup.locator('[data-testid="stamp"]').textContent(), 'Get a trusted timestamp');
    await popup.locator('[data-testid="stamp"]').click();
    await popup.locator('[data-testid="stamp-item"]').waitFor();
    await popup.locator('[data-testid="timestamps"]').scrollIntoViewIfNeeded();
    for (const scheme of ['light', 'dark'] as const) {
      await popup.emulateMedia({ colorScheme: scheme });
      await popup.waitForTimeout(100);
      await popup.screenshot({ path: join(OUT, `en-order-page-${scheme}.png`) });
    }
    const options = await en.openExtensionPage('options.html');
    await options.locator('[data-testid="options-timestamp"]').scrollIntoViewIfNeeded();
    for (const scheme of ['light', 'dark'] as const) {
      await options.emulateMedia({ colorScheme: scheme });
      await options
        .locator('[data-testid="options-timestamp"]')
        .screenshot({ path: join(OUT, `en-options-${scheme}.png`) });
    }
  } finally {
    await en.close();
  }
});
