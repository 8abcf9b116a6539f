/**
 * Issue 15, "Nothing leaves the computer": a whole run of use — pickup of three orders, their screenshots and text
 * records, reminders across a worker stop, the waiting order watched in the background (issue 13), a draft copied, the
 * evidence bundle and a backup exported — while every
 * request is watched twice: Playwright reports each request of every page and of the service worker, and Chromium
 * sends everything that is not loopback to a proxy that only records and refuses. The extension may request only its
 * own files and, when it re-reads a waiting order, that order's page on the shop the buyer visited. A timestamp
 * authority is configured (a local one) but never asked; then one click of "申请可信时间戳" sends exactly one request,
 * from the background to that authority, whose body is a TimeStampReq and nothing else (issue 16).
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import type { Request } from 'playwright-core';
import { startLocalTsa, type LocalTsa } from '../support/local-tsa.ts';
import { launch, waitFor, type Harness } from './harness.ts';

interface Seen {
  url: string;
  /** 'worker', 'extension-page' or 'web-page'. */
  from: string;
}

/** A proxy that records every request sent to it (plain or CONNECT) and answers none. */
async function trapProxy(): Promise<{ port: number; requests: string[]; server: Server }> {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    res.writeHead(502).end();
  });
  server.on('connect', (req, socket) => {
    requests.push(`CONNECT ${req.url}`);
    socket.end('HTTP/1.1 502 Bad Gateway\r\n\r\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as AddressInfo).port, requests, server };
}

/**
 * Chromium's own services (sign-in, updates, network time) still call out with every switch above; these requests
 * come from the browser process, which Playwright's per-page and per-worker record shows is not the extension.
 */
const BROWSER_SERVICES = [
  'accounts.google.com',
  'update.googleapis.com',
  'clients2.google.com',
  'content-autofill.googleapis.com',
];
const hostOf = (line: string): string => {
  const target = line.split(' ')[1] ?? '';
  return target.includes('://') ? new URL(target).hostname : target.split(':')[0]!;
};
const notBrowserServices = (lines: string[]): string[] => lines.filter((l) => !BROWSER_SERVICES.includes(hostOf(l)));

let h: Harness;
let trap: Awaited<ReturnType<typeof trapProxy>>;
let tsa: LocalTsa;
const seen: Seen[] = [];

before(async () => {
  trap = await trapProxy();
  tsa = await startLocalTsa();
  // Loopback (the demo shop) stays direct: Chromium never sends 127.0.0.1 through a proxy.
  h = await launch({
    args: [
      `--proxy-server=http://127.0.0.1:${trap.port}`,
      // Chromium's own services, which would otherwise call out beside the extension.
      '--disable-features=AutofillServerCommunication,OptimizationHints,MediaRouter,CertificateTransparencyComponentUpdater',
      '--disable-domain-reliability',
      '--disable-client-side-phishing-detection',
      '--no-pings',
      '--extensions-update-frequency=86400',
    ],
  });
  const origin = `chrome-extension://${h.extensionId}`;
  h.context.on('request', (r: Request) => {
    let from = 'worker';
    if (!r.serviceWorker()) {
      let frame = '';
      try {
        frame = r.frame().url();
      } catch {
        // A navigation before its frame exists: judged by its own URL below.
        frame = r.url();
      }
      from = frame.startsWith(origin) ? 'extension-page' : 'web-page';
    }
    seen.push({ url: r.url(), from });
  });
});
after(async () => {
  await h?.close();
  trap?.server.close();
  await tsa?.close();
});

const SNS = ['KG7Q2M9X4A1B3C5D', 'KG3H8N2P6R0T4V7W', 'KG5P0C1B2D3E4F6G'];
/** TEST ONLY: the reminders' durations are divided by this (as in reminders.test.ts). */
const TIME_SCALE = 8640;

/** The order pages the buyer visited: the only pages the extension's background may re-read (watching). */
const visited = new Set<string>();
const isVisitedPage = (url: string): boolean => {
  const u = new URL(url);
  return visited.has(`${u.origin}${u.pathname}`);
};

test('a whole run of use sends nothing anywhere', { timeout: 120_000 }, async () => {
  await h.writeKv('settings.escalation', { timeScale: TIME_SCALE });
  // An authority is chosen, but the buyer never asks for a stamp (and automatic stamps are off, as by default).
  await h.writeKv('settings.timestamp', { authority: 'custom', customUrl: tsa.url, autoOnStatusChange: false });

  // Pickup, automatic evidence, reminders.
  for (const sn of SNS) {
    const page = await h.context.newPage();
    await page.goto(`${h.shop.origin}/detail-order-sn/${sn}`);
    visited.add(`${h.shop.origin}/detail-order-sn/${sn}`);
    await page.waitForTimeout(1200);
  }
  const orders = await waitFor(
    () => h.readTable<{ id: number; orderNo: string }>('orders'),
    (rows) => rows.length >= SNS.length,
  );
  const waiting = orders.find((o) => o.orderNo === 'KG3H8N2P6R0T4V7W')!;
  await waitFor(
    async () => (await h.readTable<{ mime: string }>('evidence')).filter((e) => e.mime.startsWith('image/')),
    (rows) => rows.length >= 1,
    20_000,
  );
  await h.stopServiceWorker();
  await waitFor(
    async () =>
      (await h.readTable<{ kind: string; detail?: string }>('events')).filter((e) => e.kind === 'reminder_shown'),
    (rows) => rows.some((r) => r.detail === 'payment_complaint'),
    30_000,
  );

  // Watching ran meanwhile: the service worker re-read the waiting order's page (the only paid, undelivered one).
  const waitingPage = `${h.shop.origin}/detail-order-sn/KG3H8N2P6R0T4V7W`;
  const reReads = await waitFor(
    async () => seen.filter((s) => s.from === 'worker' && !s.url.startsWith('chrome-extension://')),
    (r) => r.some((s) => s.url === waitingPage),
    20_000,
  );
  assert.deepEqual([...new Set(reReads.map((s) => s.url))], [waitingPage], 'the re-reads are that order page only');

  // A draft copied and the evidence bundle downloaded from the order's page in the popup.
  const popup = await h.openExtensionPage(`popup.html#order=${waiting.id}`);
  await popup.locator('[data-testid="fold-drafts"]').click();
  await popup.locator('[data-testid="copy-chat"]').click();
  await popup.locator('[data-testid="copied"]').waitFor();
  const bundle = popup.waitForEvent('download');
  await popup.locator('[data-testid="fold-evidence"]').click();
  await popup.locator('[data-testid="bundle"]').click();
  await (await bundle).path();

  // A backup of the whole database from the options page.
  const options = await h.openExtensionPage('options.html');
  const backup = options.waitForEvent('download');
  await options.getByRole('button', { name: await h.message('options_export') }).click();
  await (await backup).path();
  await options.locator('[data-testid="export-result"]').waitFor();

  // Everything the extension itself requested: its own files, or the page of an order the buyer visited.
  const own = `chrome-extension://${h.extensionId}/`;
  const fromExtension = seen.filter((s) => s.from !== 'web-page');
  const foreign = fromExtension.filter((s) => {
    if (s.url.startsWith(own) || s.url.startsWith('data:') || s.url.startsWith('blob:')) return false;
    return !isVisitedPage(s.url);
  });
  assert.ok(
    fromExtension.some((s) => s.url.startsWith(own)),
    "the record sees the extension's own requests (its pages loading their scripts)",
  );
  assert.deepEqual(foreign, [], 'requests by the extension to anything but itself and the visited order pages');
  assert.equal(tsa.requests.length, 0, 'nothing sent to the timestamp authority while the buyer asked for no stamp');
  // The shop's own pages asked only the shop (the demo shop is self-contained).
  assert.deepEqual(
    seen.filter((s) => s.from === 'web-page' && !s.url.startsWith(h.shop.origin) && !s.url.startsWith(own)),
    [],
  );
  assert.deepEqual(notBrowserServices(trap.requests), [], "nothing but the browser's own services reached the proxy");
  assert.deepEqual(
    fromExtension.filter((s) => BROWSER_SERVICES.includes(new URL(s.url).hostname)),
    [],
    'none of those came from the extension',
  );

  // The proxy is really in the way: a request to another host reaches it (and only that one).
  const shop = h.context.pages().find((p) => p.url().startsWith(h.shop.origin))!;
  await shop.evaluate(() => fetch('http://kamiguard-zero-network.test/probe').catch(() => undefined));
  await waitFor(
    async () => notBrowserServices(trap.requests),
    (r) => r.length > 0,
  );
  assert.deepEqual(notBrowserServices(trap.requests), ['GET http://kamiguard-zero-network.test/probe']);
});

test('one click of 申请可信时间戳 sends one request, from the background to the chosen authority, carrying only a TimeStampReq', async () => {
  const orders = await h.readTable<{ id: number; orderNo: string }>('orders');
  const id = orders.find((o) => o.orderNo === 'KG3H8N2P6R0T4V7W')!.id;
  const popup = await h.openExtensionPage(`popup.html#order=${id}`);
  await popup.locator('[data-testid="fold-evidence"]').click();
  const from = seen.length;
  await popup.locator('[data-testid="stamp"]').click();
  await popup.locator('[data-testid="stamp-item"]').waitFor();

  const own = `chrome-extension://${h.extensionId}/`;
  // Besides the watched order's re-reads (the first test allows those), the click sends one request, to the authority.
  const sent = seen
    .slice(from)
    .filter(
      (s) => s.from !== 'web-page' && !/^(data|blob):/.test(s.url) && !s.url.startsWith(own) && !isVisitedPage(s.url),
    );
  assert.deepEqual(sent, [{ url: tsa.url, from: 'worker' }]);
  assert.equal(tsa.requests.length, 1);
  const [request] = tsa.requests;
  assert.equal(request!.method, 'POST');
  assert.equal(request!.contentType, 'application/timestamp-query');
  // The body is exactly one TimeStampReq (re-encoding it gives the same bytes), and its imprint is the chain head.
  const req = new pkijs.TimeStampReq({ schema: asn1js.fromBER(request!.body).result });
  assert.deepEqual(new Uint8Array(req.toSchema().toBER()), request!.body);
  const [stamp] = (await h.readTable<{ kind: string; prevHash: string }>('evidence')).filter(
    (e) => e.kind === 'timestamp',
  );
  assert.equal(Buffer.from(req.messageImprint.hashedMessage.valueBlock.valueHexView).toString('hex'), stamp!.prevHash);
  assert.equal(req.reqPolicy, undefined);
  assert.equal(req.extensions, undefined);
  assert.deepEqual(notBrowserServices(trap.requests), ['GET http://kamiguard-zero-network.test/probe']);
});
