import { extractOrders } from '@/lib/extract';
import { runExtractor } from '@/lib/content/extractor';

// The full extractor: every adapter and the generic reader. Injected by the background (scripting.executeScript) only
// into pages the probe or the tab's URL marked as shop pages, so it never loads on ordinary pages; a page one system's
// bundle can take gets that smaller bundle instead (lib/extract/route.ts). An unlisted script rather than a WXT content
// script: the content-script wrapper brings webextension-polyfill along, a third of the original 30 KB budget.
export default defineUnlistedScript(() => {
  runExtractor(extractOrders);
});
