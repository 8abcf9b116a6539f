/**
 * Where a fetched page is parsed. A DOM exists in Firefox's event page, so the page is parsed right there; Chromium's
 * service worker has none, so the page goes to an offscreen document (entrypoints/offscreen, reason DOM_PARSER),
 * created for a run of checks and closed after it. Both parse with DOMParser: scripts never run and nothing loads.
 */
import type { ParsePageData } from '@/lib/messaging/schemas';
import { ParsedPageSchema, parseMessage } from '@/lib/messaging/schemas';
import { readFetchedPage, type PageReading } from './page';

/** Reads a page here, with this context's own DOMParser. */
export function readPageHere(html: string, url: string, orderNo: string): PageReading {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  return readFetchedPage(doc, url, orderNo);
}

/** The offscreen API slice (Chromium 109+). */
export interface OffscreenApi {
  offscreen: {
    createDocument(params: { url: string; reasons: string[]; justification: string }): Promise<void>;
    closeDocument(): Promise<void>;
    hasDocument?(): Promise<boolean>;
  };
  runtime: {
    getContexts?(filter: { contextTypes: string[] }): Promise<unknown[]>;
  };
}

/** The offscreen document's page (WXT builds entrypoints/offscreen/index.html to /offscreen.html). */
export const OFFSCREEN_PATH = '/offscreen.html';

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
 * Reads pages in an offscreen document: `send` delivers the page to it (the typed `parsePage` message) and the reply
 * is validated like any message, since it carries what a hostile page made the extractor say.
 */
export function offscreenReader(api: OffscreenApi, send: (data: ParsePageData) => Promise<unknown>): PageReader {
  let opening: Promise<void> | undefined;
  const isOpen = async (): Promise<boolean> => {
    if (api.offscreen.hasDocument) return api.offscreen.hasDocument();
    const contexts = await api.runtime.getContexts?.({ contextTypes: ['OFFSCREEN_DOCUMENT'] });
    return (contexts?.length ?? 0) > 0;
  };
  // One creation at a time: a second createDocument while the first is under way throws.
  const ensure = (): Promise<void> =>
    (opening ??= (async () => {
      if (await isOpen()) return;
      await api.offscreen.createDocument({
        url: OFFSCREEN_PATH,
        reasons: ['DOM_PARSER'],
        justification: 'Parse the order pages that watching waiting orders re-reads in the background.',
      });
    })().finally(() => {
      opening = undefined;
    }));
  return {
    async readPage(html, url, orderNo) {
      await ensure();
      return parseMessage(ParsedPageSchema, await send({ html, url, orderNo })) as PageReading;
    },
    async release() {
      await opening?.catch(() => undefined);
      if (await isOpen().catch(() => false)) await api.offscreen.closeDocument().catch(() => undefined);
    },
  };
}
