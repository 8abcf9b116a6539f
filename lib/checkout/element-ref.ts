/**
 * How the background names an element of a page it read from a snapshot, so the page's own script finds the same
 * element: its position among the document's elements (the copy is the page's tree: its markup was
 * checked to round-trip, lib/extract/snapshot-reading.ts) and a key of its tag, id and name, checked on arrival. A page
 * that changed in between fails the check; its next snapshot, which the change brings, names the element again.
 */

export interface ElementRef {
  /** Index among the document's elements (`getElementsByTagName('*')`: <html> first, then <head>, …). */
  index: number;
  /** The element's tag, id and name (lib/checkout/element-ref.ts `elementKey`). */
  key: string;
}

/** Tag, id and name: enough to tell a page that moved its elements from one that did not. */
export function elementKey(el: Element): string {
  return `${el.tagName} ${el.id} ${el.getAttribute('name') ?? ''}`.slice(0, 200);
}

/**
 * The document's elements in order, as refs count them. The copy has <html>, <head> and <body> as the page has them;
 * what add-ons (our own panel too) hang off <html> comes after the body, behind every element a ref names.
 */
export const pageElements = (doc: Document): HTMLCollectionOf<Element> => doc.getElementsByTagName('*');

/** The element a ref names, or undefined when the page no longer has it there. */
export function resolveRef(elements: HTMLCollectionOf<Element>, ref: ElementRef): Element | undefined {
  const el = elements[ref.index];
  return el && elementKey(el) === ref.key ? el : undefined;
}
