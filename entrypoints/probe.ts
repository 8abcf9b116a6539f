import { looksLikeShopPage } from '@/lib/extract/page-probe';
import { looksLikeCheckoutPage, probeMessage } from '@/lib/checkout/page-hint';

// Declared as a content script on every http(s) page in wxt.config.ts. It is an unlisted script, not a WXT content
// script, so that pages that are not shop pages pay for nothing but this test: no framework, no extension API.
export default defineUnlistedScript(() => {
  try {
    const url = location.href;
    const title = document.title;
    const shop = looksLikeShopPage(url, title);
    const checkout = looksLikeCheckoutPage(url, title);
    if (shop || checkout) void chrome.runtime.sendMessage(probeMessage({ shop, checkout }));
  } catch {
    // The extension may have been reloaded under this page; the page must never see our errors.
  }
});
