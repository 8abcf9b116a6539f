/**
 * What a buy page says about its product, read in the background from the texts collected with its buy form
 * (lib/checkout/buy-page-reading.ts `collectPage`): the title's terms, the notes and badges beside it, the delivery promise, the
 * stock and the ICP number. Reading is kept out of the page: the page pays for the DOM walk only, not for compiling
 * and running the readers on the main thread the buyer is about to pay on.
 */
import { parseIcp } from '@/lib/extract/icp';
import { readStock, type StockSignal } from './signals';
import { readNotes, readPromise, readTitleTerms, TERM_ORDER, type Term } from './title-terms';

/** The texts a buy page shows, as they are collected with its buy form (all bounded). */
export interface PageStrings {
  /** The product's name. */
  product?: string;
  /** Text around the product: its card with name, badges, stock and price. */
  productText: string;
  /** Short texts around the product (badges such as 人工处理). */
  badges: string[];
  /** The page's text from the top (its description, where promises are stated). */
  pageText: string;
  /** The page's text at its end (the footer's ICP number). */
  footerText: string;
  /** The label of a password box the form asks for that is no order-query password (上号). */
  accountPassword?: string;
}

/** What the page says about the product. */
export interface PageFacts {
  product?: string;
  terms: Term[];
  promise?: Term;
  stock?: StockSignal;
  icp?: string;
}

export function readPageFacts(page: PageStrings): PageFacts {
  const terms = page.product ? readTitleTerms(page.product) : [];
  // Delivery badges (自动发货 / 人工处理) and notes beside the name ("需要登录您的游戏账号", 不退不换) count too.
  const has = (...kinds: Term['kind'][]): boolean => terms.some((t) => kinds.includes(t.kind));
  for (const t of readNotes(page.productText, page.badges)) {
    if ((t.kind === 'delivery_auto' || t.kind === 'delivery_manual') && !has('delivery_auto', 'delivery_manual'))
      terms.push(t);
    if ((t.kind === 'needs_login' || t.kind === 'no_refund') && !has(t.kind)) terms.push(t);
  }
  // A form that asks for the account's password logs into it (上号), whatever the title says.
  if (page.accountPassword && !has('needs_login')) terms.push({ kind: 'needs_login', text: page.accountPassword });
  terms.sort((a, b) => TERM_ORDER.indexOf(a.kind) - TERM_ORDER.indexOf(b.kind));
  const promise = terms.find((t) => t.kind === 'promise') ?? readPromise(page.pageText);
  const stock = readStock(page.productText);
  const icp = parseIcp(`${page.pageText} ${page.footerText}`);
  return {
    ...(page.product ? { product: page.product } : {}),
    terms,
    ...(promise ? { promise } : {}),
    ...(stock ? { stock } : {}),
    ...(icp ? { icp } : {}),
  };
}
