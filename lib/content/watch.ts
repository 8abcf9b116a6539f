import type { ExtractedOrder } from '@/lib/extract/types';

export interface WatchOptions {
  /** Reads the page; returns [] when there is no order on it. */
  extract: () => ExtractedOrder[];
  /** Called with orders whenever what the page shows differs from the last report. */
  report: (orders: ExtractedOrder[]) => void;
  /** Root to observe. */
  root: Node;
  /** Quiet time after the last DOM mutation before re-reading the page. */
  debounceMs?: number;
  /** Observation stops this long after start: a page that never shows an order is not watched forever. */
  maxWatchMs?: number;
  /** Upper bound on re-reads, whatever the page does. */
  maxReads?: number;
  setTimeout: (fn: () => void, ms: number) => number;
  clearTimeout: (id: number) => void;
}

/**
 * Reads the page whenever it has been quiet for `debounceMs` (no DOM change), reporting each distinct result once.
 * JS-rendered shops fill the order in after load and reveal card keys on a click, so one read at load is not enough;
 * the bounds keep the cost of watching a busy page small.
 *
 * What the page shows counts only once it holds still: the first read too waits for a quiet moment, and a page that
 * keeps rewriting itself (a status badge flickering between 处理中 and 已完成 every 50 ms) is not read at all until it
 * stops, then once, so the timeline gets its settled status and no storm of changes. A page that never stops is read
 * once when watching ends. Returns a stop function.
 */
export function watchOrders(o: WatchOptions): () => void {
  const debounceMs = o.debounceMs ?? 400;
  const maxReads = o.maxReads ?? 60;
  let reads = 0;
  let lastFingerprint = '';
  let pending: number | undefined;
  let stopped = false;

  const read = (): void => {
    pending = undefined;
    if (stopped) return;
    reads++;
    let orders: ExtractedOrder[] = [];
    try {
      orders = o.extract();
    } catch {
      orders = [];
    }
    if (orders.length) {
      const fingerprint = JSON.stringify(orders);
      if (fingerprint !== lastFingerprint) {
        lastFingerprint = fingerprint;
        o.report(orders);
      }
    }
    if (reads >= maxReads) stop();
  };

  const schedule = (): void => {
    if (pending !== undefined) o.clearTimeout(pending);
    pending = o.setTimeout(read, debounceMs);
  };
  const observer = new MutationObserver(() => {
    if (!stopped) schedule();
  });

  const stop = (): void => {
    if (stopped) return;
    stopped = true;
    observer.disconnect();
    if (pending !== undefined) o.clearTimeout(pending);
    o.clearTimeout(deadline);
  };

  observer.observe(o.root, {
    childList: true,
    subtree: true,
    characterData: true,
    attributes: true,
    attributeFilter: ['value', 'class', 'style'],
  });
  const deadline = o.setTimeout(
    () => {
      // Still changing when watching ends: what it shows now is all there will be.
      if (pending !== undefined) read();
      stop();
    },
    o.maxWatchMs ?? 5 * 60_000,
  );
  schedule();
  return stop;
}
