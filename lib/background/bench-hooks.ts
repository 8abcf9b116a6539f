import { browser } from 'wxt/browser';
import { upsertSighting, type KamiGuardDb } from '@/lib/db';
import {
  addEvidence,
  buildBundle,
  collectBundleOrder,
  compressImage,
  dataUrlToBlob,
  makeThumbnail,
} from '@/lib/evidence';
import type { CaptureDeps, CaptureStages, createCapturer } from './capture';
import type { BackgroundContext } from './wiring/context';

/**
 * Hooks for `npm run bench` only: the background installs them when built with `--mode bench`, and production
 * builds drop them. They time the real pipeline inside the browser, where the figures mean something.
 */
const pngOf = async (windowId: number): Promise<Blob> =>
  dataUrlToBlob(await browser.tabs.captureVisibleTab(windowId, { format: 'png' }));

export function installBenchHooks(
  db: KamiGuardDb,
  capturer: ReturnType<typeof createCapturer>,
  captureDeps: CaptureDeps,
  ctx: Pick<BackgroundContext, 'readSnapshot'>,
): void {
  let lastStages: CaptureStages | undefined;
  // Each reading of a shop page's snapshot, timed as the background waits for it (offscreen round trip included).
  const snapshotReads: number[] = [];
  const read = ctx.readSnapshot;
  ctx.readSnapshot = async (data) => {
    const start = performance.now();
    try {
      return await read(data);
    } finally {
      snapshotReads.push(performance.now() - start);
    }
  };
  captureDeps.onStages = (stages) => {
    lastStages = stages;
  };
  Object.assign(globalThis, {
    __kamiguardBench: {
      /** ms of each snapshot reading so far (lib/background/snapshot.ts), oldest first. */
      snapshotReads: (): number[] => [...snapshotReads],
      /** ms of a bare captureVisibleTab call (PNG data URL, as Chrome returns it), and the PNG's size. */
      async bareCapture(windowId: number): Promise<{ ms: number; bytes: number }> {
        const start = performance.now();
        const dataUrl = await browser.tabs.captureVisibleTab(windowId, { format: 'png' });
        const ms = performance.now() - start;
        return { ms, bytes: (await dataUrlToBlob(dataUrl)).size };
      },
      /** ms of the whole pipeline (capture, compress, hash, store) for one screenshot, its stages, and the stored size. */
      async pipelineCapture(windowId: number, tabId: number, orderId: number, url: string) {
        lastStages = undefined;
        const start = performance.now();
        const r = await capturer.captureNow(
          { orderId, tabId, kind: 'order_screenshot', source: 'manual', url, requestedAt: Date.now() },
          windowId,
        );
        const ms = performance.now() - start;
        const last = await db.evidence.orderBy('id').last();
        return { ms, ok: r.ok, bytes: last?.size ?? 0, mime: last?.mime, stages: lastStages };
      },
      /** Stores `count` distinct screenshots on a fresh order and times writing its bundle. */
      async bundle(windowId: number, count: number): Promise<{ ms: number; zipBytes: number; items: number }> {
        const { orderId } = await upsertSighting(db, {
          order: { platform: 'generic', orderNo: `BENCH${Date.now()}`, status: 'processing' },
          site: 'bench.invalid',
          url: 'https://bench.invalid/order',
          at: Date.now(),
        });
        const image = await compressImage(await pngOf(windowId));
        const bytes = new Uint8Array(await image.blob.arrayBuffer());
        for (let i = 0; i < count; i++) {
          const copy = bytes.slice();
          copy[copy.length - 1] = i % 256; // distinct bytes: identical ones would be stored once
          copy[copy.length - 2] = Math.floor(i / 256);
          await addEvidence(db, {
            orderId,
            kind: 'order_page',
            source: 'auto',
            bytes: new Blob([copy], { type: image.mime }),
            mime: image.mime,
            url: 'https://bench.invalid/order',
            capturedAt: Date.now(),
          });
        }
        const start = performance.now();
        const zip = await buildBundle({
          orders: [await collectBundleOrder(db, orderId)],
          generatedAt: Date.now(),
          makeThumbnail,
        });
        return { ms: performance.now() - start, zipBytes: zip.length, items: count };
      },
    },
  });
}
