/**
 * What every part of the background's wiring shares: the database, the browser APIs as the reminders type them, our
 * own id and origin for sender checks, and the few services several listeners use (the capture queue, the timestamp
 * and watch dependencies). Made once per worker start; nothing in it holds state that must survive the worker.
 */
import { browser } from 'wxt/browser';
import { getDb, type KamiGuardDb } from '@/lib/db';
import { afterSighting } from '@/lib/background/after-sighting';
import { createCapturer, type CaptureDeps } from '@/lib/background/capture';
import { browserCaptureDeps } from '@/lib/background/capture-deps';
import { autoStampAfterStatusChange } from '@/lib/background/timestamp';
import { sendMessage } from '@/lib/messaging/protocol';
import { checkSender } from '@/lib/messaging/sender';
import { rebuildAlarms, rescheduleOrder, type ReminderBrowser } from '@/lib/reminders';
import {
  fetchOrderPage,
  localReader,
  offscreenReader,
  rebuildWatch,
  syncWatchOrder,
  type WatchRunDeps,
} from '@/lib/watch';
import { offscreenKeeper, type OffscreenApi } from '@/lib/offscreen';
import { readShopPage } from '@/lib/snapshot-reader';
import type { ReadSnapshotData } from '@/lib/messaging/schemas';

/** The capture queue's worker (lib/background/capture.ts). */
export type Capturer = ReturnType<typeof createCapturer>;

export interface BackgroundContext {
  db: KamiGuardDb;
  api: ReminderBrowser;
  ownId: string;
  ownOrigin: string;
  /** Throws unless the message came from one of our own extension pages (popup, options, onboarding …). */
  fromExtensionPage(sender: Parameters<typeof checkSender>[0]): void;
  captureDeps: CaptureDeps;
  capturer: Capturer;
  /** Trusted timestamps: the only requests to anyone but the shops, on the buyer's click or opt-in setting. */
  stampDeps: { db: KamiGuardDb; now: () => number };
  watchDeps: WatchRunDeps;
  /**
   * Reads a shop page's snapshot where a DOM exists (lib/background/snapshot.ts validates the answer): here in Firefox's
   * event page, in the offscreen document from Chromium's service worker.
   */
  readSnapshot(data: ReadSnapshotData): Promise<unknown>;
  /** An order's clock or watch may have changed: re-arm its reminder alarm and its background check. */
  orderChanged(orderId: number): Promise<void>;
  /** Every reminder alarm and every watch row, from the database (start-up, settings saved). */
  rebuildAll(replan?: boolean): Promise<void>;
}

/** Reads a shop page's snapshot in this context (Firefox's event page has a DOM). */
const readSnapshotHere = async (data: ReadSnapshotData): Promise<unknown> => readShopPage(data);

export function createBackgroundContext(): BackgroundContext {
  const db = getDb();
  const api = browser as unknown as ReminderBrowser;
  const ownId = browser.runtime.id;
  const base = new URL(browser.runtime.getURL('/'));
  const ownOrigin = `${base.protocol}//${base.host}`;
  const captureDeps = browserCaptureDeps(db);
  const stampDeps = { db, now: Date.now };
  const reschedule = (id: number): Promise<void> => rescheduleOrder(db, api, id, Date.now()).then(() => undefined);
  // Pages are parsed where a DOM exists: here in Firefox's event page, in the offscreen document from Chromium's
  // service worker (fetched order pages for background checks, and the snapshots of shop pages open in tabs).
  const offscreen = typeof DOMParser === 'function' ? undefined : offscreenKeeper(chrome as unknown as OffscreenApi);
  const pageReader = offscreen ? offscreenReader(offscreen, (data) => sendMessage('parsePage', data)) : localReader;
  const readSnapshotThere = (data: ReadSnapshotData): Promise<unknown> =>
    offscreen!.use(() => sendMessage('readSnapshot', data));
  const watchDeps: WatchRunDeps = {
    db,
    browser: api,
    fetchPage: (req) => fetchOrderPage(req),
    readPage: (html, url, orderNo) => pageReader.readPage(html, url, orderNo),
    finished: () => pageReader.release(),
    now: () => Date.now(),
    random: Math.random,
    // A check's sighting gets the visit's evidence and reminder steps; it has no tab, so nothing to capture.
    afterStore: (after, now) =>
      afterSighting(after, {
        db,
        now,
        requestCapture: async () => undefined,
        reschedule,
        statusChanged: (id) => void autoStampAfterStatusChange(stampDeps, id),
      }),
  };
  return {
    db,
    api,
    ownId,
    ownOrigin,
    fromExtensionPage: (sender) => void checkSender(sender, 'extension-page', ownId, ownOrigin),
    captureDeps,
    capturer: createCapturer(captureDeps),
    stampDeps,
    watchDeps,
    readSnapshot: offscreen ? readSnapshotThere : readSnapshotHere,
    async orderChanged(orderId) {
      await reschedule(orderId);
      await syncWatchOrder(db, api, orderId, Date.now());
    },
    async rebuildAll(replan = false) {
      await rebuildAlarms(db, api, Date.now());
      await rebuildWatch(db, api, Date.now(), Math.random, { replan });
    },
  };
}
