/**
 * The one-system extractors (lib/extract/route.ts) answer as the full extractor does, on every fixture page: the routes
 * are a prefix of the registry, each selector is a necessary condition of its adapter's detect(), and a routed page
 * read by its bundle — or handed back to the full extractor — gives extractOrders' result.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ONE_SYSTEM_SCRIPTS } from '@/lib/background/inject';
import { extractOrders } from '@/lib/extract';
import { oneSystemReader } from '@/lib/extract/one-system';
import { ADAPTERS } from '@/lib/extract/platforms';
import { chooseOneSystem, ONE_SYSTEM_ROUTES } from '@/lib/extract/route';
import { loadFixtures, parseHtml } from './extract-fixture-files';

/** The order fixtures, and the buy pages (the probe sends card shops' pages to the extractor too). */
const CHECKOUT = join(__dirname, '../fixtures-checkout');
const pages = [
  ...loadFixtures().map((f) => ({ label: `${f.folder}/${f.name}`, html: f.html, url: f.url || 'https://x.invalid/' })),
  ...readdirSync(CHECKOUT)
    .filter((f) => f.endsWith('.html'))
    .map((f) => ({
      label: `checkout/${f}`,
      html: readFileSync(join(CHECKOUT, f), 'utf8'),
      url: 'https://shop.invalid/buy/1',
    })),
].map((p) => ({ ...p, doc: parseHtml(p.html) }));

/**
 * A shop page no fixture folder holds: Bootstrap rows (div.mb-1), one of them holding a dujiaoka label, that are not
 * dujiaoka's rows: the chooser's pick is wrong, and the bundle hands the page over.
 */
const BOOTSTRAP_ORDER = `<!doctype html><html><head><title>订单查询 - 星河小铺</title></head><body>
<div class="container"><h4>订单详情</h4>
<div class="mb-1">请核对以下信息，订单状态以本页为准</div>
<table class="table"><tr><th>订单号</th><td>XH20261207000123</td></tr><tr><th>商品</th><td>腾讯视频VIP 月卡</td></tr>
<tr><th>实付金额</th><td>¥15.00</td></tr><tr><th>订单状态</th><td>处理中</td></tr></table></div></body></html>`;

describe('one-system extractor routes', () => {
  it('are the first adapters of the registry, in its order, each with its bundle', () => {
    expect(ONE_SYSTEM_ROUTES.length).toBeGreaterThan(0);
    expect(ONE_SYSTEM_ROUTES.map((r) => r.id)).toEqual(ADAPTERS.slice(0, ONE_SYSTEM_ROUTES.length).map((a) => a.id));
    expect(Object.keys(ONE_SYSTEM_SCRIPTS).sort()).toEqual(ONE_SYSTEM_ROUTES.map((r) => r.id).sort());
    for (const { id } of ONE_SYSTEM_ROUTES) {
      expect(ONE_SYSTEM_SCRIPTS[id]).toBe(`/extractor-${id}.js`);
      expect(
        existsSync(join(__dirname, '../../entrypoints', `extractor-${id}.ts`)),
        `entrypoints/extractor-${id}.ts`,
      ).toBe(true);
    }
  });

  it('pass on every fixture page their adapter claims', () => {
    let claimed = 0;
    for (const [i, route] of ONE_SYSTEM_ROUTES.entries()) {
      const adapter = ADAPTERS.find((a) => a.id === route.id)!;
      for (const p of pages) {
        if (!adapter.detect(p.doc, new URL(p.url))) continue;
        claimed++;
        // This route's own test, alone: earlier routes fail on this page or it would not get this far.
        expect(chooseOneSystem([route], p.doc), `${route.id} on ${p.label}`).toBe(route.id);
        expect(ONE_SYSTEM_ROUTES.slice(0, i).every((r) => chooseOneSystem([r], p.doc) === null)).toBe(true);
      }
    }
    expect(claimed).toBeGreaterThan(10);
  });

  it("keep dujiaoka's labels in step with its adapter", () => {
    const source = readFileSync(join(__dirname, '../../lib/extract/platforms/dujiaoka.ts'), 'utf8');
    const proof = /const ROW_PROOF = (\[[^\]]*\]);/.exec(source)?.[1];
    expect(proof && (JSON.parse(proof.replaceAll("'", '"')) as string[])).toEqual(ONE_SYSTEM_ROUTES[0]!.labels);
    for (const row of source.matchAll(/rows: \{ row: '([^']+)'/g))
      expect(ONE_SYSTEM_ROUTES[0]!.selector).toContain(row[1]);
  });

  let routedPages = 0;
  it.each(pages.map((p) => [p.label, p] as const))(
    '%s: the routed extractor returns what extractOrders does',
    (_, p) => {
      const expected = extractOrders(p.doc, p.url);
      const id = chooseOneSystem(ONE_SYSTEM_ROUTES, p.doc);
      if (!id) return;
      routedPages++;
      const reader = oneSystemReader(ADAPTERS.find((a) => a.id === id)!);
      const routed = reader.claims(p.doc, p.url)
        ? (reader.read(p.doc, p.url) ?? extractOrders(p.doc, p.url))
        : expected;
      expect(routed).toEqual(expected);
    },
  );

  it('routed a good share of the pages above (the comparison is not empty)', () => {
    expect(routedPages).toBeGreaterThan(20);
  });

  it('hands a page it picked wrongly back: the adapter does not claim it, and the full extractor reads it', () => {
    const doc = parseHtml(BOOTSTRAP_ORDER);
    const url = 'https://xinghe.example/order/query?no=XH20261207000123';
    expect(chooseOneSystem(ONE_SYSTEM_ROUTES, doc)).toBe('dujiaoka');
    const reader = oneSystemReader(ADAPTERS[0]!);
    expect(reader.claims(doc, url)).toBe(false);
    expect(reader.read(doc, url)).toBeUndefined();
    expect(extractOrders(doc, url)).toMatchObject([
      { orderNo: 'XH20261207000123', platform: 'generic', status: 'processing', amount: 15 },
    ]);
  });

  it('leave a Bootstrap page without those labels in its rows to the full extractor', () => {
    const page = BOOTSTRAP_ORDER.replace('，订单状态以本页为准', '');
    expect(chooseOneSystem(ONE_SYSTEM_ROUTES, parseHtml(page))).toBeNull();
    // Labels split by spaces, colons or invisible characters still count; the adapter reads them that way too.
    const split = page.replace('请核对以下信息', '下 单\u200b时：间');
    expect(chooseOneSystem(ONE_SYSTEM_ROUTES, parseHtml(split))).toBe('dujiaoka');
  });

  it('injects nothing where an extractor runs, and the full one after a hand-over (the flag lib/content/extractor.ts sets)', () => {
    const doc = parseHtml(BOOTSTRAP_ORDER);
    const g = globalThis as Record<string, unknown>;
    const FLAG = '__kamiguardExtractor';
    try {
      g[FLAG] = 'running';
      expect(chooseOneSystem(ONE_SYSTEM_ROUTES, doc)).toBe(false);
      g[FLAG] = 'handed-over';
      expect(chooseOneSystem(ONE_SYSTEM_ROUTES, doc)).toBeNull();
    } finally {
      delete g[FLAG];
    }
    expect(chooseOneSystem(ONE_SYSTEM_ROUTES, doc)).toBe('dujiaoka');
  });

  it('hands back a page whose adapter throws, and one the chooser cannot read', () => {
    const doc = parseHtml(BOOTSTRAP_ORDER);
    const broken = oneSystemReader({
      id: 'dujiaoka',
      detect: () => true,
      extract: () => {
        throw new Error('theme changed');
      },
    });
    expect(broken.claims(doc, 'https://x.example/')).toBe(true);
    expect(broken.read(doc, 'https://x.example/')).toBeUndefined();
    expect(chooseOneSystem([{ id: 'dujiaoka', selector: 'div[', labels: ['订单状态'] }], doc)).toBeNull();
    expect(chooseOneSystem(ONE_SYSTEM_ROUTES, parseHtml('<p>订单号 123456789</p>'))).toBeNull();
  });
});
