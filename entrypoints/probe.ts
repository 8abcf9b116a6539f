import { looksLikeShopPage, PROBE_MESSAGE } from '@/lib/extract/page-probe';

// Declared as a content script on every http(s) page in wxt.config.ts. It is an unlisted script, not a WXT content
// script, so that pages that are not shop pages pay for nothing but this test: no framework, no extension API.
export default defineUnlistedScript(() => {
  try {
    if (looksLikeShopPage(location.href, document.title)) void chrome.runtime.sendMessage(PROBE_MESSAGE);
  } catch {
    // The extension may have been reloaded under this page; the page must never see our errors.
  }
});
