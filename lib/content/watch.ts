import type { ExtractedOrder } from '@/lib/extract/types';

export interface WatchOptions<T = ExtractedOrder> {
  /** Reads the page (its orders, or a snapshot of it); returns [] when there is nothing to report. */
  extract: () => T[];
  /** Called with what was read whenever it differs from the last report. */
  report: (items: T[]) => void;
  /** What "differs" compares (default: the items as JSON). */
  fingerprint?: (items: T[]) => string;
  /** Root to observe. */
  root: Node;
  /** Quiet time after the last DOM mutation before re-reading the page. */
  debounceMs?: number;
  /** Observation stops this long after start: a page that never shows an order is not watched forever. */
  maxWatchMs?: number;
  /** Upper bound on re-reads, whatever the page does. */
  maxReads?: number;
  /** Changes that are no change of the page (our own checkout panel entering it, its style as the buyer types). */
  ignore?: (record: MutationRecord) => boolean;
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
export function watchOrders<T = ExtractedOrder>(o: WatchOptions<T>): () => void {
  const debounceMs = o.debounceMs ?? 400;
  const maxReads = o.maxReads ?? 60;
  let reads = 0;
  let lastFingerprint = '';
  let pending: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  const read = (): void => {
    pending = undefined;
    if (stopped) return;
    reads++;
    let items: T[] = [];
    try {
      items = o.extract();
    } catch {
      items = [];
    }
    if (items.length) {
      const fingerprint = (o.fingerprint ?? JSON.stringify)(items);
      if (fingerprint !== lastFingerprint) {
        lastFingerprint = fingerprint;
        o.report(items);
      }
    }
    if (reads >= maxReads) stop();
  };

  const schedule = (): void => {
    if (pending !== undefined) clearTimeout(pending);
    pending = setTimeout(read, debounceMs);
  };
  const observer = new MutationObserver((records) => {
    if (!stopped && !(o.ignore && records.every(o.ignore))) schedule();
  });

  const stop = (): void => {
    if (stopped) return;
    stopped = true;
    observer.disconnect();
    if (pending !== undefined) clearTimeout(pending);
    clearTimeout(deadline);
  };

  observer.observe(o.root, {
    childList: true,
    subtree: true,
    characterData: true,
    attributes: true,
    attributeFilter: ['value', 'class', 'style'],
  });
  const deadline = setTimeout(
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
