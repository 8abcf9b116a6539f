import { runSnapshots } from '@/lib/content/send-snapshots';

// What the background injects into shop pages (lib/background/inject.ts): it sends the page's snapshots to be read in
// the background (lib/content/send-snapshots.ts), so the page never compiles or runs the extractor itself.
export default defineUnlistedScript(() => {
  runSnapshots();
});
