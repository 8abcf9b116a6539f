/**
 * Data-driven: every tests/fixtures/<folder>/<name>.html is parsed with happy-dom and
 * extractOrders(doc, url) must equal the `orders` of <name>.json beside it. New fixture folders and
 * pages are picked up without touching this file.
 */
import { describe, expect, it } from 'vitest';
import { extractOrders, type ExtractedOrder } from '@/lib/extract';
import { loadFixtures, NON_ADAPTER_FOLDERS, parseHtml } from './extract-fixture-files';

const fixtures = loadFixtures();

/** The same page inside two extra wrappers, as themes and forks add them. */
const wrap = (html: string): string =>
  html
    .replace(/<body([^>]*)>/i, '<body$1><div class="page-wrap"><div class="inner">')
    .replace(/<\/body>/i, '</div></div></body>');
/** The same page pretty-printed: line breaks and indentation between all tags. */
const spread = (html: string): string => html.replace(/>\s*</g, '>\n      <');
/** What must not change with cosmetics: which orders, their status, amounts and keys. */
const facts = (orders: ExtractedOrder[]): unknown =>
  orders.map((o) => [o.platform, o.orderNo, o.status, o.amount, o.cardKeys]);

describe('extractOrders on fixture pages', () => {
  it('finds fixture pages', () => {
    expect(fixtures.length).toBeGreaterThan(10);
  });

  it.each(fixtures.map((f) => [`${f.folder}/${f.name}`, f] as const))('%s', (_label, f) => {
    expect(f.url, `${f.folder}/${f.name}.json is missing or has no url`).toMatch(/^https?:\/\//);
    const errors: string[] = [];
    const got = extractOrders(parseHtml(f.html), f.url, { onAdapterError: (id) => errors.push(id) });
    expect(errors).toEqual([]);
    expect(got).toEqual(f.orders);
    if (f.folder === 'negative') expect(got).toEqual([]);
    if (!NON_ADAPTER_FOLDERS.has(f.folder)) {
      expect(got.length).toBeGreaterThan(0);
      for (const order of got) expect(order.platform).toBe(f.folder);
    }
  });
});

// Real shops wrap the same templates in extra containers and pretty-print their HTML: the facts that
// matter must not depend on either.
describe('extractOrders on cosmetic variants of the order pages', () => {
  const pages = fixtures.filter((f) => !NON_ADAPTER_FOLDERS.has(f.folder));
  it.each(pages.map((f) => [`${f.folder}/${f.name}`, f] as const))('%s', (_label, f) => {
    for (const variant of [wrap(f.html), spread(f.html), spread(wrap(f.html))]) {
      expect(facts(extractOrders(parseHtml(variant), f.url))).toEqual(facts(f.orders));
    }
  });
});
