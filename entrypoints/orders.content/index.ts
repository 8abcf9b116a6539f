import { extractOrders } from '@/lib/extract';
import { parsePromisedWindowMinutes } from '@/lib/extract/normalize';
import { watchOrders } from '@/lib/content/watch';
import { sendMessage } from '@/lib/messaging/protocol';

// Injected by the background (registration: 'runtime') only into pages the probe or the tab's URL marked as shop
// pages, so this bundle — the extractor — never loads on ordinary pages.
export default defineContentScript({
  registration: 'runtime',
  main(ctx) {
    const flag = '__kamiguardOrders';
    const w = window as unknown as Record<string, boolean>;
    if (w[flag]) return; // injected twice (probe + navigation): one watcher is enough
    w[flag] = true;

    const start = (): (() => void) =>
      watchOrders({
        root: document.documentElement,
        extract: () => extractOrders(document, location.href),
        report: (orders) => {
          const pageWindowMinutes = parsePromisedWindowMinutes(document.body?.textContent?.slice(0, 200_000) ?? '');
          sendMessage('ordersSeen', {
            orders,
            url: location.href,
            title: document.title.slice(0, 512),
            ...(pageWindowMinutes ? { pageWindowMinutes } : {}),
          }).catch(() => {
            // The background validates and may refuse; the page must never see our errors.
          });
        },
        setTimeout: (fn, ms) => ctx.setTimeout(fn, ms),
        clearTimeout: (id) => clearTimeout(id),
      });

    let stop = start();
    ctx.onInvalidated(() => stop());
    // SPA shops (qs-faka, kamiFaka) change route without a page load.
    ctx.addEventListener(window, 'wxt:locationchange', () => {
      stop();
      stop = start();
    });
  },
});
