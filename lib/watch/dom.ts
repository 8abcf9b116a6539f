/**
 * Where a fetched page is parsed. A DOM exists in Firefox's event page, so the page is parsed right there; Chromium's
 * service worker has none, so the page goes to the offscreen document (lib/background/offscreen.ts), closed after a
 * run of checks. Both parse with DOMParser: scripts never run and nothing loads.
 */
import type { ParsePageData } from '@/lib/messaging/schemas';
import { ParsedPageSchema, parseMessage } from '@/lib/messaging/schemas';
import { readFetchedPage, type PageReading } from './page';
import type { OffscreenKeeper } from '@/lib/offscreen';

/** Reads a page here, with this context's own DOMParser. */
export function readPageHere(html: string, url: string, orderNo: string): PageReading {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  return readFetchedPage(doc, url, orderNo);
}

/** A page reader that a run of checks uses, and how to let go of it afterwards. */
export interface PageReader {
  readPage(html: string, url: string, orderNo: string): Promise<PageReading>;
  /** Closes what the reader opened (the offscreen document). */
  release(): Promise<void>;
}

/** Reads pages in this context (Firefox's event page, tests). */
export const localReader: PageReader = {
  readPage: async (html, url, orderNo) => readPageHere(html, url, orderNo),
  release: async () => undefined,
};

/**
 * Reads pages in the offscreen document: `send` delivers the page to it (the typed `parsePage` message) and the reply
 * is validated like any message, since it carries what a hostile page made the extractor say.
 */
export function offscreenReader(
  offscreen: OffscreenKeeper,
  send: (data: ParsePageData) => Promise<unknown>,
): PageReader {
  return {
    readPage: (html, url, orderNo) =>
      offscreen.use(async () => parseMessage(ParsedPageSchema, await send({ html, url, orderNo })) as PageReading),
    release: () => offscreen.close(),
  };
}
