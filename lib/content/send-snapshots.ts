import { takeSnapshot, type PageSnapshot } from '@/lib/extract/snapshot';
import { sendFromContent } from '@/lib/messaging/content-sender';
import { extractorSeen, markHandedOver, runPageLife } from './page-life';
import { watchOrders } from './watch';

const isOurs = (node: Node): boolean => node.nodeType === 1 && (node as Element).hasAttribute('data-kamiguard');
const ours = (r: MutationRecord): boolean =>
  isOurs(r.target) ||
  (r.type === 'childList' &&
    r.target === document.documentElement &&
    [...r.addedNodes, ...r.removedNodes].every(isOurs));

/**
 * The page side of reading a shop page (entrypoints/page-snapshot.ts; issue 11): whenever the page has been quiet for a
 * moment and differs from what was last sent, a snapshot of it goes to the background, which reads it with the
 * extractor in a document of its own (lib/background/snapshot.ts). The page pays for copying its DOM, nothing more. A
 * page too large to send (lib/extract/snapshot.ts MAX_SNAPSHOT_CHARS), or whose copy the background finds is not the
 * page, is handed to the extractor itself (extractorHandover), which then reads it in the tab as it reads any page.
 * Returns a function that stops it.
 */
export function runSnapshots(): () => void {
  if (extractorSeen()) return () => undefined; // running, or handed over already: a second hint changes nothing
  // One page's life: the background compares a page's readings with its own earlier ones, not a reloaded page's.
  const pageId = Math.random().toString(36).slice(2, 12) || '0';
  let stop: (() => void) | undefined;
  const handOver = (): void => {
    stop?.();
    stop = undefined;
    markHandedOver();
    sendFromContent('extractorHandover', undefined).catch(() => {
      // Refused or reloaded: the page never sees our errors.
    });
  };
  stop = runPageLife(() =>
    watchOrders<PageSnapshot>({
      root: document.documentElement,
      extract: () => {
        const snapshot = takeSnapshot(document);
        if (snapshot) return [snapshot];
        handOver();
        return [];
      },
      fingerprint: ([s]) => `${s!.html}\u0000${JSON.stringify(s!.values)}\u0000${s!.hidden.join()}`,
      // Our own elements hang off <html>, out of the snapshot (lib/extract/snapshot.ts): their coming and going, and
      // the checkout panel's style changing as the buyer types, are no reason to copy the page again.
      ignore: ours,
      report: ([s]) => {
        sendFromContent('pageSnapshot', { url: location.href, pageId, ...s! }).then(
          // The copy could not stand for the page (its tree is one markup cannot rebuild): read it in the tab.
          (reply) => reply?.readInTab && handOver(),
          () => {
            // The background validates and may refuse, or the extension was reloaded: the page never sees our errors.
          },
        );
      },
    }),
  );
  return () => stop?.();
}
