/**
 * Order pickup: DOM in, orders out. Pure (no extension APIs), runs in content scripts and in Node
 * under happy-dom. See shared DESIGN.md for the contract.
 */
import { cleanText, isOrderStatus, MAX_CONTACT, MAX_FIELD, MAX_KEY, MAX_KEYS } from './normalize';
import { MAX_ORDERS, type PlatformAdapter } from './platform';
import { ADAPTERS } from './platforms';
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

/** String fields and their caps. */
const TEXT_CAPS = {
  productName: MAX_FIELD,
  paymentMethod: MAX_FIELD,
  statusText: MAX_FIELD,
  currency: MAX_FIELD,
  contact: MAX_CONTACT,
} as const;

/** Defensive last pass over any adapter's output: valid shape, capped strings, nothing empty. */
const sanitize = (o: ExtractedOrder): ExtractedOrder | undefined => {
  if (!o || typeof o.orderNo !== 'string' || !isOrderStatus(o.status)) return undefined;
  const out: ExtractedOrder = { ...o, orderNo: cleanText(o.orderNo, 64), platform: cleanText(o.platform, 32) };
  if (!out.orderNo || !out.platform) return undefined;
  for (const [k, max] of Object.entries(TEXT_CAPS) as Array<[keyof typeof TEXT_CAPS, number]>) {
    if (out[k] !== undefined && !(out[k] = cleanText(out[k], max))) delete out[k];
  }
  if (out.cardKeys) {
    out.cardKeys = out.cardKeys
      .map((k) => cleanText(k, MAX_KEY))
      .filter(Boolean)
      .slice(0, MAX_KEYS);
    if (!out.cardKeys.length) delete out.cardKeys;
  }
  for (const k of ['amount', 'quantity'] as const) {
    const v = out[k];
    if (v !== undefined && !(Number.isFinite(v) && v >= 0)) delete out[k];
  }
  return out;
};

/** One entry per order number; a later duplicate only fills fields the first one lacks. */
const dedupe = (orders: readonly ExtractedOrder[]): ExtractedOrder[] => {
  const byNo = new Map<string, ExtractedOrder>();
  for (const raw of orders) {
    const o = sanitize(raw);
    if (!o) continue;
    const seen = byNo.get(o.orderNo);
    if (!seen) byNo.set(o.orderNo, o);
    else byNo.set(o.orderNo, { ...o, ...seen, status: seen.status === 'unknown' ? o.status : seen.status });
  }
  return [...byNo.values()].slice(0, MAX_ORDERS);
};

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
