import { extractOrders } from '@/lib/extract';
import { runExtractor } from '@/lib/content/extractor';

// The extractor itself, every adapter and the generic reader, for the rare shop page a snapshot cannot carry (too
// large, or a tree that markup cannot rebuild; lib/content/send-snapshots.ts hands such a page over): it reads the page
// in the tab. Every other shop page is read in the background from its snapshot, with the same extractOrders. An
// unlisted script rather than a WXT content script: the content-script wrapper brings webextension-polyfill along.
export default defineUnlistedScript(() => {
  runExtractor(extractOrders);
});
