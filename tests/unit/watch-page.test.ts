/** Reading a fetched page: the order as a visit reads it, or what stands in its way (login, captcha); the bytes. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { readPageHere } from '@/lib/watch/dom';
import { charsetOfMeta, decodeBody } from '@/lib/watch/decode';
import { fetchOrderPage } from '@/lib/watch/fetch-page';
import { readFetchedPage } from '@/lib/watch/page';
import { FIXTURE_ROOT, parseHtml } from './extract-fixture-files';

const fixture = (path: string): { html: string; url: string; orders: { orderNo: string; status: string }[] } => ({
  html: readFileSync(join(FIXTURE_ROOT, `${path}.html`), 'utf8'),
  ...(JSON.parse(readFileSync(join(FIXTURE_ROOT, `${path}.json`), 'utf8')) as {
    url: string;
    orders: { orderNo: string; status: string }[];
  }),
});

const page = (body: string, title = '订单'): string =>
  `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${title}</title></head><body>${body}</body></html>`;

describe('a fetched order page', () => {
  it('is read by the same extractor as a visit', () => {
    const f = fixture('dujiaoka/avatar-detail-manual-pending');
    const reading = readFetchedPage(parseHtml(f.html), f.url, f.orders[0]!.orderNo);
    expect(reading.kind).toBe('order');
    expect(reading.orders).toEqual(f.orders);
    expect(reading.title).toBeTruthy();
    expect(reading.visibleText).toContain(f.orders[0]!.orderNo);
  });

  it('is parsed with DOMParser where the page is read (scripts never run)', () => {
    const f = fixture('dujiaoka/avatar-detail-manual-pending');
    const hostile = f.html
      .replace(/<link[^>]*>/g, '')
      .replace('</body>', '<script>document.title = "pwned"; window.kamiguardRan = true;</script></body>');
    const reading = readPageHere(hostile, f.url, f.orders[0]!.orderNo);
    expect(reading.kind).toBe('order');
    expect(reading.title).not.toBe('pwned');
    expect((window as unknown as { kamiguardRan?: boolean }).kamiguardRan).toBeUndefined();
  });

  it('that shows other orders but not this one is "other"', () => {
    const f = fixture('dujiaoka/avatar-detail-manual-pending');
    expect(readFetchedPage(parseHtml(f.html), f.url, 'NOTTHISORDER0000').kind).toBe('other');
  });

  it('reads a promised window stated on the page', () => {
    const reading = readFetchedPage(
      parseHtml(page('<p>订单号：X</p><p>本商品24小时内发货</p>')),
      'https://s.example/o',
      'NOPE',
    );
    expect(reading.pageWindowMinutes).toBe(24 * 60);
  });
});

describe('what stands in the way is never taken as a status', () => {
  it('a login form', () => {
    const html = page(
      '<form action="/login"><input name="u" placeholder="账号"><input type="password" name="p"><button>登录</button></form>',
      '会员中心',
    );
    const reading = readFetchedPage(parseHtml(html), 'https://s.example/detail-order-sn/X', 'X');
    expect(reading.kind).toBe('login');
    expect(reading.orders).toEqual([]);
  });

  it('a redirect to a login address', () => {
    expect(readFetchedPage(parseHtml(page('<p>请稍候</p>')), 'https://s.example/user/login?r=1', 'X').kind).toBe(
      'login',
    );
  });

  it('the order-query password box is not a login', () => {
    const html = page(
      '<div class="query"><input placeholder="订单号/联系方式"><input type="password" placeholder="请输入查询密码"><button>查询订单</button></div>',
    );
    expect(readFetchedPage(parseHtml(html), 'https://s.example/user/index/query', 'X').kind).toBe('other');
  });

  it('a bot check or a captcha', () => {
    const cloudflare = page(
      '<div id="cf-challenge-running"></div><p>Checking your browser before accessing</p>',
      'Just a moment...',
    );
    expect(readFetchedPage(parseHtml(cloudflare), 'https://s.example/o', 'X').kind).toBe('captcha');
    const own = page('<p>访问过于频繁，请输入验证码继续</p><img src="/captcha.php">');
    expect(readFetchedPage(parseHtml(own), 'https://s.example/o', 'X').kind).toBe('captcha');
  });

  it('an order page that happens to carry a captcha widget is still the order page', () => {
    const f = fixture('dujiaoka/avatar-detail-manual-pending');
    const html = f.html.replace('</body>', '<div class="g-recaptcha"></div></body>');
    expect(readFetchedPage(parseHtml(html), f.url, f.orders[0]!.orderNo).kind).toBe('order');
  });
});

const withMeta = (charset: string, body: Uint8Array): Uint8Array =>
  new Uint8Array([...new TextEncoder().encode(`<html><head><meta charset="${charset}"></head><body>`), ...body]);

describe('bytes to text', () => {
  // "订单" in GBK.
  const gbk = new Uint8Array([0xb6, 0xa9, 0xb5, 0xa5]);

  it('by the Content-Type charset', () => {
    expect(decodeBody(gbk, 'text/html; charset=GBK')).toBe('订单');
    expect(decodeBody(gbk, 'text/html;charset="gb2312"')).toBe('订单');
  });

  it('by the page’s <meta charset> when the header names none', () => {
    expect(charsetOfMeta(withMeta('gbk', gbk))).toBe('gbk');
    expect(decodeBody(withMeta('gbk', gbk), 'text/html')).toContain('订单');
    const httpEquiv = new Uint8Array([
      ...new TextEncoder().encode('<meta http-equiv="Content-Type" content="text/html; charset=gb2312">'),
      ...gbk,
    ]);
    expect(decodeBody(httpEquiv, '')).toContain('订单');
  });

  it('UTF-8 otherwise, and always for JSON; an unknown charset does not throw', () => {
    const utf8 = new TextEncoder().encode('订单');
    expect(decodeBody(utf8, 'text/html')).toBe('订单');
    expect(decodeBody(utf8, 'application/json; charset=gbk')).toBe('订单');
    expect(decodeBody(utf8, 'text/html; charset=x-no-such-thing')).toBe('订单');
  });
});

describe('the request', () => {
  const req = { method: 'GET' as const, url: 'https://s.example/o/1', pageUrl: 'https://s.example/o/1' };

  it('goes out with the buyer’s cookies, no cache, no referrer, and a time limit', async () => {
    const fetch = vi.fn(async () => new Response('<p>x</p>', { headers: { 'content-type': 'text/html' } }));
    const out = await fetchOrderPage(req, { fetch });
    const init = (fetch.mock.calls[0] as unknown as [string, RequestInit])[1];
    expect(init).toMatchObject({ credentials: 'include', cache: 'no-store', redirect: 'follow' });
    expect(init.referrerPolicy).toBe('no-referrer');
    expect(init.signal).toBeInstanceOf(AbortSignal);
    expect(out.ok && new TextDecoder().decode(out.answer.bytes)).toBe('<p>x</p>');
  });

  it('a failure to connect is a network failure, not a throw', async () => {
    const out = await fetchOrderPage(req, {
      fetch: async () => {
        throw new TypeError('Failed to fetch');
      },
    });
    expect(out).toMatchObject({ ok: false, result: 'network' });
  });

  it('a body over the bound is not read to the end', async () => {
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new Uint8Array(1024));
        if (pulled > 1000) controller.close();
      },
    });
    const out = await fetchOrderPage(req, { fetch: async () => new Response(body), maxBytes: 8 * 1024 });
    expect(out).toMatchObject({ ok: false, result: 'unreadable' });
    expect(pulled).toBeLessThan(20);
  });

  it('keeps the status, the final address and Retry-After', async () => {
    const response = new Response('busy', {
      status: 503,
      headers: { 'retry-after': '120', 'content-type': 'text/plain' },
    });
    Object.defineProperty(response, 'url', { value: 'https://s.example/busy' });
    const out = await fetchOrderPage(req, { fetch: async () => response });
    expect(out.ok && out.answer).toMatchObject({ status: 503, finalUrl: 'https://s.example/busy', retryAfter: '120' });
  });
});
