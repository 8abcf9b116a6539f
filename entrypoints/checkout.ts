import { startCheckout } from '@/lib/checkout/run';
import { sendFromContent } from '@/lib/messaging/content-sender';

// The checkout check (issue 14). Injected by the background (scripting.executeScript) only where the page's URL and
// title say it may be a shop's buy page (lib/background/page-hints.ts); it then looks for a buy form and otherwise
// does nothing. An unlisted script rather than a WXT content script: the content-script wrapper brings
// webextension-polyfill along.
export default defineUnlistedScript(() => {
  const flag = '__kamiguardCheckout';
  const w = window as unknown as Record<string, boolean>;
  if (w[flag]) return; // injected again (a worker restart forgot it was): one check is enough
  w[flag] = true;

  startCheckout({
    doc: document,
    url: () => location.href,
    seen: (data) => sendFromContent('checkoutSeen', data),
    hide: () => sendFromContent('checkoutHide', undefined),
    setTimeout: (fn, ms) => window.setTimeout(fn, ms),
    clearTimeout: (id) => window.clearTimeout(id),
    // Bench builds time each keystroke's check and the first render; production builds drop the branch (a page must
    // not see our timings).
    ...(import.meta.env.MODE === 'bench'
      ? {
          measure: (what: string, start: number) =>
            performance.measure(`kamiguard:checkout-${what}`, { start, end: performance.now() }),
        }
      : {}),
  });
});
