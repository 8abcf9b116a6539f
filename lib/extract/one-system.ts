/**
 * One system's extraction, for the extractor bundle that holds only that system's adapter (entrypoints/extractor-*.ts;
 * which pages get one: lib/extract/route.ts). `read` returns the orders as extractOrders would, or undefined when the
 * page is not (or no longer) the adapter's or the adapter threw: the page then goes to the full extractor, whose
 * registry and generic reader decide as they always do.
 */
import type { PlatformAdapter } from './platform';
import { dedupe } from './sanitize';
import type { ExtractedOrder } from './types';

export interface OneSystemReader {
  claims(doc: Document, url: string | URL): boolean;
  read(doc: Document, url: string | URL): ExtractedOrder[] | undefined;
}

export const oneSystemReader = (adapter: PlatformAdapter): OneSystemReader => {
  const claims = (doc: Document, url: string | URL): boolean => {
    try {
      return adapter.detect(doc, new URL(url));
    } catch {
      return false;
    }
  };
  return {
    claims,
    read(doc, url) {
      if (!claims(doc, url)) return undefined;
      try {
        return dedupe(adapter.extract(doc, new URL(url)));
      } catch {
        return undefined;
      }
    },
  };
};
