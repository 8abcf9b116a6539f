/** Shared e2e set-up: the built extension in real Chromium, headless, plus the demo shop. */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { BrowserContext, Page, Worker } from 'playwright-core';
import { launchWithExtension } from '../support/chromium.ts';
import { startDemoShop, type DemoShop } from '../demo-shop/server.ts';

export const ROOT = resolve(import.meta.dirname, '../..');
export const EXTENSION = join(ROOT, '.output/chrome-mv3');
/** The `--mode faults` build: the same extension with an IndexedDB fault layer (lib/db/fault-hooks.ts). */
export const FAULTS_EXTENSION = join(ROOT, '.output/chrome-mv3-faults');
export const ARTIFACTS = join(ROOT, 'test-results');

export interface Harness {
  context: BrowserContext;
  shop: DemoShop;
  extensionId: string;
  worker: Worker;
  /** The onboarding tab the install opened, when `launch({ keepOnboarding: true })` kept it. */
  onboarding?: Page;
  /** Opens an extension page (e.g. 'popup.html') in a new tab. */
  openExtensionPage(path: string): Promise<Page>;
  /** A message of the extension's _locales in the browser's UI language (Debian's chromium may lack zh-CN). */
  message(key: string): Promise<string>;
  /** Runs a function in the extension (its service worker, or an extension page after a worker stop). */
  evalInExtension<A, R>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
  /** Stops every service worker through the DevTools protocol, as Chrome does to an idle one. */
  stopServiceWorker(): Promise<void>;
  /** Writes one row of the `kv` table (settings, test-only switches). */
  writeKv(key: string, value: unknown): Promise<void>;
  /** Reads every row of a table of the extension's `kamiguard` database (Blobs come back as `{ blobSize }`). */
  readTable<T = Record<string, unknown>>(table: string): Promise<T[]>;
  /** The stored bytes of one evidence blob (its `blobs` row, by SHA-256), and the Blob's type. */
  readBlob(sha256: string): Promise<{ bytes: Buffer; type: string }>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  args?: string[];
  /** English UI, for screenshots of it (Chinese by default). */
  english?: boolean;
  /** The built extension to load (default `.output/chrome-mv3`). */
  extension?: string;
  /** A profile folder kept across launches (a browser restart); default a fresh temporary profile. */
  profileDir?: string;
  /** A demo shop already running (kept by `close()`), so that a relaunched browser sees the same shop origin. */
  shop?: DemoShop;
  /** Keep the onboarding tab the extension opens on install (closed at once by default). */
  keepOnboarding?: boolean;
}

export async function launch(options: HarnessOptions = {}): Promise<Harness> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const shop = options.shop ?? (await startDemoShop());
  // Chinese by default; `english` for screenshots of the English UI (Chromium on Linux reads LANGUAGE).
  const saved = process.env.LANGUAGE;
  if (options.english) process.env.LANGUAGE = 'en_US';
  const browser = await launchWithExtension(options.extension ?? EXTENSION, {
    chinese: !options.english,
    args: options.args,
    keepOnboarding: options.keepOnboarding,
    profileDir: options.profileDir,
  }).finally(() => {
    if (saved === undefined) delete process.env.LANGUAGE;
    else process.env.LANGUAGE = saved;
  });
  const { context } = browser;
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(worker.url()).host;

  /** Workers stopped by `stopServiceWorker`, whose handles Playwright keeps. */
  const stale = new Set<Worker>();
  let helperPage: Page | undefined;
  /**
   * Runs code in the extension: in its service worker while Playwright has a live handle on it, else in an extension
   * page (Playwright announces no new handle when Chrome restarts a stopped worker). A page is opened only then,
   * because it becomes the active tab.
   */
  const evalInExtension = async <A, R>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R> => {
    const live = context
      .serviceWorkers()
      .findLast((w) => !stale.has(w) && w.url().startsWith(`chrome-extension://${extensionId}/`));
    // (Playwright's own typing of the argument does not survive a generic wrapper: the casts only restore it.)
    if (live) return live.evaluate(fn as never, arg as never) as Promise<R>;
    if (!helperPage || helperPage.isClosed()) helperPage = await openExtensionPage('popup.html');
    return helperPage.evaluate(fn as never, arg as never) as Promise<R>;
  };
  const openExtensionPage = async (path: string): Promise<Page> => {
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/${path}`);
    return page;
  };

  return {
    context,
    shop,
    extensionId,
    worker,
    ...(browser.onboarding ? { onboarding: browser.onboarding } : {}),
    openExtensionPage,
    evalInExtension,
    async stopServiceWorker() {
      // The DevTools protocol sees the extension's worker from one of the extension's own pages.
      const page = await openExtensionPage('popup.html');
      const cdp = await context.newCDPSession(page);
      const stopped = new Promise<void>((resolvePromise) =>
        cdp.on('ServiceWorker.workerVersionUpdated', (e) => {
          if (e.versions.some((v) => v.scriptURL.includes(extensionId) && v.runningStatus === 'stopped'))
            resolvePromise();
        }),
      );
      await cdp.send('ServiceWorker.enable');
      await cdp.send('ServiceWorker.stopAllWorkers');
      await stopped;
      await cdp.detach();
      await page.close();
      // Playwright keeps the stopped worker's handle; never use it again.
      for (const w of context.serviceWorkers()) stale.add(w);
    },
    async writeKv(key, value) {
      // The extension creates the database at start-up; opening it before then would create an empty one.
      await waitFor(
        () => evalInExtension(async () => (await indexedDB.databases()).some((d) => d.name === 'kamiguard'), 0),
        Boolean,
      );
      await evalInExtension(
        ([k, v]) =>
          new Promise<void>((resolvePromise, reject) => {
            const open = indexedDB.open('kamiguard');
            open.onsuccess = () => {
              const tx = open.result.transaction('kv', 'readwrite');
              tx.objectStore('kv').put({ key: k, value: v });
              tx.oncomplete = () => {
                open.result.close();
                resolvePromise();
              };
              tx.onerror = () => reject(tx.error);
            };
            open.onerror = () => reject(open.error);
          }),
        [key, value] as const,
      );
    },
    message: (key) => evalInExtension((k) => chrome.i18n.getMessage(k), key),
    async readTable(table) {
      // Read through the service worker, not an extension page: a page would become the active tab and so hold
      // back the captures that wait for the shop tab to be visible.
      return evalInExtension(async (name): Promise<unknown[]> => {
        // Never let the test create the database: an empty one would block the extension's own schema upgrade.
        if (!(await indexedDB.databases()).some((d) => d.name === 'kamiguard')) return [];
        return new Promise((resolvePromise, reject) => {
          const open = indexedDB.open('kamiguard');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const db = open.result;
            try {
              if (!db.objectStoreNames.contains(name)) throw new Error(`no table ${name}`);
              const req = db.transaction(name, 'readonly').objectStore(name).getAll();
              // Blobs cannot cross to Node: replace them by their size.
              req.onsuccess = () =>
                resolvePromise(
                  req.result.map((row: Record<string, unknown>) =>
                    Object.fromEntries(
                      Object.entries(row).map(([k, v]) => [k, v instanceof Blob ? { blobSize: v.size } : v]),
                    ),
                  ),
                );
              req.onerror = () => reject(req.error);
            } catch (err) {
              reject(err);
            } finally {
              db.close();
            }
          };
        });
      }, table) as Promise<never[]>;
    },
    async readBlob(sha256) {
      const { base64, type } = await evalInExtension(async (key): Promise<{ base64: string; type: string }> => {
        const db: IDBDatabase = await new Promise((resolvePromise, reject) => {
          const open = indexedDB.open('kamiguard');
          open.onsuccess = () => resolvePromise(open.result);
          open.onerror = () => reject(open.error);
        });
        try {
          const row = await new Promise<{ data: Blob } | undefined>((resolvePromise, reject) => {
            const req = db.transaction('blobs', 'readonly').objectStore('blobs').get(key);
            req.onsuccess = () => resolvePromise(req.result as { data: Blob } | undefined);
            req.onerror = () => reject(req.error);
          });
          if (!row) throw new Error(`no blob ${key}`);
          // Blobs cannot cross to Node: base64 can.
          const bytes = new Uint8Array(await row.data.arrayBuffer());
          let binary = '';
          for (let i = 0; i < bytes.length; i += 0x8000)
            binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
          return { base64: btoa(binary), type: row.data.type };
        } finally {
          db.close();
        }
      }, sha256);
      return { bytes: Buffer.from(base64, 'base64'), type };
    },
    async close() {
      await browser.close();
      if (!options.shop) await shop.close();
    },
  };
}

/** Polls `read` until `accept` holds or the time is up; returns the last value read. */
export async function waitFor<T>(read: () => Promise<T>, accept: (v: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  let value = await read();
  while (!accept(value) && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 150));
    value = await read();
  }
  return value;
}

/** The extension scripts the page's renderer parsed while `work` ran (content scripts included), by file name. */
export async function scriptsParsed(page: Page, work: () => Promise<void>): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  const files: string[] = [];
  cdp.on('Debugger.scriptParsed', (e) => {
    const m = /^chrome-extension:\/\/[a-p]{32}\/(.+)$/.exec(e.url);
    if (m) files.push(m[1]!);
  });
  await cdp.send('Debugger.enable');
  try {
    await work();
  } finally {
    await cdp.detach();
  }
  return files;
}
