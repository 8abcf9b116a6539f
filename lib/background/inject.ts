import { browser } from 'wxt/browser';
import type { ScriptPublicPath } from 'wxt/utils/inject-script';

/** Path of the built snapshot sender (entrypoints/page-snapshot.ts): what shop pages get. */
export const SNAPSHOT_SCRIPT = '/page-snapshot.js';
/** Path of the built extractor (entrypoints/extractor.ts): for pages a snapshot cannot carry. */
export const ORDERS_SCRIPT = '/extractor.js';
/** Path of the built checkout script (entrypoints/checkout.ts, issue 14). */
export const CHECKOUT_SCRIPT = '/checkout.js';

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

/** Runs the checkout script in a tab's frame; like the extractor it guards against running twice. */
export function injectCheckout(tabId: number, frameId?: number): Promise<boolean> {
  return injectScript(CHECKOUT_SCRIPT, tabId, frameId);
}

async function injectScript(file: ScriptPublicPath, tabId: number, frameId?: number): Promise<boolean> {
  try {
    await browser.scripting.executeScript({ target: targetOf(tabId, frameId), files: [file] });
    return true;
  } catch {
    return false;
  }
}

const targetOf = (tabId: number, frameId?: number): { tabId: number; frameIds?: number[] } =>
  frameId === undefined ? { tabId } : { tabId, frameIds: [frameId] };
