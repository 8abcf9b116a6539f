/**
 * The background's side of snapshots (lib/background/snapshot.ts): the sender and data checked before anything is read,
 * the reading validated (it says what a hostile page made the extractor say), orders and payment stop pages passed on
 * with the page's sender, and a page repeating itself passed on once. And the offscreen document's keeper
 * (lib/offscreen.ts): one document for every user, closed once idle.
 */
import { describe, expect, it, vi } from 'vitest';
import { handlePageSnapshot, type SnapshotContext } from '@/lib/background/snapshot';
import type { ExtractedOrder } from '@/lib/extract/types';
import { offscreenKeeper, type OffscreenApi } from '@/lib/offscreen';

const OWN_ID = 'abcdefghijklmnopabcdefghijklmnop';
const OWN_ORIGIN = `chrome-extension://${OWN_ID}`;
const PAGE = 'https://shop.example.com/detail-order-sn/KG7Q2M9X4A1B3C5D';
const sender = { id: OWN_ID, url: PAGE, tab: { id: 7 }, frameId: 0 };
const order: ExtractedOrder = { platform: 'dujiaoka', orderNo: 'KG7Q2M9X4A1B3C5D', status: 'processing' };
const snapshot = (over: Record<string, unknown> = {}) => ({
  url: PAGE,
  pageId: 'k3j9x0',
  html: '<html><body>订单号 KG7Q2M9X4A1B3C5D</body></html>',
  values: [],
  hidden: [],
  ...over,
});

function context(reading: unknown): SnapshotContext & { seen: unknown[]; stops: unknown[]; reads: unknown[] } {
  const seen: unknown[] = [];
  const stops: unknown[] = [];
  const reads: unknown[] = [];
  return {
    ownId: OWN_ID,
    ownOrigin: OWN_ORIGIN,
    read: async (data) => {
      reads.push(data);
      return typeof reading === 'function' ? (reading as () => unknown)() : reading;
    },
    ordersSeen: async (data, s) => void seen.push([data, s]),
    paymentStopSeen: async (data, s) => void stops.push([data, s]),
    lastReports: new Map(),
    seen,
    stops,
    reads,
  };
}

describe('handlePageSnapshot', () => {
  it('passes the orders read, with the facts that go with them, on to ordersSeen with the page sender', async () => {
    const ctx = context({
      orders: [order],
      title: '订单详情',
      visibleText: '订单号 KG7Q2M9X4A1B3C5D',
      icp: '京ICP备12345678号',
    });
    expect(await handlePageSnapshot(snapshot(), sender, ctx)).toEqual({ orders: 1 });
    expect(ctx.reads).toEqual([{ url: PAGE, html: snapshot().html, values: [], hidden: [] }]);
    expect(ctx.seen).toEqual([
      [
        {
          orders: [order],
          url: PAGE,
          title: '订单详情',
          visibleText: '订单号 KG7Q2M9X4A1B3C5D',
          icp: '京ICP备12345678号',
        },
        sender,
      ],
    ]);
  });

  it('passes the same orders of the same page on once; another page life (a reload) or a change again', async () => {
    const ctx = context({ orders: [order] });
    await handlePageSnapshot(snapshot(), sender, ctx);
    await handlePageSnapshot(snapshot({ html: '<html><body>changed clock</body></html>' }), sender, ctx);
    expect(ctx.seen).toHaveLength(1);
    await handlePageSnapshot(snapshot({ pageId: 'reload1' }), sender, ctx);
    expect(ctx.seen).toHaveLength(2);
    await handlePageSnapshot(snapshot(), { ...sender, tab: { id: 8 } }, ctx);
    expect(ctx.seen).toHaveLength(3);
  });

  it('passes a payment stop page with a trade number on to paymentStopSeen, and nothing for one without', async () => {
    const ctx = context({ orders: [], paymentStop: { outcome: 'success', tradeNo: '2024060112000012345' } });
    await handlePageSnapshot(snapshot(), sender, ctx);
    expect(ctx.stops).toEqual([[{ url: PAGE, outcome: 'success', tradeNo: '2024060112000012345' }, sender]]);
    const none = context({ orders: [], paymentStop: { outcome: 'failure' } });
    await handlePageSnapshot(snapshot(), sender, none);
    expect([none.stops, none.seen]).toEqual([[], []]);
    const nothing = context({ orders: [] });
    expect(await handlePageSnapshot(snapshot(), sender, nothing)).toEqual({ orders: 0 });
    expect([nothing.stops, nothing.seen]).toEqual([[], []]);
  });

  it('asks the page to be read in the tab when its copy is not the page, and passes nothing on', async () => {
    const ctx = context({ orders: [], copyDiffers: true });
    expect(await handlePageSnapshot(snapshot(), sender, ctx)).toEqual({ orders: 0, readInTab: true });
    expect([ctx.seen, ctx.stops, [...ctx.lastReports]]).toEqual([[], [], []]);
  });

  it('refuses other senders, other pages and bad data before reading anything', async () => {
    const ctx = context({ orders: [order] });
    await expect(handlePageSnapshot(snapshot(), { ...sender, id: 'someone-else' }, ctx)).rejects.toThrow(
      /not from this extension/,
    );
    await expect(handlePageSnapshot(snapshot({ url: 'https://other.example.net/x' }), sender, ctx)).rejects.toThrow(
      /not the sender page/,
    );
    await expect(handlePageSnapshot(snapshot({ pageId: '<b>' }), sender, ctx)).rejects.toThrow(/pageId/);
    await expect(handlePageSnapshot(snapshot({ values: [[-1, 'x']] }), sender, ctx)).rejects.toThrow(/values/);
    await expect(handlePageSnapshot(snapshot({ html: 5 }), sender, ctx)).rejects.toThrow(/html/);
    expect(ctx.reads).toEqual([]);
  });

  it('refuses a reading that is not what the extractor gives (nothing passed on)', async () => {
    const ctx = context({ orders: [{ ...order, status: 'teleported' }] });
    await expect(handlePageSnapshot(snapshot(), sender, ctx)).rejects.toThrow(/Invalid message: orders/);
    const extra = context({ orders: [order], script: 'alert(1)' });
    await expect(handlePageSnapshot(snapshot(), sender, extra)).rejects.toThrow(/Invalid message/);
    expect([...ctx.seen, ...extra.seen]).toEqual([]);
  });

  it('forgets the oldest page first once it remembers many', async () => {
    const ctx = context({ orders: [order] });
    for (let i = 0; i < 205; i++) await handlePageSnapshot(snapshot({ pageId: `p${i}` }), sender, ctx);
    expect(ctx.lastReports.size).toBe(200);
    await handlePageSnapshot(snapshot({ pageId: 'p0' }), sender, ctx); // forgotten: passed on again
    await handlePageSnapshot(snapshot({ pageId: 'p204' }), sender, ctx); // remembered: not
    expect(ctx.seen).toHaveLength(206);
  });
});

/** Chromium's offscreen API as far as the keeper uses it: one document at most, as the real one allows. */
function fakeApi() {
  let open = false;
  const calls: string[] = [];
  const api: OffscreenApi = {
    offscreen: {
      createDocument: async () => {
        if (open) throw new Error('Only a single offscreen document may be created.');
        calls.push('create');
        open = true;
      },
      closeDocument: async () => {
        calls.push('close');
        open = false;
      },
      hasDocument: async () => open,
    },
    runtime: {},
  };
  return { api, calls, isOpen: () => open };
}

describe('offscreenKeeper', () => {
  it('opens one document for concurrent users and closes it once idle, not while in use', async () => {
    vi.useFakeTimers();
    try {
      const { api, calls, isOpen } = fakeApi();
      const keeper = offscreenKeeper(api, 30_000);
      let release!: () => void;
      const slow = keeper.use(() => new Promise<string>((resolve) => (release = () => resolve('slow'))));
      const fast = await Promise.all([keeper.use(async () => 'a'), keeper.use(async () => 'b')]);
      expect(fast).toEqual(['a', 'b']);
      await keeper.close(); // a run of checks is over, but the slow reading still needs the document
      await vi.advanceTimersByTimeAsync(60_000);
      expect(isOpen()).toBe(true);
      release();
      expect(await slow).toBe('slow');
      await vi.advanceTimersByTimeAsync(29_000);
      expect(isOpen()).toBe(true);
      await keeper.use(async () => 'again'); // used again: the idle time starts over
      await vi.advanceTimersByTimeAsync(29_000);
      expect(isOpen()).toBe(true);
      await vi.advanceTimersByTimeAsync(2_000);
      expect(isOpen()).toBe(false);
      expect(calls).toEqual(['create', 'close']);
      // After a close it opens again on the next use.
      await keeper.use(async () => undefined);
      expect(calls).toEqual(['create', 'close', 'create']);
      await keeper.close();
      expect(isOpen()).toBe(false);
    } finally {
      vi.useRealTimers();
    }
  });

  it('passes a failed use on, and still lets the document go', async () => {
    vi.useFakeTimers();
    try {
      const { api, isOpen } = fakeApi();
      const keeper = offscreenKeeper(api, 1_000);
      await expect(keeper.use(async () => Promise.reject(new Error('no receiver')))).rejects.toThrow('no receiver');
      await vi.advanceTimersByTimeAsync(1_500);
      expect(isOpen()).toBe(false);
    } finally {
      vi.useRealTimers();
    }
  });
});
