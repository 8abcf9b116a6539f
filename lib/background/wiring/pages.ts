/**
 * What the background does for shop pages: bring the snapshot sender and the checkout script where a page's URL and
 * title say shop (lib/background/page-hints.ts), read and store what they send (orders, payment stop pages, buy-page
 * facts), and read payment return URLs from the navigation.
 */
import { browser } from 'wxt/browser';
import { recordPaymentSeen } from '@/lib/db';
import { afterSighting } from '@/lib/background/after-sighting';
import { handleCheckoutHide, handleCheckoutSeen } from '@/lib/background/checkout';
import { checkoutPages } from '@/lib/background/checkout-pages';
import { injectCheckoutInTab, injectPageReader, injectExtractor, tellCheckout } from '@/lib/background/inject';
import { handleOrdersSeen } from '@/lib/background/orders-seen';
import { handlePaymentStop } from '@/lib/background/payment-stop';
import { handlePageSnapshot } from '@/lib/background/snapshot';
import { pageHints } from '@/lib/background/page-hints';
import { autoStampAfterStatusChange } from '@/lib/background/timestamp';
import { reportWriteError } from '@/lib/background/write-errors';
import { loadCheckoutSettings, panelMode } from '@/lib/checkout/settings';
import { parsePaymentReturn } from '@/lib/extract/payment-return';
import { onMessage } from '@/lib/messaging/protocol';
import { checkSender, type SenderLike } from '@/lib/messaging/sender';
import { rescheduleOrder } from '@/lib/reminders';
import { uiLocale } from '@/lib/ui-locale';
import { onPageSeen } from '@/lib/watch';
import type { BackgroundContext } from './context';

/** A navigation listener for the tab's top frame only (frames are never read: README, "Framed pages"). */
const topFrame =
  <T extends { frameId: number; tabId: number }>(on: (nav: T) => void) =>
  (nav: T) => {
    if (nav.frameId === 0 && nav.tabId >= 0) on(nav);
  };

export function listenToPages(ctx: BackgroundContext): void {
  const { db, api, ownId, ownOrigin, capturer, stampDeps } = ctx;

  const ordersSeen = (data: unknown, sender: SenderLike): ReturnType<typeof handleOrdersSeen> =>
    handleOrdersSeen(data, sender, {
      db,
      ownId,
      ownOrigin,
      now: Date.now(),
      afterStore: async (after) => {
        await afterSighting(after, {
          db,
          now: Date.now(),
          requestCapture: (req) => capturer.request(req),
          reschedule: (id) => rescheduleOrder(db, api, id, Date.now()).then(() => undefined),
          statusChanged: (id) => void autoStampAfterStatusChange(stampDeps, id),
        });
        // The buyer just looked at these orders: their background checks count from now.
        await onPageSeen(
          db,
          api,
          after.stored.map((s) => s.result.orderId),
          Date.now(),
        );
      },
      onWriteError: (message) => reportWriteError(message, Date.now()),
    }).finally(() => {
      // The page may be one a waiting capture needs (after a browser restart its tab is a new one).
      void capturer.run();
    });
  // A payment stop page (支付成功, nothing else) whose trade number a payment page of the same gateway linked to an
  // order: the payment is recorded on that order.
  const paymentStopSeen = (data: unknown, sender: SenderLike): ReturnType<typeof handlePaymentStop> =>
    handlePaymentStop(data, sender, { db, ownId, ownOrigin, now: Date.now(), reschedule: ctx.orderChanged });

  const checkoutContext = (): Parameters<typeof handleCheckoutSeen>[2] => ({
    db,
    ownId,
    ownOrigin,
    now: Date.now(),
    t: (key, subs) => browser.i18n.getMessage(key as never, subs) || key,
    locale: uiLocale(),
  });
  // Buy pages: their forms are found in their snapshots, and the panel in the page is told what to show.
  const buyPages = checkoutPages({ context: checkoutContext, tell: tellCheckout, injectInTab: injectCheckoutInTab });

  // Shop pages send snapshots, read here (lib/background/snapshot.ts); a page a snapshot cannot carry is read by the
  // extractor in the tab, which sends what it reads (ordersSeen, paymentStopSeen).
  const lastReports = new Map<string, string>();
  onMessage('pageSnapshot', ({ data, sender }) =>
    handlePageSnapshot(data, sender, {
      ownId,
      ownOrigin,
      read: ctx.readSnapshot,
      ordersSeen,
      paymentStopSeen,
      lastReports,
      buyPages,
    }),
  );
  onMessage('ordersSeen', ({ data, sender }) => ordersSeen(data, sender));
  onMessage('paymentStopSeen', ({ data, sender }) => paymentStopSeen(data, sender));
  // The in-tab finder's question (a buy page a snapshot cannot carry), and the panel's "not on this shop".
  onMessage('checkoutSeen', ({ data, sender }) => handleCheckoutSeen(data, sender, checkoutContext()));
  onMessage('checkoutHide', async ({ sender }) => {
    const reply = await handleCheckoutHide(sender, checkoutContext());
    if (sender.tab?.id !== undefined) buyPages.changed(sender.tab.id);
    return reply;
  });

  // The buy-form check, unless the buyer turned both the panel and the recipient check off for this shop.
  const checkoutWanted = async (url: string | undefined): Promise<boolean> => {
    const host = url ? URL.parse(url)?.host : undefined;
    return host !== undefined && panelMode(await loadCheckoutSettings(db), host) !== 'off';
  };

  // Which pages get our scripts, from their URL and title (lib/background/page-hints.ts): nothing runs in a page before.
  const hints = pageHints((tabId, script, url) => {
    if (script === 'reader') void injectPageReader(tabId, 0);
    else
      // The buy form is looked for in the page's snapshots (the snapshot sender comes with the 'reader' hint).
      void checkoutWanted(url).then((yes) => {
        if (yes) buyPages.mark(tabId);
      });
  });
  const look = (tabId: number): void =>
    void browser.tabs.get(tabId).then(
      (tab) => hints.seen(tabId, tab.url, tab.title),
      () => undefined, // closed meanwhile
    );
  browser.webNavigation.onCommitted.addListener(
    topFrame((nav) => {
      hints.committed(nav.tabId);
      buyPages.forget(nav.tabId);
    }),
  );
  // The content is there (the title with it); the load ended (a title set by script); a single-page shop changed route.
  browser.webNavigation.onDOMContentLoaded.addListener(topFrame((nav) => look(nav.tabId)));
  browser.webNavigation.onCompleted.addListener(topFrame((nav) => look(nav.tabId)));
  browser.webNavigation.onHistoryStateUpdated.addListener(topFrame((nav) => look(nav.tabId)));
  browser.webNavigation.onReferenceFragmentUpdated.addListener(topFrame((nav) => look(nav.tabId)));
  browser.tabs.onUpdated.addListener((tabId, change, tab) => {
    if (change.title !== undefined) hints.seen(tabId, tab.url, change.title);
  });
  browser.tabs.onRemoved.addListener((tabId) => {
    hints.closed(tabId);
    buyPages.forget(tabId);
  });

  // A page a snapshot cannot carry (too large, or a tree markup cannot rebuild): the extractor reads it in the tab.
  onMessage('extractorHandover', async ({ sender }) => {
    checkSender(sender, 'content', ownId, ownOrigin);
    return { injected: await injectExtractor(sender.tab!.id!, sender.frameId) };
  });

  // A payment return URL (epay's TRADE_SUCCESS redirect) is often answered with a redirect, so no page of it is ever
  // rendered: only the navigation shows it.
  browser.webNavigation.onBeforeNavigate.addListener((nav) => {
    const payment = nav.frameId === 0 ? parsePaymentReturn(nav.url) : undefined;
    if (payment) void recordPaymentSeen(db, { ...payment, at: Date.now() }).then(ctx.orderChanged);
  });
}
