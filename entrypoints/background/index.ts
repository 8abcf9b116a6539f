import { listenToBuyer } from '@/lib/background/wiring/buyer';
import { createBackgroundContext } from '@/lib/background/wiring/context';
import { listenToLifecycle } from '@/lib/background/wiring/lifecycle';
import { listenToPages } from '@/lib/background/wiring/pages';

// Wiring only: every listener is registered synchronously at start-up (an MV3 service worker that wakes for an
// event must find its listener already there), and every handler reads its state from the database. The listeners
// live in lib/background/wiring/, one file per side the background answers: shop pages, the buyer, its own rhythm.
export default defineBackground(() => {
  const ctx = createBackgroundContext();
  listenToPages(ctx);
  listenToBuyer(ctx);
  listenToLifecycle(ctx);
});
