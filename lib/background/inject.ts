import { browser } from 'wxt/browser';

/** Path of the built extractor content script (entrypoints/extractor.ts). */
export const ORDERS_SCRIPT = '/extractor.js';

/**
 * Runs the extractor in a tab's frame. The script guards against running twice, so injecting on every hint
 * (probe, navigation, the popup's scan button) is safe. Pages we may not script (the Web Store, chrome://) are
 * skipped quietly: returns false.
 */
export async function injectExtractor(tabId: number, frameId?: number): Promise<boolean> {
  try {
    await browser.scripting.executeScript({
      target: frameId === undefined ? { tabId } : { tabId, frameIds: [frameId] },
      files: [ORDERS_SCRIPT],
    });
    return true;
  } catch {
    return false;
  }
}
