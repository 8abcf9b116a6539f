/**
 * The background's word on a buy page, as the page's checkout script receives it (entrypoints/checkout.ts): the form's
 * elements named by reference (lib/checkout/element-ref.ts), found again in the page, and what the panel shows.
 */
import type { FormRefs } from './buy-page-reading';
import { pageElements, resolveRef } from './element-ref';
import type { ShownForm } from './run';
import type { CheckoutReply } from '@/lib/messaging/protocol';

/** What the background tells the page's checkout script after each reading of the page. */
export interface CheckoutUpdate {
  /** The buy form as the page's copy showed it; absent when the page has none (any more). */
  form?: FormRefs;
  reply: CheckoutReply;
}

/**
 * The form's elements in the page, or undefined when the page no longer has them where the copy had them (it changed
 * since: its next snapshot brings a new update).
 */
export function formFromRefs(doc: Document, refs: FormRefs): ShownForm | undefined {
  const elements = pageElements(doc);
  const area = resolveRef(elements, refs.area);
  if (!area) return undefined;
  const fields: ShownForm['fields'][number][] = [];
  for (const f of refs.fields) {
    const input = resolveRef(elements, f.at);
    if (input?.tagName !== 'INPUT' || !area.contains(input)) return undefined;
    fields.push({ input: input as HTMLInputElement, kind: f.kind, confirm: f.confirm, label: f.label });
  }
  return { area, fields };
}
