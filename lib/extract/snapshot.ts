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
  const boxes = doc.body?.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>(CONTROLS) ?? [];
  for (let i = 0; i < boxes.length && values.length < MAX_VALUES; i++) {
    const box = boxes[i]!;
    if (box.value !== box.defaultValue) values.push([i, box.value.slice(0, MAX_VALUE_CHARS)]);
  }
  return { html, values };
}

/** The snapshot's values put back into the document parsed from its markup (same boxes, same document order). */
export function restoreValues(doc: Document, values: PageSnapshot['values']): void {
  const boxes = doc.body?.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>(CONTROLS) ?? [];
  for (const [index, value] of values) {
    const box = boxes[index];
    if (box) box.value = value;
  }
}
