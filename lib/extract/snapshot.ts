/**
 * What a shop page sends to be read elsewhere (issue 11: the page's main thread pays for a copy of its DOM, not for
 * compiling and running the extractor): its markup as it stands now, plus what markup does not carry, the values that
 * scripts or the buyer put into text boxes (shops fill the card-key box with `textarea.value = …`). The background reads
 * it with `extractOrders` in a document of its own (lib/extract/snapshot-reading.ts): the same reader, the same result.
 */

/** A page's markup and its text boxes' current values, by the box's position among the page's text boxes. */
export interface PageSnapshot {
  /** The page's head and body, as markup (not what else hangs off <html>: our own checkout panel, other add-ons'). */
  html: string;
  /** [index among `CONTROLS` of the body in document order, current value] for each box whose value is not its markup's. */
  values: Array<[index: number, value: string]>;
  /**
   * Inputs the page does not render (`checkVisibility()` false: display:none, an inactive tab pane), by the same index,
   * leaving out type=hidden, which never renders. A parsed copy has no styles; the buy-form finder
   * (lib/checkout/buy-form.ts) needs to know which boxes the buyer sees.
   */
  hidden: number[];
}

/** The elements whose current value the extractor reads (lib/extract/platform.ts, generic.ts: a control's `.value`). */
export const CONTROLS = 'textarea, input';

/** Pages larger than this are read where they are, by the extractor itself (lib/background/inject.ts). */
export const MAX_SNAPSHOT_CHARS = 4_000_000;

/** Bounds on what the values add: boxes, and characters per box. */
export const MAX_VALUES = 500;
export const MAX_VALUE_CHARS = 100_000;

/** The markup a snapshot holds of `doc`: its head and body (elements that add-ons hang off <html> stay out). */
export const snapshotMarkup = (doc: Document): string => (doc.head?.outerHTML ?? '') + (doc.body?.outerHTML ?? '');

/** Copies the page: undefined when it is larger than a snapshot may be. */
export function takeSnapshot(doc: Document): PageSnapshot | undefined {
  const html = snapshotMarkup(doc);
  if (html.length > MAX_SNAPSHOT_CHARS) return undefined;
  const values: PageSnapshot['values'] = [];
  const hidden: number[] = [];
  let inputs = 0;
  const boxes = doc.body?.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>(CONTROLS) ?? [];
  for (let i = 0; i < boxes.length && i < MAX_BOXES; i++) {
    const box = boxes[i]!;
    if (box.value !== box.defaultValue && values.length < MAX_VALUES)
      values.push([i, box.value.slice(0, MAX_VALUE_CHARS)]);
    // The inputs the buy-form finder looks at (lib/checkout/buy-form.ts reads the page's first 300). After the value:
    // checkVisibility asks for styles, and a text box's value never does.
    if (box.tagName !== 'INPUT' || ++inputs > MAX_INPUTS_SEEN || box.type === 'hidden') continue;
    if (!rendered(box) && hidden.length < MAX_VALUES) hidden.push(i);
  }
  return { html, values, hidden };
}

/** Inputs whose visibility is asked (the buy-form finder reads no more of a page's inputs). */
const MAX_INPUTS_SEEN = 300;
/** Boxes looked at: a page with more is no buy or order page a buyer fills in. */
const MAX_BOXES = 5000;

const rendered = (el: Element): boolean =>
  typeof (el as HTMLElement).checkVisibility === 'function' ? (el as HTMLElement).checkVisibility() : true;

/** Whether an element of a copy parsed from the snapshot is rendered in the page (its index among `CONTROLS`). */
export function visibilityIn(doc: Document, hidden: readonly number[]): (el: Element) => boolean {
  const boxes = Array.from(doc.body?.querySelectorAll(CONTROLS) ?? []);
  const gone = new Set(hidden.map((i) => boxes[i]));
  return (el) => !gone.has(el) && !(el.tagName === 'INPUT' && (el as HTMLInputElement).type === 'hidden');
}

/** The snapshot's values put back into the document parsed from its markup (same boxes, same document order). */
export function restoreValues(doc: Document, values: PageSnapshot['values']): void {
  const boxes = doc.body?.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>(CONTROLS) ?? [];
  for (const [index, value] of values) {
    const box = boxes[index];
    if (box) box.value = value;
  }
}
