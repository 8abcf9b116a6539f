// @vitest-environment node
// (fake-indexeddb under happy-dom cannot store Blobs; the evidence store keeps screenshots as Blobs.)
import { describe, expect, it } from 'vitest';
import { createCapturer, MIN_CAPTURE_GAP_MS, type CaptureDeps } from '@/lib/background/capture';
import { freshDb } from './fresh-db';
import {
  decide,
  enqueue,
  forgetTabs,
  MAX_ATTEMPTS,
  readQueue,
  updateQueue,
  type CaptureRequest,
  type TabState,
} from '@/lib/background/capture-queue';
import { afterSighting } from '@/lib/background/after-sighting';
import { upsertSighting, type KamiGuardDb } from '@/lib/db';

const URL_A = 'https://shop.example.com/detail-order-sn/A';
const req = (over: Partial<CaptureRequest> = {}): CaptureRequest => ({
  orderId: 1,
  tabId: 7,
  kind: 'order_page',
  source: 'auto',
  url: URL_A,
  requestedAt: 1_000,
  ...over,
});

describe('capture queue decisions', () => {
  it('captures a visible tab on the same page, waits for a hidden one, drops a closed or moved-on tab', () => {
    expect(decide(req(), { exists: true, url: URL_A, visible: true }, 2_000)).toBe('capture');
    expect(decide(req(), { exists: true, url: `${URL_A}#top`, visible: true }, 2_000)).toBe('capture');
    expect(decide(req(), { exists: true, url: URL_A, visible: false }, 2_000)).toBe('wait');
    expect(decide(req(), { exists: false, visible: false }, 2_000)).toBe('drop');
    expect(decide(req(), { exists: true, url: 'https://shop.example.com/', visible: true }, 2_000)).toBe('drop');
    expect(decide(req(), { exists: true, url: URL_A, visible: false }, 1_000 + 25 * 3600_000)).toBe('drop');
  });

  it('after a browser restart, waits for any tab to show the page instead of dropping the request', () => {
    const [restarted] = forgetTabs([req()]);
    expect(restarted).toMatchObject({ anyTab: true, tabId: 7 });
    expect(decide(restarted!, { exists: false, visible: false }, 2_000)).toBe('wait');
    expect(decide(restarted!, { exists: true, url: URL_A, visible: true }, 2_000)).toBe('capture');
    expect(decide(restarted!, { exists: false, visible: false }, 1_000 + 25 * 3600_000)).toBe('drop');
  });

  it('gives up a request whose capture began too often without finishing', () => {
    const visible = { exists: true, url: URL_A, visible: true };
    expect(decide(req({ attempts: MAX_ATTEMPTS - 1 }), visible, 2_000)).toBe('capture');
    expect(decide(req({ attempts: MAX_ATTEMPTS }), visible, 2_000)).toBe('drop');
  });

  it('does not queue the same automatic capture twice, but keeps manual ones', () => {
    const q = enqueue(enqueue([], req()), req({ requestedAt: 2_000 }));
    expect(q).toHaveLength(1);
    expect(q[0]!.requestedAt).toBe(2_000);
    expect(enqueue(q, req({ source: 'manual' }))).toHaveLength(2);
  });
});

/** A fake browser: tabs with visibility, a clock that sleeps instantly, captures that return fixed PNG bytes. */
function fakeDeps(db: KamiGuardDb, tabs: Map<number, TabState & { windowId?: number }>) {
  let clock = 10_000;
  const captures: number[] = [];
  const errors: string[] = [];
  const deps: CaptureDeps = {
    db,
    tabState: async (id) => tabs.get(id) ?? { exists: false, visible: false },
    findTab: async (url) =>
      [...tabs.values()].find((t) => t.url === url && t.visible) ??
      [...tabs.values()].find((t) => t.url === url) ?? { exists: false, visible: false },
    captureVisible: async () => {
      captures.push(clock);
      return new Blob([new Uint8Array([137, 80, 78, 71, captures.length])], { type: 'image/png' });
    },
    compress: async (blob) => ({ blob, mime: blob.type, compressed: false, lossless: true }),
    now: () => clock,
    sleep: async (ms) => {
      clock += ms;
    },
    onWriteError: (err) => void errors.push(err.message),
  };
  return { deps, captures, errors };
}

/** Order A, picked up from URL_A. */
async function seenOrder(db: KamiGuardDb): Promise<number> {
  const { orderId } = await upsertSighting(db, {
    order: { platform: 'generic', orderNo: 'A', status: 'paid' },
    site: 's',
    url: URL_A,
    at: 1,
  });
  return orderId;
}

describe('createCapturer', () => {
  it('stores a screenshot per request, no faster than Chrome allows, with a timeline event', async () => {
    const db = freshDb();
    const { orderId } = await upsertSighting(db, {
      order: { platform: 'dujiaoka', orderNo: 'A', status: 'paid' },
      site: 'shop.example.com',
      url: URL_A,
      at: 1_000,
    });
    const tabs = new Map([[7, { exists: true, url: URL_A, visible: true, windowId: 1 }]]);
    const { deps, captures } = fakeDeps(db, tabs);
    const capturer = createCapturer(deps);
    await capturer.request(req({ orderId, kind: 'order_page' }));
    await capturer.request(req({ orderId, kind: 'order_screenshot', source: 'manual' }));
    await capturer.run();
    expect(captures).toHaveLength(2);
    expect(captures[1]! - captures[0]!).toBeGreaterThanOrEqual(MIN_CAPTURE_GAP_MS);
    const evidence = await db.evidence.toArray();
    expect(evidence.map((e) => [e.kind, e.source])).toEqual([
      ['order_page', 'auto'],
      ['order_screenshot', 'manual'],
    ]);
    expect((await db.events.where('orderId').equals(orderId).toArray()).map((e) => e.kind)).toContain('evidence_added');
    expect(await readQueue(db)).toEqual([]);
  });

  it('keeps a request for a hidden tab in the database until the tab is shown', async () => {
    const db = freshDb();
    const tabs = new Map([[7, { exists: true, url: URL_A, visible: false, windowId: 1 }]]);
    const { deps, captures } = fakeDeps(db, tabs);
    await upsertSighting(db, {
      order: { platform: 'generic', orderNo: 'A', status: 'paid' },
      site: 's',
      url: URL_A,
      at: 1,
    });
    const capturer = createCapturer(deps);
    await capturer.request(req());
    await capturer.run();
    expect(captures).toHaveLength(0);
    expect(await readQueue(db)).toHaveLength(1);

    // A "restarted service worker": a new capturer over the same database takes it when the tab is visible.
    tabs.set(7, { exists: true, url: URL_A, visible: true, windowId: 1 });
    await createCapturer(deps).run();
    expect(captures).toHaveLength(1);
    expect(await readQueue(db)).toEqual([]);
  });

  it('a worker stopped in the middle of a capture leaves the request queued; the next worker takes it', async () => {
    const db = freshDb();
    const orderId = await seenOrder(db);
    const tabs = new Map([[7, { exists: true, url: URL_A, visible: true, windowId: 1 }]]);
    const { deps, captures } = fakeDeps(db, tabs);
    // The first worker never gets past the screenshot: it is stopped there.
    let reached!: () => void;
    const atCapture = new Promise<void>((resolve) => (reached = resolve));
    const dying = createCapturer({
      ...deps,
      captureVisible: () => {
        reached();
        return new Promise<Blob>(() => undefined);
      },
    });
    void dying.request(req({ orderId }));
    await atCapture;
    expect(await readQueue(db)).toEqual([expect.objectContaining({ orderId, attempts: 1 })]);

    await createCapturer(deps).run();
    expect(captures).toHaveLength(1);
    expect(await db.evidence.where('orderId').equals(orderId).count()).toBe(1);
    expect(await readQueue(db)).toEqual([]);
  });

  it('after a browser restart, captures a waiting request in the new tab that shows its page', async () => {
    const db = freshDb();
    const orderId = await seenOrder(db);
    // Tab 7 is gone with the old browser; tab 7 of the new one shows another page.
    const tabs = new Map([[7, { exists: true, url: 'https://news.example.com/', visible: true, windowId: 1 }]]);
    const { deps, captures } = fakeDeps(db, tabs);
    await updateQueue(db, (q) => forgetTabs(enqueue(q, req({ orderId, requestedAt: 9_000 }))));
    await createCapturer(deps).run();
    expect(captures).toHaveLength(0);
    expect(await readQueue(db)).toHaveLength(1);

    tabs.set(3, { exists: true, url: URL_A, visible: true, windowId: 2 });
    await createCapturer(deps).run();
    expect(captures).toHaveLength(1);
    expect(await readQueue(db)).toEqual([]);
  });

  it('reports a write that fails instead of losing it silently', async () => {
    const db = freshDb();
    const tabs = new Map([[7, { exists: true, url: URL_A, visible: true, windowId: 1 }]]);
    const { deps, errors } = fakeDeps(db, tabs);
    // Order 99 does not exist: the evidence store refuses the write.
    const capturer = createCapturer(deps);
    await capturer.request(req({ orderId: 99 }));
    await capturer.run();
    expect(errors).toHaveLength(1);
    expect(await db.evidence.count()).toBe(0);
  });

  it('retries when Chrome says the capture quota is exceeded', async () => {
    const db = freshDb();
    const tabs = new Map([[7, { exists: true, url: URL_A, visible: true, windowId: 1 }]]);
    const { deps } = fakeDeps(db, tabs);
    await upsertSighting(db, {
      order: { platform: 'generic', orderNo: 'A', status: 'paid' },
      site: 's',
      url: URL_A,
      at: 1,
    });
    let calls = 0;
    const inner = deps.captureVisible;
    deps.captureVisible = async (w) => {
      if (calls++ === 0) throw new Error('This request exceeds the MAX_CAPTURE_VISIBLE_TAB_CALLS_PER_SECOND quota.');
      return inner(w);
    };
    expect(await createCapturer(deps).captureNow(req({ source: 'manual' }), 1)).toEqual({ ok: true });
    expect(calls).toBe(2);
  });
});

describe('afterSighting', () => {
  it('stores a text record and queues a screenshot for a new order and a status change only', async () => {
    const db = freshDb();
    const requested: CaptureRequest[] = [];
    const rescheduled: number[] = [];
    const deps = {
      db,
      now: 5_000,
      requestCapture: async (r: CaptureRequest) => void requested.push(r),
      reschedule: async (id: number) => void rescheduled.push(id),
    };
    const order = { platform: 'dujiaoka', orderNo: 'A', status: 'processing' as const, productName: '<b>x</b>' };
    const first = await upsertSighting(db, { order, site: 'shop.example.com', url: URL_A, at: 5_000 });
    await afterSighting(
      { stored: [{ order, result: first }], linkedIds: [], tabId: 7, url: URL_A, title: 't', visibleText: '订单号 A' },
      deps,
    );
    const again = await upsertSighting(db, { order, site: 'shop.example.com', url: URL_A, at: 6_000 });
    await afterSighting({ stored: [{ order, result: again }], linkedIds: [], tabId: 7, url: URL_A }, deps);

    expect(requested).toHaveLength(1);
    expect(requested[0]).toMatchObject({ orderId: first.orderId, tabId: 7, kind: 'order_page', source: 'auto' });
    const texts = await db.evidence.where('kind').equals('order_text').toArray();
    expect(texts).toHaveLength(1);
    expect(rescheduled).toEqual([first.orderId]);
  });
});
