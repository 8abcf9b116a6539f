/**
 * Which of our scripts a tab's page gets, decided in the background from what the browser already knows of the page:
 * its URL and title (lib/extract/page-probe.ts for order, query and payment pages, lib/checkout/page-hint.ts for buy
 * pages). No script of ours runs in a page until that test says shop: an ordinary page pays nothing at all, and a shop
 * page does not pay for a script whose only work is to say so. Each kind is injected once per document of the tab's top
 * frame, whichever event told first (the document's content loaded, its load ended, its title changed, a single-page
 * shop's route changed); the scripts guard against a second run too, for a worker restart that forgets this.
 */
import { looksLikeCheckoutPage } from '@/lib/checkout/page-hint';
import { looksLikeShopPage } from '@/lib/extract/page-probe';

/**
 * What a page gets: the snapshot sender (order, query, payment and buy pages), and the checkout check (buy pages: their
 * snapshots are searched for a buy form, lib/background/checkout-pages.ts).
 */
export type PageScript = 'reader' | 'checkout';

export interface PageHints {
  /** A new document was committed in the tab's top frame: it has none of our scripts yet. */
  committed(tabId: number): void;
  /** What the browser knows of the page in the tab's top frame now. */
  seen(tabId: number, url: string | undefined, title: string | undefined): void;
  /** The tab is gone. */
  closed(tabId: number): void;
}

/** Tabs remembered at most (a tab forgotten early only gets an injection its page's script declines). */
const MAX_TABS = 500;

export function pageHints(inject: (tabId: number, script: PageScript, url: string) => void): PageHints {
  const given = new Map<number, Set<PageScript>>();
  return {
    committed: (tabId) => void given.delete(tabId),
    closed: (tabId) => void given.delete(tabId),
    seen(tabId, url, title = '') {
      if (!url) return;
      const buy = looksLikeCheckoutPage(url, title);
      // A buy page's form is looked for in its snapshots: it gets the snapshot sender too, once.
      const wants: Array<[PageScript, boolean]> = [
        ['reader', buy || looksLikeShopPage(url, title)],
        ['checkout', buy],
      ];
      for (const [script, wanted] of wants) {
        const has = given.get(tabId);
        if (!wanted || has?.has(script)) continue;
        if (has) has.add(script);
        else {
          if (given.size >= MAX_TABS) given.delete(given.keys().next().value!);
          given.set(tabId, new Set([script]));
        }
        inject(tabId, script, url);
      }
    },
  };
}
