import type { ExtractedOrder } from '@/lib/extract/types';
import { orderPageFacts } from '@/lib/extract/snapshot-reading';
import { readPaymentStop } from '@/lib/extract/payment-stop';
import { watchOrders } from './watch';
import { runPageLife } from './page-life';
import { sendFromContent } from '@/lib/messaging/content-sender';

/** Reads the page's orders ([] when there are none). */
export type PageReader = (doc: Document, url: string) => ExtractedOrder[];

/**
 * The extractor's life in a page, for pages a snapshot cannot carry (too large, or a tree that markup cannot rebuild:
 * lib/content/send-snapshots.ts hands them over): reports the payment stop page, then watches the page and sends each
 * new reading to the background.
 */
export function runExtractor(read: PageReader): void {
  const extract = (): ExtractedOrder[] => read(document, location.href);
  runPageLife(() => {
    // A payment stop page (支付成功 at a gateway) is no order, but its trade number may belong to one: tell the
    // background.
    const stopPage = readPaymentStop(document, location.href);
    if (stopPage?.tradeNo)
      sendFromContent('paymentStopSeen', { url: location.href, ...stopPage }).catch(() => {
        // As for sightings: refused or reloaded, the page never sees our errors.
      });
    return watch(extract);
  });
}

/** Watches the page and sends each new reading to the background. */
const watch = (extract: () => ExtractedOrder[]): (() => void) =>
  watchOrders({
    root: document.documentElement,
    extract,
    report: (orders) => {
      sendFromContent('ordersSeen', { orders, url: location.href, ...orderPageFacts(document) }).catch(() => {
        // The background validates and may refuse, or the extension was reloaded: the page never sees our errors.
      });
    },
  });
