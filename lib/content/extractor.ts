import type { ExtractedOrder } from '@/lib/extract/types';
import { parsePromisedWindowMinutes } from '@/lib/extract/normalize';
import { parseIcp } from '@/lib/extract/icp';
import { readPaymentStop } from '@/lib/extract/payment-stop';
import { watchOrders } from './watch';
import { watchLocation } from './location';
import { visibleText } from './visible-text';
import { sendFromContent } from '@/lib/messaging/content-sender';

/** Reads the page's orders ([] when there are none). */
export type PageReader = (doc: Document, url: string) => ExtractedOrder[];

/** 'running' while an extractor watches the page; 'handed-over' once a one-system one gave the page to the full one. */
const FLAG = '__kamiguardExtractor';
/** The page's window as the extractor's isolated world sees it: every bundle of ours there shares the flag. */
const flags = globalThis as unknown as Record<string, string | undefined>;

/** Whether an extractor of either kind has had this page (a one-system bundle then stays out). */
export const extractorSeen = (): boolean => !!flags[FLAG];

/** A one-system bundle gives the page to the full extractor (after stopping, if it had started). */
export const markHandedOver = (): void => {
  flags[FLAG] = 'handed-over';
};

/**
 * The extractor's life in a page (entrypoints/extractor.ts, and lib/content/one-system.ts for the one-system bundles):
 * reports the payment stop page, then watches the page and sends each new reading to the background, starting over
 * when a single-page shop changes route. One extractor per page, whichever bundle came first: returns undefined when
 * one runs already, else a function that stops this one (lib/content/one-system.ts, handing the page over).
 */
export function runExtractor(read: PageReader): (() => void) | undefined {
  if (flags[FLAG] === 'running') return undefined; // injected twice (probe + navigation): one watcher is enough
  flags[FLAG] = 'running';

  /** `npm run bench` builds with --mode bench to time the reading alone (production builds drop the branch). */
  const extract = (): ExtractedOrder[] => {
    if (import.meta.env.MODE !== 'bench') return read(document, location.href);
    const t0 = performance.now();
    const orders = read(document, location.href);
    performance.measure('kamiguard:extract', { start: t0, end: performance.now() });
    return orders;
  };

  // A payment stop page (支付成功 at a gateway) is no order, but its trade number may belong to one: tell the background.
  const stopPage = readPaymentStop(document, location.href);
  if (stopPage?.tradeNo)
    sendFromContent('paymentStopSeen', { url: location.href, ...stopPage }).catch(() => {
      // As for sightings: refused or reloaded, the page never sees our errors.
    });

  let stopWatch = watch(extract);
  // SPA shops (qs-faka, kamiFaka) change route without a page load: start over on the new route.
  const stopLocation = watchLocation(() => {
    stopWatch();
    stopWatch = watch(extract);
  });
  return () => {
    stopWatch();
    stopLocation();
  };
}

/** Watches the page and sends each new reading to the background. */
const watch = (extract: () => ExtractedOrder[]): (() => void) =>
  watchOrders({
    root: document.documentElement,
    extract,
    report: (orders) => {
      // One read of the visible text serves both the evidence text record and the promised-window statement
      // ("24小时内发货" is something the page shows the buyer). Read from the DOM, not innerText: no forced layout.
      const visible = visibleText(document.body, 200_000);
      const pageWindowMinutes = parsePromisedWindowMinutes(visible); // at most 200,000 characters already
      const icp = parseIcp(visible);
      sendFromContent('ordersSeen', {
        orders,
        url: location.href,
        title: document.title.slice(0, 512),
        visibleText: visible.slice(0, 20_000),
        // Absent ones are undefined: Chrome's JSON drops them, Firefox's structured clone keeps them, the schema
        // reads both as absent.
        pageWindowMinutes,
        icp,
      }).catch(() => {
        // The background validates and may refuse, or the extension was reloaded: the page never sees our errors.
      });
    },
    setTimeout: (fn, ms) => window.setTimeout(fn, ms),
    clearTimeout: (id) => window.clearTimeout(id),
  });
