/**
 * The last pass over any adapter's output (extractOrders, lib/extract/index.ts): valid shape, capped strings, one entry
 * per order number.
 */
import { cleanText, isOrderStatus, MAX_CONTACT, MAX_FIELD, MAX_KEY, MAX_KEYS } from './normalize';
import { MAX_ORDERS } from './platform';
import type { ExtractedOrder } from './types';

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
export const dedupe = (orders: readonly ExtractedOrder[]): ExtractedOrder[] => {
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
