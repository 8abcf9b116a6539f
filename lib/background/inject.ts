import { browser } from 'wxt/browser';
import type { ScriptPublicPath } from 'wxt/utils/inject-script';
import { chooseOneSystem, ONE_SYSTEM_ROUTES } from '@/lib/extract/route';

/** Path of the built full extractor (entrypoints/extractor.ts). */
export const ORDERS_SCRIPT = '/extractor.js';
/** The one-system extractors (entrypoints/extractor-<id>.ts), by adapter id: one per route of lib/extract/route.ts. */
export const ONE_SYSTEM_SCRIPTS: Readonly<Record<string, ScriptPublicPath>> = {
  dujiaoka: '/extractor-dujiaoka.js',
};
/** Path of the built checkout script (entrypoints/checkout.ts, issue 14). */
export const CHECKOUT_SCRIPT = '/checkout.js';

/**
 * Runs an extractor in a tab's frame: the one-system bundle a tiny look at the page chooses (lib/extract/route.ts), else
 * the full one. The scripts guard against running twice, whichever came first, so injecting on every hint (probe,
 * navigation, the popup's scan button) is safe. Pages we may not script (the Web Store, chrome://) are skipped quietly:
 * returns false.
 */
export async function injectExtractor(tabId: number, frameId?: number): Promise<boolean> {
  let chosen: unknown;
  try {
    const [result] = await browser.scripting.executeScript({
      target: targetOf(tabId, frameId),
      func: chooseOneSystem,
      args: [ONE_SYSTEM_ROUTES],
    });
    chosen = result?.result;
  } catch {
    return false;
  }
  if (chosen === false) return true; // an extractor runs there already
  const script = typeof chosen === 'string' ? ONE_SYSTEM_SCRIPTS[chosen] : undefined;
  return injectScript(script ?? ORDERS_SCRIPT, tabId, frameId);
}

/** Runs the full extractor: a one-system extractor met a page its adapter does not claim (extractorHandover). */
export function injectFullExtractor(tabId: number, frameId?: number): Promise<boolean> {
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
