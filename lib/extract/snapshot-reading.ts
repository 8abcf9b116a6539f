/**
 * Reading a page from its snapshot (lib/extract/snapshot.ts), where the background parses it: the offscreen document
 * in Chromium, the event page in Firefox. The copy is parsed with DOMParser (no script runs, nothing loads) and used only
 * when it is the page's own tree (its markup written out again is the markup sent); the text boxes get their values
 * back, and the page is read as the extractor would read it in the tab: its orders, the payment stop page it may be,
 * and for a page with orders the facts that go with them.
 */
import { extractOrders } from './index';
import { parseIcp } from './icp';
import { parsePromisedWindowMinutes } from './normalize';
import { readPaymentStop, type PaymentStop } from './payment-stop';
import { restoreValues, snapshotMarkup, type PageSnapshot } from './snapshot';
import type { ExtractedOrder } from './types';
import { visibleText } from './visible-text';

/** What a page's snapshot says: the fields of an `ordersSeen` message, and the stop page it is, if it is one. */
export interface SnapshotReading {
  orders: ExtractedOrder[];
  /**
   * The copy parsed from the markup is not the page: its markup, written out again, differs from what the page sent
   * (the HTML parser rebuilds what script-made trees can hold and markup cannot: nesting past its depth limit, a block
   * inside a <p>, stray table content). Nothing is read from it; the page is read in the tab instead.
   */
  copyDiffers?: true;
  /** When the page is a payment stop page (then it has no orders). */
  paymentStop?: PaymentStop;
  /** For a page with orders: its title, visible text (the evidence text record), promised window and ICP number. */
  title?: string;
  visibleText?: string;
  pageWindowMinutes?: number;
  icp?: string;
}

/** The most visible text read, and the most kept as the evidence text record. */
const MAX_VISIBLE = 200_000;
const MAX_RECORD = 20_000;

/**
 * The page's copy, text boxes filled in as the page had them; undefined when the copy is not the page's own tree (its
 * markup written out again differs from the markup sent).
 */
export function parseSnapshot(snapshot: Pick<PageSnapshot, 'html' | 'values'>): Document | undefined {
  // Standards mode, as nearly every shop page is (a quirks-mode page whose tree would come out otherwise is caught below).
  const doc = new DOMParser().parseFromString(`<!DOCTYPE html><html>${snapshot.html}</html>`, 'text/html');
  if (snapshotMarkup(doc) !== snapshot.html) return undefined;
  restoreValues(doc, snapshot.values);
  return doc;
}

/** What a copy of the page (parseSnapshot) says, read as the extractor reads a page in the tab. */
export function readSnapshotCopy(doc: Document, url: string): SnapshotReading {
  const orders = extractOrders(doc, url);
  if (!orders.length) {
    const paymentStop = readPaymentStop(doc, url);
    return paymentStop ? { orders, paymentStop } : { orders };
  }
  return { orders, ...orderPageFacts(doc) };
}

/** The facts a page with orders states besides them: its title, visible text, promised window and ICP number. */
export function orderPageFacts(doc: Document): Omit<SnapshotReading, 'orders' | 'paymentStop'> {
  // One read of the visible text serves the evidence text record, the promised-window statement ("24小时内发货" is
  // something the page shows the buyer) and the ICP number in its footer. Read from the DOM, not innerText: no layout.
  const visible = visibleText(doc.body, MAX_VISIBLE);
  return {
    title: doc.title.slice(0, 512),
    visibleText: visible.slice(0, MAX_RECORD),
    // Absent ones are undefined: Chrome's messages drop them, Firefox's keep them, the schemas read both as absent.
    pageWindowMinutes: parsePromisedWindowMinutes(visible),
    icp: parseIcp(visible),
  };
}
