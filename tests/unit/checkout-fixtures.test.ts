/**
 * Data-driven: every tests/fixtures-checkout/<name>.html (buy pages written from the real templates of the shop
 * systems, unknown shops, and pages that are no buy page) is read with findBuyForm, and what it finds must equal the
 * `form` of <name>.json: the recipient fields with their kinds and labels, the product, its terms, stock, delivery
 * promise and ICP number, or null for no buy form. The order fixtures of the extractor are no buy pages either.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findBuyForm } from '@/lib/checkout/buy-form';
import { readPageFacts } from '@/lib/checkout/page-facts';
import { collectPage } from '@/lib/checkout/buy-page-reading';
import { extractOrders } from '@/lib/extract';
import { loadFixtures, parseHtml } from './extract-fixture-files';

const ROOT = join(__dirname, '..', 'fixtures-checkout');

interface Expected {
  url: string;
  form: null | {
    product: string | null;
    fields: { kind: string; label: string; confirm?: boolean }[];
    terms: string[];
    stock: { level: string; count?: number } | null;
    promiseMinutes: number | null;
    icp: string | null;
  };
}

const pages = readdirSync(ROOT)
  .filter((f) => f.endsWith('.html'))
  .sort()
  .map((file) => {
    const name = file.slice(0, -5);
    return {
      name,
      html: readFileSync(join(ROOT, file), 'utf8'),
      expected: JSON.parse(readFileSync(join(ROOT, `${name}.json`), 'utf8')) as Expected,
    };
  });

/** Browsers hide inactive tab panes and [hidden]; happy-dom applies the inline and <style> rules it can. */
const visible = (el: Element): boolean => {
  for (let e: Element | null = el; e; e = e.parentElement) {
    if (e.hasAttribute('hidden')) return false;
    const style = e.getAttribute('style') ?? '';
    if (/display\s*:\s*none/.test(style)) return false;
    if (e.classList.contains('tab-pane') && !e.classList.contains('active')) return false;
  }
  return true;
};

/** Parses a page; option[selected] is applied by hand, as happy-dom's parser leaves the first non-empty one chosen. */
function parsePage(html: string): Document {
  const doc = parseHtml(html);
  for (const option of Array.from(doc.querySelectorAll<HTMLOptionElement>('option[selected]'))) option.selected = true;
  return doc;
}

describe('checkout fixture pages', () => {
  it('has buy pages of at least five systems, two unknown shops and pages that are none', () => {
    const systems = new Set(pages.filter((p) => p.expected.form).map((p) => p.name.split('-')[0]));
    expect([...systems].filter((s) => s !== 'unknown').length).toBeGreaterThanOrEqual(5);
    expect(pages.filter((p) => p.name.startsWith('unknown-') && p.expected.form).length).toBeGreaterThanOrEqual(2);
    expect(pages.filter((p) => !p.expected.form).length).toBeGreaterThanOrEqual(3);
  });

  it.each(pages.map((p) => [p.name, p] as const))('%s', (_name, p) => {
    const doc = parsePage(p.html);
    const form = findBuyForm(doc, { visible });
    if (!p.expected.form) {
      expect(form).toBeUndefined();
      return;
    }
    expect(form, 'a buy form').toBeDefined();
    const facts = readPageFacts(collectPage(doc, form!));
    expect({
      product: form!.product ?? null,
      fields: form!.fields.map((f) => ({ kind: f.kind, label: f.label, ...(f.confirm ? { confirm: true } : {}) })),
      terms: facts.terms.map((t) => t.kind),
      stock: facts.stock
        ? { level: facts.stock.level, ...(facts.stock.count !== undefined ? { count: facts.stock.count } : {}) }
        : null,
      promiseMinutes: facts.promise?.value ?? null,
      icp: facts.icp ?? null,
    }).toEqual(p.expected.form);
    // A buy page shows no order: the extractor must find none on it.
    expect(extractOrders(doc, p.expected.url)).toEqual([]);
  });

  it('finds no buy form on any order, query or payment page of the extractor fixtures', () => {
    const found = loadFixtures()
      .filter((f) => findBuyForm(parsePage(f.html), { visible }))
      .map((f) => `${f.folder}/${f.name}`);
    // The three product pages among the extractor's negatives (no order on them) are buy pages.
    expect(found).toEqual([
      'negative/blind-product-page-recent-sales',
      'negative/blind5-product-page-recent-deals',
      'negative/shop-product-order-form',
    ]);
  }, 30_000);
});
