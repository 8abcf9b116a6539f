import { browser } from 'wxt/browser';
import type { ScriptPublicPath } from 'wxt/utils/inject-script';

/** Path of the built extractor content script (entrypoints/extractor.ts). */
export const ORDERS_SCRIPT = '/extractor.js';
/** Path of the built checkout script (entrypoints/checkout.ts, issue 14). */
export const CHECKOUT_SCRIPT = '/checkout.js';

/**
 * Runs the extractor in a tab's frame. The script guards against running twice, so injecting on every hint
 * (probe, navigation, the popup's scan button) is safe. Pages we may not script (the Web Store, chrome://) are
 * skipped quietly: returns false.
 */
export function injectExtractor(tabId: number, frameId?: number): Promise<boolean> {
  return injectScript(ORDERS_SCRIPT, tabId, frameId);
}

/** Runs the checkout script in a tab's frame; like the extractor it guards against running twice. */
export function injectCheckout(tabId: number, frameId?: number): Promise<boolean> {
  return injectScript(CHECKOUT_SCRIPT, tabId, frameId);
}

async function injectScript(file: ScriptPublicPath, tabId: number, frameId?: number): Promise<boolean> {
  try {
    await browser.scripting.executeScript({
      target: frameId === undefined ? { tabId } : { tabId, frameIds: [frameId] },
      files: [file],
    });
    return true;
  } catch {
    return false;
  }
}
