import { afterEach, describe, expect, it, vi } from 'vitest';
import { watchOrders } from '@/lib/content/watch';
import type { ExtractedOrder } from '@/lib/extract/types';

const order = (status: ExtractedOrder['status']): ExtractedOrder => ({ platform: 'generic', orderNo: 'A1', status });

afterEach(() => {
  vi.useRealTimers();
  document.body.innerHTML = '';
});

function setup(extract: () => ExtractedOrder[], over: { maxWatchMs?: number; maxReads?: number } = {}) {
  vi.useFakeTimers();
  const reports: ExtractedOrder[][] = [];
  const stop = watchOrders({
    root: document.body,
    extract,
    report: (o) => reports.push(o),
    debounceMs: 100,
    ...over,
  });
  return { reports, stop };
}

describe('watchOrders', () => {
  it('reports an order rendered after load, and again only when it changes', async () => {
    let current: ExtractedOrder[] = [];
    const { reports, stop } = setup(() => current);
    expect(reports).toHaveLength(0);

    current = [order('paid')];
    document.body.append(document.createElement('div'));
    await vi.advanceTimersByTimeAsync(150);
    expect(reports).toEqual([[order('paid')]]);

    document.body.append(document.createElement('div'));
    await vi.advanceTimersByTimeAsync(150);
    expect(reports).toHaveLength(1); // same content: not reported twice

    current = [order('delivered')];
    document.body.append(document.createElement('span'));
    await vi.advanceTimersByTimeAsync(150);
    expect(reports.at(-1)).toEqual([order('delivered')]);
    stop();
  });

  it('debounces bursts of mutations into one read', async () => {
    const extract = vi.fn((): ExtractedOrder[] => []);
    setup(extract);
    for (let i = 0; i < 20; i++) {
      document.body.append(document.createElement('p'));
      await vi.advanceTimersByTimeAsync(10);
    }
    await vi.advanceTimersByTimeAsync(150);
    expect(extract).toHaveBeenCalledTimes(1); // the burst began before the first quiet moment: one read after it
  });

  it('reads a quiet page once it has held still for the debounce period, not before', async () => {
    const extract = vi.fn((): ExtractedOrder[] => [order('paid')]);
    const { reports } = setup(extract);
    await vi.advanceTimersByTimeAsync(90);
    expect(extract).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(20);
    expect(reports).toEqual([[order('paid')]]);
  });

  it('a status flickering while the page rewrites itself is reported once, as it finally stands', async () => {
    const badge = document.createElement('span');
    document.body.append(badge);
    const extract = vi.fn((): ExtractedOrder[] => [order(badge.textContent === '已完成' ? 'delivered' : 'processing')]);
    const { reports } = setup(extract);
    for (let i = 0; i < 200; i++) {
      badge.textContent = i % 2 ? '已完成' : '处理中';
      document.body.append(document.createElement('i'));
      await vi.advanceTimersByTimeAsync(10);
    }
    expect(extract).not.toHaveBeenCalled();
    badge.textContent = '处理中';
    await vi.advanceTimersByTimeAsync(150);
    expect(extract).toHaveBeenCalledTimes(1);
    expect(reports).toEqual([[order('processing')]]);
  });

  it('reads a page that never holds still once, when watching ends', async () => {
    const extract = vi.fn((): ExtractedOrder[] => [order('processing')]);
    const { reports } = setup(extract, { maxWatchMs: 1_000 });
    for (let i = 0; i < 150; i++) {
      document.body.append(document.createElement('p'));
      await vi.advanceTimersByTimeAsync(10);
    }
    expect(reports).toEqual([[order('processing')]]);
    expect(extract).toHaveBeenCalledTimes(1);
  });

  it('stops observing after the time limit and after the read limit', async () => {
    const extract = vi.fn((): ExtractedOrder[] => []);
    setup(extract, { maxWatchMs: 1_000 });
    await vi.advanceTimersByTimeAsync(1_100);
    document.body.append(document.createElement('p'));
    await vi.advanceTimersByTimeAsync(200);
    expect(extract).toHaveBeenCalledTimes(1);

    const extract2 = vi.fn((): ExtractedOrder[] => []);
    setup(extract2, { maxReads: 3 });
    for (let i = 0; i < 10; i++) {
      document.body.append(document.createElement('p'));
      await vi.advanceTimersByTimeAsync(150);
    }
    expect(extract2).toHaveBeenCalledTimes(3);
  });

  it('survives an extractor that throws', async () => {
    const { reports } = setup(() => {
      throw new Error('broken page');
    });
    document.body.append(document.createElement('p'));
    await vi.advanceTimersByTimeAsync(150);
    expect(reports).toEqual([]);
  });
});
