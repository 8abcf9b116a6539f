import { getDb } from '@/lib/db';
import { handleOrdersSeen } from '@/lib/background/orders-seen';
import { injectExtractor } from '@/lib/background/inject';
import { isProbeMessage, looksLikeShopPage } from '@/lib/extract/page-probe';
import { onMessage } from '@/lib/messaging/protocol';
import { checkSender } from '@/lib/messaging/sender';

// Wiring only: every listener is registered synchronously at start-up (an MV3 service worker that wakes for an
// event must find its listener already there), and every handler reads its state from the database.
export default defineBackground(() => {
  const db = getDb();
  const ownId = browser.runtime.id;
  const ownOrigin = new URL(browser.runtime.getURL('/')).origin;

  onMessage('ordersSeen', ({ data, sender }) =>
    handleOrdersSeen(data, sender, { db, ownId, ownOrigin, now: Date.now() }),
  );

  onMessage('scanTab', async ({ data, sender }) => {
    checkSender(sender, 'extension-page', ownId, ownOrigin);
    return { injected: await injectExtractor(data.tabId) };
  });

  // The probe content script found a page that looks like a shop page: bring in the extractor.
  browser.runtime.onMessage.addListener((message, sender) => {
    if (!isProbeMessage(message) || sender.id !== ownId || sender.tab?.id === undefined) return undefined;
    void injectExtractor(sender.tab.id, sender.frameId);
    return undefined;
  });

  // SPA shops change route without a page load, so the probe does not run again; the tab's URL still changes.
  browser.tabs.onUpdated.addListener((tabId, change, tab) => {
    if (change.url && tab.status === 'complete' && looksLikeShopPage(change.url, tab.title ?? ''))
      void injectExtractor(tabId, 0);
  });
});
