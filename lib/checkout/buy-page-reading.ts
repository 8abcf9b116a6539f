/**
 * A buy page read where the background reads pages (issue 14): the buy form found on a copy of the page
 * (lib/extract/snapshot-reading.ts `parseSnapshot`), told to the page's checkout script as references to its elements
 * (lib/checkout/element-ref.ts), with the page's texts the background reads the product's facts from. The page itself
 * then only shows the panel and checks what the buyer types (lib/checkout/run.ts): finding the form, its fields' kinds
 * and the page's texts is work its main thread no longer does.
 */
import { findBuyForm, type BuyForm } from './buy-form';
import { pageElements, elementKey, type ElementRef } from './element-ref';
import type { FieldKind } from './field-kind';
import type { PageStrings } from './page-facts';
import { textTail, textUnder } from './page-text';

/** One recipient field, as the page's script finds it again. */
export interface FieldRef {
  at: ElementRef;
  kind: FieldKind;
  confirm: boolean;
  label: string;
}

/** Where the buy form is on the page, and its fields. */
export interface FormRefs {
  area: ElementRef;
  fields: FieldRef[];
}

/** What a buy page says: its form, and the texts for the product's facts. */
export interface BuyPageReading {
  form: FormRefs;
  page: PageStrings;
}

/** Recipient fields told to the page at most (lib/messaging/schemas.ts bounds them too). */
const MAX_FIELDS = 50;
/** Page text read from the top for a delivery promise (the product's description comes early). */
const PAGE_TEXT = 20_000;

/** The texts of a buy page the background reads the product's facts from (lib/checkout/page-facts.ts). */
export function collectPage(doc: Document, form: BuyForm): PageStrings {
  // The promise sits near the product (its description); the ICP number in the footer, at the end of the page.
  return {
    ...(form.product ? { product: form.product.slice(0, 512) } : {}),
    productText: form.productText.slice(0, 8000),
    badges: form.badges.slice(0, 200),
    pageText: doc.body ? textUnder(doc.body, PAGE_TEXT) : '',
    footerText: doc.body ? textTail(doc.body, 6000) : '',
    ...(form.accountPassword ? { accountPassword: form.accountPassword.slice(0, 40) } : {}),
  };
}

/** The buy form of a page (or of its copy, with the page's visibility), or undefined when it has none. */
export function readBuyPage(doc: Document, visible: (el: Element) => boolean): BuyPageReading | undefined {
  const form = findBuyForm(doc, { visible });
  if (!form) return undefined;
  const elements = Array.from(pageElements(doc));
  const ref = (el: Element): ElementRef => ({ index: elements.indexOf(el), key: elementKey(el) });
  return {
    form: {
      area: ref(form.area),
      fields: form.fields
        .slice(0, MAX_FIELDS)
        .map((f) => ({ at: ref(f.input), kind: f.kind, confirm: f.confirm, label: f.label })),
    },
    page: collectPage(doc, form),
  };
}
