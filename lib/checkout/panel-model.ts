/**
 * What the checkout panel says beyond the recipient lines, worded in the background: the terms to confirm, the
 * buyer's record at the shop and the page's risk signals, as message keys and their substitutions
 * (public/_locales, prefix `checkout_`). Pure, so the wording of every case is tested without a browser; the page
 * receives the finished strings and only puts them in its shadow-DOM panel (lib/checkout/panel.ts).
 */
import { coarseSpan } from '@/lib/order-list/bar';
import type { Line } from './field-lines';
import type { ShopSummary } from './shop-summary';
import type { StockSignal } from './signals';
import type { Term } from './title-terms';

export interface PanelInput {
  locale: 'zh_CN' | 'en';
  product?: string;
  terms: Term[];
  /** The buyer's record at the shop. */
  shop?: ShopSummary;
  /** The shop's ICP number from any of its pages; undefined when none showed one. */
  icp?: string;
  stock?: StockSignal;
  /** The delivery promise this page makes (title or page text). */
  promise?: Term;
}

/** The panel's lines beyond the recipient check. */
export interface PanelLines {
  terms: Line[];
  shop: Line[];
  signals: Line[];
}

export const TERM_KEYS: Record<Term['kind'], string> = {
  duration: 'checkout_term_duration',
  topup: 'checkout_term_topup',
  card_key: 'checkout_term_card_key',
  platform: 'checkout_term_platform',
  region: 'checkout_term_region',
  delivery_auto: 'checkout_term_delivery_auto',
  delivery_manual: 'checkout_term_delivery_manual',
  promise: 'checkout_term_promise',
  no_refund: 'checkout_term_no_refund',
  needs_login: 'checkout_term_needs_login',
};

function shopLines(input: PanelInput): Line[] {
  // The ICP number is a fact about the shop: shown with its record.
  const icp: Line[] = input.icp ? [{ key: 'checkout_shop_icp', subs: [input.icp] }] : [];
  const { shop, locale } = input;
  if (!shop || shop.orders === 0) return [{ key: 'checkout_shop_first' }, ...icp];
  const lines: Line[] = [
    {
      key: 'checkout_shop_orders',
      subs: [String(shop.orders), String(shop.onTime), String(shop.late), String(shop.never)],
    },
  ];
  if (shop.medianDeliveryMs !== undefined)
    lines.push({ key: 'checkout_shop_median', subs: [coarseSpan(shop.medianDeliveryMs, locale)] });
  if (shop.open > 0) lines.push({ key: 'checkout_shop_open', subs: [String(shop.open)] });
  const last = shop.lastProblem;
  if (last) {
    const date = new Date(last.at).toLocaleDateString(locale === 'zh_CN' ? 'zh-CN' : 'en', {
      year: 'numeric',
      month: 'short',
      day: 'numeric',
    });
    // The product in the locale's quotes, or nothing: "2026年11月30日：「QQ会员」超过承诺时间 3 小时".
    const product = last.product ? (locale === 'zh_CN' ? `「${last.product}」` : `“${last.product}” `) : '';
    lines.push({
      key: `checkout_shop_last_${last.kind}`,
      subs: [date, product, coarseSpan(last.overdueMs ?? 0, locale)],
    });
  }
  return [...lines, ...icp];
}

function signalLines(input: PanelInput): Line[] {
  const lines: Line[] = [];
  if (!input.icp) lines.push({ key: 'checkout_signal_no_icp' });
  const s = input.stock;
  if (s?.level === 'out') lines.push({ key: 'checkout_signal_stock_out', subs: [s.text] });
  else if (s?.level === 'low')
    lines.push(
      s.count !== undefined
        ? { key: 'checkout_signal_stock_low', subs: [String(s.count), s.text] }
        : { key: 'checkout_signal_stock_few', subs: [s.text] },
    );
  const slower = input.shop?.slowerThanPromise;
  if (input.promise && slower)
    lines.push({ key: 'checkout_signal_slower', subs: [input.promise.text, String(slower)] });
  return lines;
}

/** Builds the panel's terms, shop record and signals. */
export function panelLines(input: PanelInput): PanelLines {
  const terms: Line[] = [];
  if (input.product) terms.push({ key: 'checkout_term_product', subs: [input.product] });
  for (const t of input.terms)
    terms.push({
      key: TERM_KEYS[t.kind],
      subs: t.kind === 'duration' ? [t.text, String(t.value ?? '')] : [t.text],
    });
  // A promise read from the page text (not the title) is a term to confirm too.
  if (input.promise && !input.terms.some((t) => t.kind === 'promise'))
    terms.push({ key: 'checkout_term_promise', subs: [input.promise.text] });
  return { terms, shop: shopLines(input), signals: signalLines(input) };
}
