import { formFromRefs, type CheckoutUpdate } from '@/lib/checkout/form-refs';
import { watchBuyFormInTab } from '@/lib/checkout/in-tab';
import { startPanel, type CheckoutPanel } from '@/lib/checkout/run';
import { sendFromContent } from '@/lib/messaging/content-sender';

/**
 * The checkout scripts' side in a page (issue 14): the panel, told what to show by the background
 * (entrypoints/checkout.ts), or the finder and the panel together for a page a snapshot cannot carry
 * (entrypoints/checkout-in-tab.ts). The isolated world they share holds the flag tests read and the function the
 * background calls with each update (lib/background/checkout-pages.ts).
 */
const world = globalThis as unknown as Record<string, unknown>;
/** Set once a checkout script runs in the page (tests read it). */
const FLAG = '__kamiguardCheckout';
/** What the background calls with each update (lib/background/inject.ts `tellCheckout`, which names it too). */
const UPDATE = '__kamiguardCheckoutUpdate';
type Update = (update: CheckoutUpdate) => void;

function panel(): CheckoutPanel {
  world[FLAG] = true;
  return startPanel({
    doc: document,
    hide: () => sendFromContent('checkoutHide', undefined),
    // Bench builds time each keystroke's check and the first render; production builds drop the branch (a page must
    // not see our timings).
    ...(import.meta.env.MODE === 'bench'
      ? {
          measure: (what: string, start: number) =>
            performance.measure(`kamiguard:checkout-${what}`, { start, end: performance.now() }),
        }
      : {}),
  });
}

/** The panel, shown as the background says after each reading of the page's snapshot. */
export function runCheckoutPanel(): void {
  if (world[FLAG]) return; // injected again (a worker restart forgot it was): one panel is enough
  const shown = panel();
  world[UPDATE] = ((update) => {
    const form = update.form && formFromRefs(document, update.form);
    // The page changed since the copy the background read: its next snapshot brings the next update.
    if (update.form && !form) return;
    shown.show(form, update.reply);
  }) satisfies Update;
}

/** The finder in the tab, with the panel (a page whose snapshot the background cannot read). */
export function runCheckoutInTab(): void {
  const told = world[UPDATE] as Update | undefined;
  if (told) {
    // The background-told panel was here first: it steps aside.
    told({ reply: { mode: 'off' } });
    world[UPDATE] = undefined;
  } else if (world[FLAG]) return;
  watchBuyFormInTab(
    {
      doc: document,
      url: () => location.href,
      seen: (data) => sendFromContent('checkoutSeen', data),
      setTimeout: (fn, ms) => window.setTimeout(fn, ms),
      clearTimeout: (id) => window.clearTimeout(id),
    },
    panel(),
  );
}
