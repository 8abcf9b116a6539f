import { getDb, recordPaymentSeen } from '@/lib/db';
import { handleAddOrder } from '@/lib/background/add-order';
import { handleOrdersSeen } from '@/lib/background/orders-seen';
import { handlePaymentStop } from '@/lib/background/payment-stop';
import { injectCheckout, injectExtractor } from '@/lib/background/inject';
import { handleCheckoutHide, handleCheckoutSeen } from '@/lib/background/checkout';
import { looksLikeCheckoutPage, probeWants } from '@/lib/checkout/page-hint';
import { loadCheckoutSettings, panelMode } from '@/lib/checkout/settings';
import { uiLocale } from '@/lib/ui-locale';
import { afterSighting } from '@/lib/background/after-sighting';
import { installBenchHooks } from '@/lib/background/bench-hooks';
import { createCapturer } from '@/lib/background/capture';
import { browserCaptureDeps } from '@/lib/background/capture-deps';
import {
  CAPTURE_COMMAND,
  CAPTURE_MENU_ID,
  createCaptureMenu,
  manualCaptureHandler,
} from '@/lib/background/manual-capture';
import { applyOrderAction } from '@/lib/background/order-actions';
import { openOnboardingOnInstall } from '@/lib/background/onboarding';
import { openOrderPage } from '@/lib/background/open-order';
import { autoStampAfterStatusChange, handleStampManifest, handleStampOrder } from '@/lib/background/timestamp';
import { reportWriteError } from '@/lib/background/write-errors';
import { isProbeMessage, looksLikeShopPage } from '@/lib/extract/page-probe';
import { parsePaymentReturn } from '@/lib/extract/payment-return';
import { onMessage, sendMessage } from '@/lib/messaging/protocol';
import { checkSender } from '@/lib/messaging/sender';
import {
  CaptureTabSchema,
  OrderActionMessageSchema,
  StampManifestSchema,
  StampOrderSchema,
  parseMessage,
} from '@/lib/messaging/schemas';
import {
  onAlarm,
  onNotificationButton,
  onNotificationClicked,
  rebuildAlarms,
  rescheduleOrder,
  snoozeOrder,
  type ReminderBrowser,
} from '@/lib/reminders';
import {
  fetchOrderPage,
  localReader,
  offscreenReader,
  onPageSeen,
  rebuildWatch,
  runWatch,
  syncWatchOrder,
  WATCH_ALARM,
  type OffscreenApi,
  type WatchRunDeps,
} from '@/lib/watch';

// Wiring only: every listener is registered synchronously at start-up (an MV3 service worker that wakes for an
// event must find its listener already there), and every handler reads its state from the database.
export default defineBackground(() => {
  const db = getDb();
  const api = browser as unknown as ReminderBrowser;
  const ownId = browser.runtime.id;
  const base = new URL(browser.runtime.getURL('/'));
  const ownOrigin = `${base.protocol}//${base.host}`;
  const fromExtensionPage = (sender: Parameters<typeof checkSender>[0]): void =>
    void checkSender(sender, 'extension-page', ownId, ownOrigin);
  const captureDeps = browserCaptureDeps(db);
  const capturer = createCapturer(captureDeps);
  const manualCapture = manualCaptureHandler(db, capturer);
  // Trusted timestamps: the only requests to anyone but the shops, on the buyer's click or opt-in setting.
  const stampDeps = { db, now: Date.now };
  // Watching waiting orders: a fetched page is parsed where a DOM exists — here in Firefox's event page, in an
  // offscreen document from Chromium's service worker.
  const pageReader =
    typeof DOMParser === 'function'
      ? localReader
      : offscreenReader(chrome as unknown as OffscreenApi, (data) => sendMessage('parsePage', data));
  const watchDeps: WatchRunDeps = {
    db,
    browser: api,
    fetchPage: (req) => fetchOrderPage(req),
    readPage: (html, url, orderNo) => pageReader.readPage(html, url, orderNo),
    finished: () => pageReader.release(),
    now: () => Date.now(),
    random: Math.random,
    // A check's sighting gets the visit's evidence and reminder steps; it has no tab, so nothing to capture.
    afterStore: (after, now) =>
      afterSighting(after, {
        db,
        now,
        requestCapture: async () => undefined,
        reschedule: (id) => rescheduleOrder(db, api, id, Date.now()).then(() => undefined),
        statusChanged: (id) => void autoStampAfterStatusChange(stampDeps, id),
      }),
  };
  const rebuildAll = async (replan = false): Promise<void> => {
    await rebuildAlarms(db, api, Date.now());
    await rebuildWatch(db, api, Date.now(), Math.random, { replan });
  };

  onMessage('ordersSeen', ({ data, sender }) =>
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
    }),
  );

  onMessage('paymentStopSeen', ({ data, sender }) =>
    handlePaymentStop(data, sender, {
      db,
      ownId,
      ownOrigin,
      now: Date.now(),
      reschedule: (id) => rescheduleOrder(db, api, id, Date.now()).then(() => undefined),
    }),
  );

  const checkoutContext = (): Parameters<typeof handleCheckoutSeen>[2] => ({
    db,
    ownId,
    ownOrigin,
    now: Date.now(),
    t: (key, subs) => browser.i18n.getMessage(key as never, subs) || key,
    locale: uiLocale(),
  });
  onMessage('checkoutSeen', ({ data, sender }) => handleCheckoutSeen(data, sender, checkoutContext()));
  onMessage('checkoutHide', ({ sender }) => handleCheckoutHide(sender, checkoutContext()));

  onMessage('scanTab', async ({ data, sender }) => {
    fromExtensionPage(sender);
    return { injected: await injectExtractor(data.tabId) };
  });

  onMessage('orderAction', async ({ data, sender }) => {
    fromExtensionPage(sender);
    const { orderId, action } = parseMessage(OrderActionMessageSchema, data);
    if (action.type === 'snooze') await snoozeOrder(db, api, orderId, Date.now());
    else await applyOrderAction(db, orderId, action, Date.now());
    await rescheduleOrder(db, api, orderId, Date.now());
    await syncWatchOrder(db, api, orderId, Date.now());
    return { ok: true };
  });

  onMessage('captureTab', async ({ data, sender }) => {
    fromExtensionPage(sender);
    return manualCapture.fromPopup(parseMessage(CaptureTabSchema, data));
  });

  onMessage('stampOrder', async ({ data, sender }) => {
    fromExtensionPage(sender);
    return handleStampOrder(stampDeps, parseMessage(StampOrderSchema, data).orderId);
  });

  onMessage('stampManifest', async ({ data, sender }) => {
    fromExtensionPage(sender);
    return handleStampManifest(stampDeps, parseMessage(StampManifestSchema, data).manifest);
  });

  // An order the buyer entered by hand (onboarding, add-order page): stored as entered by the buyer, reminders armed.
  onMessage('addOrder', async ({ data, sender }) => {
    const result = await handleAddOrder(data, sender, { db, ownId, ownOrigin, now: Date.now() });
    await rescheduleOrder(db, api, result.orderId, Date.now());
    return result;
  });

  onMessage('settingsChanged', async ({ sender }) => {
    fromExtensionPage(sender);
    await rebuildAll(true);
    return { ok: true };
  });

  // The checkout script, unless the buyer turned both the panel and the recipient check off for this shop.
  const checkoutWanted = async (url: string | undefined): Promise<boolean> => {
    const host = url ? URL.parse(url)?.host : undefined;
    return host !== undefined && panelMode(await loadCheckoutSettings(db), host) !== 'off';
  };

  // The probe content script found a page that looks like a shop page or a buy page: bring in the extractor, the
  // checkout script, or both.
  browser.runtime.onMessage.addListener((message, sender) => {
    if (!isProbeMessage(message) || sender.id !== ownId || sender.tab?.id === undefined) return undefined;
    const tabId = sender.tab.id;
    const wants = probeWants(message);
    if (wants.shop) void injectExtractor(tabId, sender.frameId);
    if (wants.checkout)
      void checkoutWanted(sender.url).then((yes) => (yes ? injectCheckout(tabId, sender.frameId) : false));
    return undefined;
  });

  // SPA shops change route without a page load, so the probe does not run again; the tab's URL still changes.
  browser.tabs.onUpdated.addListener((tabId, change, tab) => {
    if (!change.url || tab.status !== 'complete') return;
    if (looksLikeShopPage(change.url, tab.title ?? '')) void injectExtractor(tabId, 0);
    if (looksLikeCheckoutPage(change.url, tab.title ?? ''))
      void checkoutWanted(change.url).then((yes) => (yes ? injectCheckout(tabId, 0) : false));
  });

  // A payment return URL (epay's TRADE_SUCCESS redirect) is often answered with a redirect, so no page of it is ever
  // rendered: only the navigation shows it.
  browser.webNavigation.onBeforeNavigate.addListener((nav) => {
    const payment = nav.frameId === 0 ? parsePaymentReturn(nav.url) : undefined;
    if (payment)
      void recordPaymentSeen(db, { ...payment, at: Date.now() }).then(async (id) => {
        await rescheduleOrder(db, api, id, Date.now());
        await syncWatchOrder(db, api, id, Date.now());
      });
  });

  // Screenshots wait for their tab to be visible: try again whenever a tab or window comes to the front.
  browser.tabs.onActivated.addListener(() => void capturer.run());
  browser.windows.onFocusChanged.addListener(() => void capturer.run());
  // Manual capture of the page in front of the user: keyboard shortcut and context menu.
  browser.commands.onCommand.addListener((command, tab) => {
    if (command === CAPTURE_COMMAND) void manualCapture.fromPage(tab);
  });
  browser.contextMenus.onClicked.addListener((info, tab) => {
    if (info.menuItemId === CAPTURE_MENU_ID) void manualCapture.fromPage(tab);
  });

  // Reminders: alarms may be lost across a browser restart, so they are rebuilt from the database at every start.
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === WATCH_ALARM) void runWatch(watchDeps);
    else void onAlarm(db, api, alarm.name, Date.now());
  });
  browser.notifications.onClicked.addListener(async (id) => {
    const { openOrderId } = await onNotificationClicked(api, id);
    if (openOrderId !== undefined) await openOrderPage(openOrderId);
  });
  browser.notifications.onButtonClicked?.addListener(async (id, index) => {
    const { openOrderId } = await onNotificationButton(db, api, id, index, Date.now());
    if (openOrderId !== undefined) await openOrderPage(openOrderId);
  });
  browser.runtime.onInstalled.addListener(({ reason }) => {
    void rebuildAll();
    createCaptureMenu();
    void openOnboardingOnInstall(reason);
  });
  browser.runtime.onStartup.addListener(() => void rebuildAll());
  void rebuildAll();
  void capturer.run();
  if (import.meta.env.MODE === 'bench') installBenchHooks(db, capturer, captureDeps);
});
