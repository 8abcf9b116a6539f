import { extractOrders } from '@/lib/extract';
import { parsePromisedWindowMinutes } from '@/lib/extract/normalize';
import { watchOrders } from '@/lib/content/watch';
import { watchLocation } from '@/lib/content/location';
import { sendMessage } from '@/lib/messaging/protocol';

// The extractor. Injected by the background (scripting.executeScript) only into pages the probe or the tab's URL
// marked as shop pages, so it never loads on ordinary pages. An unlisted script rather than a WXT content script:
// the content-script wrapper brings webextension-polyfill along, a third of the 30 KB budget.
export default defineUnlistedScript(() => {
  const flag = '__kamiguardExtractor';
  const w = window as unknown as Record<string, boolean>;
  if (w[flag]) return; // injected twice (probe + navigation): one watcher is enough
  w[flag] = true;

  const start = (): (() => void) =>
    watchOrders({
      root: document.documentElement,
      extract: () => {
        if (import.meta.env.MODE !== 'bench') return extractOrders(document, location.href);
        // `npm run bench` builds with --mode bench to time the extraction alone; production builds drop this branch
        // (a page must not be able to see our timings).
        const start = performance.now();
        const orders = extractOrders(document, location.href);
        performance.measure('kamiguard:extract', { start, end: performance.now() });
        return orders;
      },
      report: (orders) => {
        const pageWindowMinutes = parsePromisedWindowMinutes(document.body?.textContent?.slice(0, 200_000) ?? '');
        sendMessage('ordersSeen', {
          orders,
          url: location.href,
          title: document.title.slice(0, 512),
          visibleText: document.body?.innerText.slice(0, 20_000),
          ...(pageWindowMinutes ? { pageWindowMinutes } : {}),
        }).catch(() => {
          // The background validates and may refuse, or the extension was reloaded: the page never sees our errors.
        });
      },
      setTimeout: (fn, ms) => window.setTimeout(fn, ms),
      clearTimeout: (id) => window.clearTimeout(id),
    });

  let stop = start();
  // SPA shops (qs-faka, kamiFaka) change route without a page load: start over on the new route.
  watchLocation(() => {
    stop();
    stop = start();
  });
});
