/**
 * Buy pages, seen from the background (issue 14). The page test (lib/background/page-hints.ts) marks a tab whose page
 * may be a buy page; that page's snapshots (lib/background/snapshot.ts) are then also read for a buy form
 * (lib/checkout/buy-page-reading.ts). When one is found, the panel script goes into the page once and is told after
 * each reading where the form is and what to show (lib/checkout/form-refs.ts): the product's facts, the buyer's record
 * at this shop and the settings, from `handleCheckoutSeen` with the page's own sender, as if the page had asked. A page
 * whose snapshot cannot be read gets the finder in the tab instead (entrypoints/checkout-in-tab.ts).
 */
import type { BuyPageReading } from '@/lib/checkout/buy-page-reading';
import type { CheckoutUpdate } from '@/lib/checkout/form-refs';
import type { CheckoutReply } from '@/lib/messaging/protocol';
import type { SenderLike } from '@/lib/messaging/sender';
import { handleCheckoutSeen, type CheckoutContext } from './checkout';

export interface CheckoutPagesDeps {
  context(): CheckoutContext;
  /** Sends an update to the sender's page, first bringing the panel script when `first`; false when it could not. */
  tell(sender: SenderLike, update: CheckoutUpdate, first: boolean): Promise<boolean>;
  /** Brings the in-tab finder (and panel) to the sender's page. */
  injectInTab(sender: SenderLike): Promise<boolean>;
}

interface PageState {
  /** Page and product the reply is for: the background reads the product's facts again when either changes. */
  asked: string;
  reply: CheckoutReply;
  /** The panel script is in the page. */
  told: boolean;
  inTab?: true;
}

/** Pages remembered; the oldest is forgotten first (its next reading asks again). */
const MAX_PAGES = 200;

export interface CheckoutPages {
  /** The page test says the tab's page may be a buy page (and the panel is not off on its shop). */
  mark(tabId: number): void;
  /** The tab shows another document, or is gone. */
  forget(tabId: number): void;
  /** The buyer changed the panel's settings on the tab's page: ask again on its next reading. */
  changed(tabId: number): void;
  wanted(sender: SenderLike): boolean;
  seen(found: BuyPageReading | undefined, url: string, page: string, sender: SenderLike): Promise<void>;
  readInTab(page: string, sender: SenderLike): Promise<void>;
}

export function checkoutPages(deps: CheckoutPagesDeps): CheckoutPages {
  const marked = new Set<number>();
  const pages = new Map<string, PageState>();
  const dropTab = (tabId: number): void => {
    for (const key of Array.from(pages.keys())) if (key.startsWith(`${tabId}:`)) pages.delete(key);
  };
  const remember = (page: string, state: PageState): void => {
    pages.delete(page);
    pages.set(page, state);
    if (pages.size > MAX_PAGES) pages.delete(pages.keys().next().value!);
  };
  return {
    mark(tabId) {
      if (marked.size >= MAX_PAGES && !marked.has(tabId)) marked.delete(marked.values().next().value!);
      marked.add(tabId);
    },
    forget(tabId) {
      marked.delete(tabId);
      dropTab(tabId);
    },
    changed: dropTab,
    // Top frames only, as the page test itself (frames are never read: README, "Framed pages").
    wanted: (sender) => (sender.frameId ?? 0) === 0 && marked.has(sender.tab?.id ?? -1),

    async seen(found, url, page, sender) {
      const state = pages.get(page);
      if (state?.inTab) return; // the finder in the tab has this page
      if (!found) {
        // The form went away (a single-page shop changed route): the panel goes too.
        if (state?.told) await deps.tell(sender, { reply: state.reply }, false);
        return;
      }
      const asked = `${url}\n${found.page.product ?? ''}`;
      const reply =
        state?.asked === asked ? state.reply : await handleCheckoutSeen({ url, ...found.page }, sender, deps.context());
      const told = state?.told ?? false;
      // Off on this shop: nothing goes into the page (a panel already there stops).
      if (reply.mode === 'off' && !told) return remember(page, { asked, reply, told });
      const ok = await deps.tell(sender, reply.mode === 'off' ? { reply } : { form: found.form, reply }, !told);
      remember(page, { asked, reply, told: told || ok });
    },

    async readInTab(page, sender) {
      if (pages.get(page)?.inTab) return;
      remember(page, { asked: '', reply: { mode: 'off' }, told: false, inTab: true });
      await deps.injectInTab(sender);
    },
  };
}
