import { extractOrders } from '@/lib/extract';
import { parsePromisedWindowMinutes } from '@/lib/extract/normalize';
import { parseIcp } from '@/lib/extract/icp';
import { readPaymentStop } from '@/lib/extract/payment-stop';
import { watchOrders } from '@/lib/content/watch';
import { watchLocation } from '@/lib/content/location';
import { visibleText } from '@/lib/content/visible-text';
import { sendFromContent } from '@/lib/messaging/content-sender';

/** Reads the page; `npm run bench` builds with --mode bench to time this alone (production builds drop the branch:
 * a page must not be able to see our timings). */
const extract = (): ReturnType<typeof extractOrders> => {
  if (import.meta.env.MODE !== 'bench') return extractOrders(document, location.href);
  const t0 = performance.now();
  const orders = extractOrders(document, location.href);
  performance.measure('kamiguard:extract', { start: t0, end: performance.now() });
  return orders;
};

/** Watches the page and sends each new reading to the background. */
const watch = (): (() => void) =>
  watchOrders({
    root: document.documentElement,
    extract,
    report: (orders) => {
      // One read of the visible text serves both the evidence text record and the promised-window statement
      // ("24小时内发货" is something the page shows the buyer). Read from the DOM, not innerText: no forced layout.
      const visible = visibleText(document.body, 200_000);
      const pageWindowMinutes = parsePromisedWindowMinutes(visible.slice(0, 200_000));
      const icp = parseIcp(visible);
      sendFromContent('ordersSeen', {
        orders,
        url: location.href,
        title: document.title.slice(0, 512),
        visibleText: visible.slice(0, 20_000),
        ...(pageWindowMinutes ? { pageWindowMinutes } : {}),
        ...(icp ? { icp } : {}),
      }).catch(() => {
        // The background validates and may refuse, or the extension was reloaded: the page never sees our errors.
      });
    },
    setTimeout: (fn, ms) => window.setTimeout(fn, ms),
    clearTimeout: (id) => window.clearTimeout(id),
  });

// The extractor. Injected by the background (scripting.executeScript) only into pages the probe or the tab's URL
// marked as shop pages, so it never loads on ordinary pages. An unlisted script rather than a WXT content script:
// the content-script wrapper brings webextension-polyfill along, a third of the original 30 KB budget.
export default defineUnlistedScript(() => {
  const flag = '__kamiguardExtractor';
  const w = window as unknown as Record<string, boolean>;
  if (w[flag]) return; // injected twice (probe + navigation): one watcher is enough
  w[flag] = true;

  // A payment stop page (支付成功 at a gateway) is no order, but its trade number may belong to one: tell the background.
  const stopPage = readPaymentStop(document, location.href);
  if (stopPage?.tradeNo)
    sendFromContent('paymentStopSeen', { url: location.href, ...stopPage }).catch(() => {
      // As for sightings: refused or reloaded, the page never sees our errors.
    });

  let stop = watch();
  // SPA shops (qs-faka, kamiFaka) change route without a page load: start over on the new route.
  watchLocation(() => {
    stop();
    stop = watch();
  });
});
