import { browser } from 'wxt/browser';
import type { ScriptPublicPath } from 'wxt/utils/inject-script';
import type { CheckoutUpdate } from '@/lib/checkout/form-refs';
import type { SenderLike } from '@/lib/messaging/sender';

/** Path of the built snapshot sender (entrypoints/page-snapshot.ts): what shop pages get. */
export const SNAPSHOT_SCRIPT = '/page-snapshot.js';
/** Path of the built extractor (entrypoints/extractor.ts): for pages a snapshot cannot carry. */
export const ORDERS_SCRIPT = '/extractor.js';
/** Path of the built checkout panel (entrypoints/checkout.ts, issue 14). */
export const CHECKOUT_SCRIPT = '/checkout.js';
/** Path of the checkout check with its buy-form finder, for buy pages a snapshot cannot carry. */
export const CHECKOUT_IN_TAB_SCRIPT = '/checkout-in-tab.js';

/**
 * Has a tab's frame read as a shop page: the snapshot sender goes in (lib/content/send-snapshots.ts), and the page is
 * read in the background. The scripts guard against running twice, whichever came first, so injecting on every hint
 * (the page's URL and title, the popup's scan button) is safe. Pages we may not script (the Web Store, chrome://) are
 * skipped quietly: returns false.
 */
export function injectPageReader(tabId: number, frameId?: number): Promise<boolean> {
  return injectScript(SNAPSHOT_SCRIPT, tabId, frameId);
}

/** Runs the extractor itself in the tab: a snapshot cannot carry the page (extractorHandover). */
export function injectExtractor(tabId: number, frameId?: number): Promise<boolean> {
  return injectScript(ORDERS_SCRIPT, tabId, frameId);
}

/**
 * Tells the checkout panel in the sender's page what to show (lib/checkout/form-refs.ts), bringing the panel script
 * first when `first`. Aimed at the sending document where the browser names it (Chromium), so an update never lands on
 * the next page of the tab. False when the page is gone or may not be scripted.
 */
export async function tellCheckout(sender: SenderLike, update: CheckoutUpdate, first: boolean): Promise<boolean> {
  if (first && !(await injectInto(sender, { files: [CHECKOUT_SCRIPT] }))) return false;
  return injectInto(sender, {
    // Runs in the panel script's isolated world, where it left its entry point (lib/content/checkout.ts).
    // (Self-contained: the function is sent as its source, so the name is written out here.)
    func: (u: CheckoutUpdate) =>
      (globalThis as unknown as Record<string, ((u: CheckoutUpdate) => void) | undefined>)[
        '__kamiguardCheckoutUpdate'
      ]?.(u),
    args: [update],
  });
}

/** Brings the checkout check with its finder to the sender's page (a buy page whose snapshot cannot be read). */
export function injectCheckoutInTab(sender: SenderLike): Promise<boolean> {
  return injectInto(sender, { files: [CHECKOUT_IN_TAB_SCRIPT] });
}

type Injection = { files: [ScriptPublicPath] } | { func: (u: CheckoutUpdate) => void; args: [CheckoutUpdate] };
type Target = { tabId: number; frameIds?: number[]; documentIds?: string[] };

/**
 * Runs a script in the sending document where the browser names it (Chromium: a page that has gone meanwhile gets
 * nothing, rather than the tab's next page), else in the sender's frame (Firefox).
 */
function injectInto(sender: SenderLike, what: Injection): Promise<boolean> {
  const tabId = sender.tab?.id;
  if (tabId === undefined) return Promise.resolve(false);
  return execute(
    sender.documentId ? { tabId, documentIds: [sender.documentId] } : { tabId, frameIds: [sender.frameId ?? 0] },
    what,
  );
}

function injectScript(file: ScriptPublicPath, tabId: number, frameId?: number): Promise<boolean> {
  return execute(frameId === undefined ? { tabId } : { tabId, frameIds: [frameId] }, { files: [file] });
}

/** One injection; false when the document is gone or is a page we may not script (the Web Store, chrome://). */
async function execute(target: Target, what: Injection): Promise<boolean> {
  try {
    await browser.scripting.executeScript({ target, ...what } as Parameters<typeof browser.scripting.executeScript>[0]);
    return true;
  } catch {
    return false;
  }
}
