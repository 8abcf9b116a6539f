/**
 * The one request of a check. It goes out as the buyer's browser would send a reload: with the buyer's cookies for
 * that shop (`credentials: 'include'`; the host permission makes it a same-site request for the cookie rules), the
 * browser's own user agent, no cache; redirects are followed. It is bounded in time and size, and never retried here:
 * a failure is one failed check, and the schedule's back-off decides when to look again.
 */
import type { WatchRequest } from './recipes';

/** An answer, read whole (up to the size bound). */
export interface FetchedAnswer {
  status: number;
  /** After redirects. */
  finalUrl: string;
  contentType: string;
  bytes: Uint8Array;
  /** The Retry-After header, as sent. */
  retryAfter?: string;
}

export type FetchOutcome =
  { ok: true; answer: FetchedAnswer } | { ok: false; result: 'network' | 'unreadable'; detail: string };

/**
 * Longer than any order page takes; shorter than the 30 s a Chromium service worker may sit without an extension event
 * (a fetch is not one), so a slow shop cannot get the worker stopped in the middle of a run.
 */
export const FETCH_TIMEOUT_MS = 20_000;
/** Order pages are tens of KB; a page beyond this is not read (and not kept as evidence). */
export const MAX_BODY_BYTES = 4 * 1024 * 1024;

export interface FetchOptions {
  fetch?: typeof fetch;
  timeoutMs?: number;
  maxBytes?: number;
}

/** Sends the request and reads the answer. Never throws. */
export async function fetchOrderPage(req: WatchRequest, options: FetchOptions = {}): Promise<FetchOutcome> {
  const doFetch = options.fetch ?? fetch;
  let response: Response;
  try {
    response = await doFetch(req.url, {
      method: req.method,
      body: req.body,
      headers: req.headers,
      credentials: 'include',
      redirect: 'follow',
      cache: 'no-store',
      // The extension's own address is nobody's business.
      referrerPolicy: 'no-referrer',
      signal: AbortSignal.timeout(options.timeoutMs ?? FETCH_TIMEOUT_MS),
    });
  } catch (error) {
    return { ok: false, result: 'network', detail: error instanceof Error ? error.message : String(error) };
  }
  const bytes = await readBounded(response, options.maxBytes ?? MAX_BODY_BYTES).catch(() => undefined);
  if (bytes === undefined) return { ok: false, result: 'unreadable', detail: 'body too large or cut off' };
  return {
    ok: true,
    answer: {
      status: response.status,
      finalUrl: response.url || req.url,
      contentType: response.headers.get('content-type') ?? '',
      bytes,
      ...(response.headers.get('retry-after') ? { retryAfter: response.headers.get('retry-after')! } : {}),
    },
  };
}

/** The body, or a rejection when it is larger than `max` (reading stops there: a huge page is not downloaded). */
async function readBounded(response: Response, max: number): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > max) {
    await response.body?.cancel().catch(() => undefined);
    throw new Error('too large');
  }
  if (!response.body) return new Uint8Array(await response.arrayBuffer());
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => undefined);
      throw new Error('too large');
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}
