import type { PlatformAdapter } from '@/lib/extract/platform';
import { oneSystemReader } from '@/lib/extract/one-system';
import { sendFromContent } from '@/lib/messaging/content-sender';
import { extractorSeen, markHandedOver, runExtractor } from './extractor';

/**
 * A one-system extractor bundle's life in a page (entrypoints/extractor-<id>.ts; lib/extract/route.ts says when one is
 * injected): the page's extractor while its adapter claims the page; the moment the adapter does not (already at
 * injection, or on a later reading) or throws, it stops and asks the background for the full extractor
 * (extractorHandover), which takes the page from there as it takes any other.
 */
export function runOneSystem(adapter: PlatformAdapter): void {
  if (extractorSeen()) return; // running, or handed over already: a second hint changes nothing
  const reader = oneSystemReader(adapter);
  let stop: (() => void) | undefined;
  const handOver = (): void => {
    stop?.();
    stop = undefined;
    markHandedOver();
    sendFromContent('extractorHandover', undefined).catch(() => {
      // Refused or reloaded: the page never sees our errors.
    });
  };
  if (!reader.claims(document, location.href)) return handOver();
  stop = runExtractor((doc, url) => {
    const orders = reader.read(doc, url);
    if (orders) return orders;
    handOver();
    return [];
  });
}
