/**
 * The buy-form finder running in the tab, for the pages a snapshot cannot carry (too large, or a tree markup cannot
 * rebuild: lib/extract/snapshot-reading.ts): it finds the form itself (again after the page changes), sends the page's
 * texts to the background (checkoutSeen) and shows what it answers. Every other buy page is read in the background
 * (lib/checkout/buy-page-reading.ts) and its panel told what to show (lib/checkout/form-refs.ts).
 */
import { findBuyForm } from './buy-form';
import { collectPage } from './buy-page-reading';
import type { CheckoutPanel } from './run';
import type { CheckoutReply } from '@/lib/messaging/protocol';
import type { CheckoutSeenData } from '@/lib/messaging/schemas';

export interface InTabDeps {
  doc: Document;
  /** The page's URL now (SPA shops change it without a load). */
  url(): string;
  /** Asks the background what to show (checkoutSeen). */
  seen(data: CheckoutSeenData): Promise<CheckoutReply>;
  setTimeout(fn: () => void, ms: number): number;
  clearTimeout(id: number): void;
  visible?: (el: Element) => boolean;
}

/** How long the page is watched for a buy form to appear or change, and how often at most. */
const WATCH_MS = 30 * 60_000;
const MAX_SCANS = 120;
/** Quiet time after the page's last change before it is read again (a ticking countdown reads it once a second). */
const DEBOUNCE_MS = 400;

/** Finds the buy form in the page and keeps `panel` showing it; returns a function that stops watching. */
export function watchBuyFormInTab(deps: InTabDeps, panel: CheckoutPanel): () => void {
  const { doc } = deps;
  let scans = 0;
  let pending: number | undefined;
  let reply: CheckoutReply | undefined;
  /** Which page and product the background was told about, so a re-scan does not ask again. */
  let asked = '';

  const scan = (): void => {
    pending = undefined;
    if (panel.stopped) return stopWatching();
    scans++;
    const found = findBuyForm(doc, deps.visible ? { visible: deps.visible } : {});
    if (found) {
      const key = `${deps.url()}\n${found.product ?? ''}`;
      if (key !== asked) {
        asked = key;
        deps.seen({ url: deps.url().slice(0, 2048), ...collectPage(doc, found) }).then(
          (r) => {
            reply = r;
            panel.show(found, r);
          },
          () => undefined, // the extension was reloaded, or refused: show nothing rather than guess the settings
        );
      } else if (reply) panel.show(found, reply);
    } else if (reply) panel.show(undefined, reply);
    if (scans >= MAX_SCANS) stopWatching();
  };

  const observer = new MutationObserver((records) => {
    // Our own panel (its insertion, its style) is no reason to read the page again.
    const host = panel.host;
    const ours = (r: MutationRecord): boolean =>
      r.target === host ||
      (r.type === 'childList' && [...Array.from(r.addedNodes), ...Array.from(r.removedNodes)].every((n) => n === host));
    if (host && records.every(ours)) return;
    if (pending !== undefined) deps.clearTimeout(pending);
    pending = deps.setTimeout(scan, DEBOUNCE_MS);
  });
  const stopWatching = (): void => {
    observer.disconnect();
    if (pending !== undefined) deps.clearTimeout(pending);
    deps.clearTimeout(deadline);
  };
  observer.observe(doc.documentElement, {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: ['class', 'style', 'hidden', 'value', 'disabled'],
  });
  const deadline = deps.setTimeout(stopWatching, WATCH_MS);
  scan();
  return stopWatching;
}
