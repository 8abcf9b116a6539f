import type { KamiGuardDb } from '@/lib/db';
import { addEvidence, compressImage, StorageFullError, EvidenceWriteError, warmUpWebpEncoder } from '@/lib/evidence';
import {
  decide,
  enqueue,
  readQueue,
  requestKey,
  updateQueue,
  type CaptureRequest,
  type TabState,
} from './capture-queue';

/** What the capturer needs from the browser; the background passes the real APIs, tests pass fakes. */
export interface CaptureDeps {
  db: KamiGuardDb;
  tabState(tabId: number): Promise<TabState & { windowId?: number; title?: string }>;
  /** A tab showing `url` (a visible one first), for requests whose tab id is no longer known (`anyTab`). */
  findTab(url: string): Promise<TabState & { windowId?: number; title?: string }>;
  /** tabs.captureVisibleTab as a PNG Blob. */
  captureVisible(windowId: number): Promise<Blob>;
  compress?: typeof compressImage;
  now(): number;
  sleep(ms: number): Promise<void>;
  /** Where each stored capture's stage times go (ms; `npm run bench` prints them). */
  onStages?(stages: CaptureStages): void;
  /** Start-up work the queue must wait for (`forgetTabsAfterBrowserStart`). */
  ready?: Promise<void>;
  /** Called when a queued capture could not be stored (full disk, quota): the user is told. */
  onWriteError?(err: EvidenceWriteError, req: CaptureRequest): Promise<void> | void;
  /** The sentence naming what a failed write did not save, for a capture the user asked for. */
  describeWriteError?(err: EvidenceWriteError): Promise<string>;
}

/** How long one capture spent taking the screenshot, re-encoding it, and hashing + storing it. */
export interface CaptureStages {
  capture: number;
  compress: number;
  store: number;
}

/** Chrome allows two captureVisibleTab calls a second. */
export const MIN_CAPTURE_GAP_MS = 520;
const QUOTA_MESSAGE = 'MAX_CAPTURE_VISIBLE_TAB_CALLS_PER_SECOND';

/**
 * The capture queue's worker. Requests are persisted first (a service worker may stop at any time), then taken one
 * at a time, no faster than Chrome's limit; a request whose tab is hidden waits for `run()` to be called again
 * (on tab activation or window focus); one whose tab closed or left the page is dropped.
 */
export function createCapturer(deps: CaptureDeps): {
  request(req: CaptureRequest): Promise<void>;
  run(): Promise<void>;
  captureNow(req: CaptureRequest, windowId: number, title?: string): Promise<{ ok: boolean; error?: string }>;
} {
  let running: Promise<void> | undefined;
  let again = false;
  let lastCaptureAt = 0;
  const compress = deps.compress ?? compressImage;
  // The default compressor's WebAssembly encoder gets ready while Chrome takes the screenshot.
  const warmUp = deps.compress ? () => undefined : warmUpWebpEncoder;

  /** Takes, compresses and stores one screenshot; write errors go to `onWriteError` or, with `report` off, throw. */
  const captureOne = async (req: CaptureRequest, windowId: number, title?: string, report = true): Promise<boolean> => {
    for (let attempt = 0; ; attempt++) {
      const wait = lastCaptureAt + MIN_CAPTURE_GAP_MS - deps.now();
      if (wait > 0) await deps.sleep(wait);
      lastCaptureAt = deps.now();
      try {
        const t0 = performance.now();
        warmUp();
        const png = await deps.captureVisible(windowId);
        const t1 = performance.now();
        const image = await compress(png);
        const t2 = performance.now();
        await addEvidence(
          deps.db,
          {
            orderId: req.orderId,
            kind: req.kind,
            source: req.source,
            bytes: image.blob,
            mime: image.mime,
            url: req.url,
            pageTitle: title,
            capturedAt: lastCaptureAt,
          },
          { timelineEvent: true, now: lastCaptureAt },
        );
        deps.onStages?.({ capture: t1 - t0, compress: t2 - t1, store: performance.now() - t2 });
        return true;
      } catch (err) {
        if (report && (err instanceof EvidenceWriteError || err instanceof StorageFullError)) {
          await deps.onWriteError?.(err, req);
          return false;
        }
        if (String(err).includes(QUOTA_MESSAGE) && attempt < 3) {
          await deps.sleep(1000);
          continue;
        }
        throw err;
      }
    }
  };

  const drain = async (): Promise<void> => {
    await deps.ready;
    do {
      again = false;
      for (;;) {
        // Decide outside a transaction (the tab look-ups are not IndexedDB work), then change what was decided in
        // one that re-reads the queue, so a request added meanwhile is kept.
        const queue = await readQueue(deps.db);
        let next: { req: CaptureRequest; windowId: number; title?: string } | undefined;
        const dropped = new Set<string>();
        for (const req of queue) {
          const tab = req.anyTab ? await deps.findTab(req.url) : await deps.tabState(req.tabId);
          const decision = decide(req, tab, deps.now());
          if (decision === 'drop') dropped.add(requestKey(req));
          if (decision === 'capture' && tab.windowId !== undefined) {
            next = { req, windowId: tab.windowId, title: tab.title };
            break;
          }
        }
        const taking = next && requestKey(next.req);
        // The request being taken stays queued, its attempt counted, until it is stored: a worker stopped in the
        // middle of the capture leaves it for the next start to take again.
        if (dropped.size || taking)
          await updateQueue(deps.db, (q) =>
            q
              .filter((r) => !dropped.has(requestKey(r)))
              .map((r) => (requestKey(r) === taking ? { ...r, attempts: (r.attempts ?? 0) + 1 } : r)),
          );
        if (!next) break;
        try {
          await captureOne(next.req, next.windowId, next.title);
        } catch (err) {
          console.warn('[kamiguard] capture failed', err);
        } finally {
          await updateQueue(deps.db, (q) => q.filter((r) => requestKey(r) !== taking));
        }
      }
    } while (again);
  };

  const run = (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = drain().finally(() => {
      running = undefined;
    });
    return running;
  };

  return {
    /** Persists the request and starts the worker without waiting for it (`run()` returns the worker's promise). */
    async request(req) {
      await updateQueue(deps.db, (q) => enqueue(q, req));
      void run();
    },
    run,
    /** A capture the user asked for, of the tab in front of them: taken at once (within Chrome's rate limit). */
    async captureNow(req, windowId, title) {
      try {
        const stored = await captureOne(req, windowId, title, false);
        return stored ? { ok: true } : { ok: false, error: 'not stored' };
      } catch (err) {
        if (err instanceof EvidenceWriteError && deps.describeWriteError)
          return { ok: false, error: await deps.describeWriteError(err) };
        return { ok: false, error: err instanceof Error ? err.message : String(err) };
      }
    },
  };
}
