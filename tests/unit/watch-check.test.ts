/** One background check: one request, then the order as its page shows it, or why it is not there. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { checkOrder, sameShop, type CheckDeps } from '@/lib/watch/check';
import { localReader } from '@/lib/watch/dom';
import type { FetchedAnswer } from '@/lib/watch/fetch-page';
import type { WatchRequest } from '@/lib/watch/recipes';
import { FIXTURE_ROOT } from './extract-fixture-files';

const F = 'dujiaoka/avatar-detail-manual-pending';
const html = readFileSync(join(FIXTURE_ROOT, `${F}.html`), 'utf8').replace(/<link[^>]*>/g, '');
const { url: URL_, orders } = JSON.parse(readFileSync(join(FIXTURE_ROOT, `${F}.json`), 'utf8')) as {
  url: string;
  orders: { orderNo: string; status: string }[];
};
const ORDER = {
  platform: 'dujiaoka',
  orderNo: orders[0]!.orderNo,
  site: new URL(URL_).host,
  url: URL_,
  urls: [URL_],
};
const T = 1_750_000_000_000;

/** A check whose one request gets `answer` (or throws), reading pages with this test's DOMParser. */
function deps(answer: Partial<FetchedAnswer> & { body?: string }): CheckDeps & { fetchPage: ReturnType<typeof vi.fn> } {
  const fetchPage = vi.fn(async (req: WatchRequest) => ({
    ok: true as const,
    answer: {
      status: 200,
      finalUrl: req.url,
      contentType: 'text/html; charset=utf-8',
      bytes: new TextEncoder().encode(answer.body ?? html),
      ...answer,
    },
  }));
  return { fetchPage, readPage: localReader.readPage, now: () => T };
}

describe('a check', () => {
  it('finds the order as its page shows it, with the page itself as evidence', async () => {
    const d = deps({});
    const found = await checkOrder(ORDER, d);
    expect(d.fetchPage).toHaveBeenCalledTimes(1);
    expect(found.ok).toBe(true);
    if (!found.ok) return;
    expect(found.order).toEqual(orders[0]);
    expect(found.pageUrl).toBe(URL_);
    expect(found.source).toMatchObject({ url: URL_, requestedAt: T, mime: 'text/html; charset=utf-8' });
    expect(new TextDecoder().decode(found.source.bytes)).toBe(html);
    expect(found.source.note).toBe(`GET ${URL_} → HTTP 200`);
  });

  it('throttling, with the server’s Retry-After', async () => {
    expect(await checkOrder(ORDER, deps({ status: 429, retryAfter: '600' }))).toEqual({
      ok: false,
      result: 'rate_limited',
      httpStatus: 429,
      retryAfterMs: 600_000,
    });
  });

  it('a server error, even when the error page repeats the order', async () => {
    expect(await checkOrder(ORDER, deps({ status: 500, body: '<h1>500</h1>' }))).toMatchObject({
      ok: false,
      result: 'http_error',
      httpStatus: 500,
    });
    expect(await checkOrder(ORDER, deps({ status: 503 }))).toMatchObject({ ok: false, result: 'http_error' });
  });

  it('a login page and a captcha page', async () => {
    const login =
      '<title>登录</title><form><input name="u"><input type="password" name="p"><button>登录</button></form>';
    expect(await checkOrder(ORDER, deps({ body: login }))).toMatchObject({ ok: false, result: 'login' });
    // A WAF's challenge comes with 403/503: still a captcha, not an error.
    const challenge = '<title>Just a moment...</title><div id="challenge-form"></div>';
    expect(await checkOrder(ORDER, deps({ status: 403, body: challenge }))).toMatchObject({
      ok: false,
      result: 'captcha',
      httpStatus: 403,
    });
  });

  it('a page without the order, and a page on another site, are "missing"', async () => {
    expect(await checkOrder(ORDER, deps({ body: '<h5>订单不存在</h5>' }))).toMatchObject({
      ok: false,
      result: 'missing',
    });
    expect(await checkOrder(ORDER, deps({ finalUrl: 'https://elsewhere.example/x' }))).toMatchObject({
      ok: false,
      result: 'missing',
    });
  });

  it('an answer that is not a page is unreadable', async () => {
    expect(await checkOrder(ORDER, deps({ contentType: 'image/png' }))).toMatchObject({
      ok: false,
      result: 'unreadable',
    });
  });

  it('what the page reader says is validated like a content script’s message', async () => {
    const d = deps({});
    d.readPage = async () => ({ kind: 'order', orders: [{ ...orders[0]!, status: 'shipped!' } as never] });
    expect(await checkOrder(ORDER, d)).toMatchObject({ ok: false, result: 'unreadable' });
  });

  it('no answer is a network failure', async () => {
    const d = deps({});
    d.fetchPage.mockResolvedValueOnce({ ok: false, result: 'network', detail: 'offline' });
    expect(await checkOrder(ORDER, d)).toEqual({ ok: false, result: 'network' });
  });

  it('an order of a system without a recipe is never requested', async () => {
    const d = deps({});
    expect(await checkOrder({ ...ORDER, platform: 'qs-faka' }, d)).toMatchObject({ ok: false });
    expect(d.fetchPage).not.toHaveBeenCalled();
  });
});

describe('the same shop', () => {
  it('is the same host, with or without www.', () => {
    expect(sameShop('https://www.shop.example/o', 'shop.example')).toBe(true);
    expect(sameShop('https://shop.example:8443/o', 'shop.example:8443')).toBe(true);
    expect(sameShop('https://shop.example.evil/o', 'shop.example')).toBe(false);
    expect(sameShop('not a url', 'shop.example')).toBe(false);
  });
});
