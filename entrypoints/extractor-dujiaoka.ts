import dujiaoka from '@/lib/extract/platforms/dujiaoka';
import { runOneSystem } from '@/lib/content/one-system';

// dujiaoka's pages' extractor: that adapter alone, half the full extractor's size (lib/extract/route.ts says when).
export default defineUnlistedScript(() => runOneSystem(dujiaoka));
