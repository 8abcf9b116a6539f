/**
 * Order pickup: DOM in, orders out. Pure (no extension APIs), runs in content scripts and in Node
 * under happy-dom. See shared DESIGN.md for the contract.
 */
import type { PlatformAdapter } from './platform';
import { ADAPTERS } from './platforms';
import { dedupe } from './sanitize';
import type { ExtractedOrder } from './types';

export type { ExtractedOrder, OrderStatus } from './types';
export { ORDER_STATUSES } from './types';
export type { PlatformAdapter } from './platform';
export { parsePromisedWindowMinutes } from './normalize';

/** Options for {@link extractOrders}. */
export interface ExtractOptions {
  /** Called when an adapter throws (in detect or extract); the generic extractor runs next. */
  onAdapterError?: (id: string, err: unknown) => void;
  /** The adapter list; defaults to the registry (tests pass a broken adapter here). */
  adapters?: readonly PlatformAdapter[];
}

/**
 * Every order on the page, [] when it is not an order page. The first adapter whose detect() is true
 * extracts; if it throws, the error is reported (tagged with the adapter id) and the generic extractor
 * (the registry's last entry) runs instead. Never throws.
 */
export const extractOrders = (doc: Document, url: string | URL, options: ExtractOptions = {}): ExtractedOrder[] => {
  const adapters = options.adapters ?? ADAPTERS;
  const generic = adapters[adapters.length - 1]!;
  const report = (id: string, err: unknown): void => {
    try {
      options.onAdapterError?.(id, err);
    } catch {
      // A faulty listener must not turn extraction into a throw.
    }
  };
  let u: URL;
  try {
    // A URL object is copied: adapters only read it.
    u = new URL(url);
  } catch (err) {
    report('url', err);
    return [];
  }
  for (const a of adapters) {
    try {
      if (a.detect(doc, u)) return dedupe(a.extract(doc, u));
    } catch (err) {
      report(a.id, err);
      // The adapter recognised (or choked on) this page: let the generic extractor have a go.
      try {
        return a === generic ? [] : dedupe(generic.extract(doc, u));
      } catch (err2) {
        report(generic.id, err2);
        return [];
      }
    }
  }
  return [];
};
