/**
 * One background check of one order: one request, then what the answer is — the order as the page shows it, or the
 * reason it is not there (login, captcha, throttling, an error, a page without the order). Nothing is stored here.
 */
import type { FetchedSource } from '@/lib/background/orders-seen';
import type { OrderRecord, WatchResult } from '@/lib/db/types';
import type { ExtractedOrder } from '@/lib/extract/types';
import { ExtractedOrderSchema, parseMessage } from '@/lib/messaging/schemas';
import { decodeBody } from './decode';
import type { FetchOutcome } from './fetch-page';
import type { PageReading } from './page';
import { recipeFor, watchRequest, type WatchRequest } from './recipes';
import { parseRetryAfter } from './schedule';

/** A check that did not read the order. */
export type FailedResult = Exclude<WatchResult, 'changed' | 'unchanged'>;

/** What one check found. */
export type CheckFinding =
  | {
      ok: true;
      /** The watched order as the page shows it (validated like a content script's message). */
      order: ExtractedOrder;
      reading: PageReading;
      /** The order page's address, recorded as where the order was seen. */
      pageUrl: string;
      source: FetchedSource;
      httpStatus: number;
    }
  | { ok: false; result: FailedResult; httpStatus?: number; retryAfterMs?: number };

/** What a check needs from outside: the request, the DOM, the clock. */
export interface CheckDeps {
  fetchPage(req: WatchRequest): Promise<FetchOutcome>;
  /** Parses HTML and reads it (lib/watch/page.ts) where a DOM exists. */
  readPage(html: string, url: string, orderNo: string): Promise<PageReading>;
  now(): number;
}

/** Content types that can hold an order page or a query answer. */
const READABLE = /^(?:$|text\/|application\/(?:json|xhtml\+xml|xml|javascript)|[^;]*\+json)/i;
const MAX_MIME = 100;
const MAX_NOTE = 600;

const bareHost = (host: string): string => host.toLowerCase().replace(/^www\./, '');

/** Same shop: the same host, ignoring a leading "www." (shops redirect between the two). */
export function sameShop(url: string, site: string): boolean {
  try {
    return bareHost(new URL(url).host) === bareHost(site);
  } catch {
    return false;
  }
}

/** Checks one order. Never throws: anything unexpected is an 'unreadable' answer. */
export async function checkOrder(
  order: Pick<OrderRecord, 'platform' | 'orderNo' | 'site' | 'url' | 'urls'>,
  deps: CheckDeps,
): Promise<CheckFinding> {
  const req = watchRequest(order);
  const recipe = recipeFor(order.platform);
  if (!req || !recipe) return { ok: false, result: 'unreadable' };
  const requestedAt = deps.now();
  const fetched = await deps.fetchPage(req);
  if (!fetched.ok) return { ok: false, result: fetched.result };
  const answer = fetched.answer;
  const httpStatus = answer.status;
  const retryAfterMs = parseRetryAfter(answer.retryAfter, deps.now());
  if (httpStatus === 429) return { ok: false, result: 'rate_limited', httpStatus, retryAfterMs };
  if (!READABLE.test(answer.contentType.trim())) return { ok: false, result: 'unreadable', httpStatus };

  const text = decodeBody(answer.bytes, answer.contentType);
  const page = recipe.toPage ? recipe.toPage(text, order) : { html: text };
  if ('result' in page) return { ok: false, result: page.result, httpStatus, retryAfterMs };
  // A server page is read at its final address; a query answer as the page whose script asked for it.
  const pageUrl = req.pageUrl === req.url ? answer.finalUrl : req.pageUrl;
  let reading: PageReading;
  try {
    reading = await deps.readPage(page.html, pageUrl, order.orderNo);
  } catch {
    return { ok: false, result: 'unreadable', httpStatus };
  }

  const good = httpStatus >= 200 && httpStatus < 300 && sameShop(answer.finalUrl, order.site);
  const shown = reading.kind === 'order' ? reading.orders.find((o) => o.orderNo === order.orderNo) : undefined;
  if (good && shown) {
    let valid: ExtractedOrder;
    try {
      valid = parseMessage(ExtractedOrderSchema, shown);
    } catch {
      return { ok: false, result: 'unreadable', httpStatus };
    }
    const note = `${req.method} ${req.url}${req.body ? ` (${req.body})` : ''} → HTTP ${httpStatus}`;
    return {
      ok: true,
      order: valid,
      reading,
      pageUrl,
      httpStatus,
      source: {
        bytes: answer.bytes,
        mime: (answer.contentType || 'text/html').slice(0, MAX_MIME),
        url: answer.finalUrl,
        requestedAt,
        note: note.slice(0, MAX_NOTE),
      },
    };
  }
  if (reading.kind === 'login') return { ok: false, result: 'login', httpStatus };
  if (reading.kind === 'captcha') return { ok: false, result: 'captcha', httpStatus };
  if (httpStatus >= 400) return { ok: false, result: 'http_error', httpStatus, retryAfterMs };
  return { ok: false, result: 'missing', httpStatus };
}
