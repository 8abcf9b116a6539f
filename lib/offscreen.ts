/**
 * Chromium's service worker has no DOM; pages are parsed in an offscreen document (entrypoints/offscreen, reason
 * DOM_PARSER): the order pages background checks fetch (lib/watch) and the snapshots of shop pages the buyer has open
 * (lib/background/snapshot.ts). One keeper opens it for both, keeps it while either needs it, and closes it when neither
 * has for a while: an idle document costs memory and does nothing.
 */

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

export interface OffscreenKeeper {
  /** Runs `work` (messages to the document) with the document open; it stays open until `work` settles. */
  use<T>(work: () => Promise<T>): Promise<T>;
  /** Closes the document now unless something uses it (a run of checks is over). */
  close(): Promise<void>;
}

interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(id: unknown): void;
}

export function offscreenKeeper(
  api: OffscreenApi,
  idleMs = 30_000,
  timers: Timers = { setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: (id) => clearTimeout(id as number) },
): OffscreenKeeper {
  let users = 0;
  let opening: Promise<void> | undefined;
  let closing: Promise<void> | undefined;
  let idle: unknown;
  const isOpen = async (): Promise<boolean> => {
    if (api.offscreen.hasDocument) return api.offscreen.hasDocument();
    const contexts = await api.runtime.getContexts?.({ contextTypes: ['OFFSCREEN_DOCUMENT'] });
    return (contexts?.length ?? 0) > 0;
  };
  // One creation at a time (a second createDocument while the first is under way throws), never during a close.
  const ensure = (): Promise<void> =>
    (opening ??= (async () => {
      await closing;
      if (await isOpen()) return;
      await api.offscreen.createDocument({
        url: OFFSCREEN_PATH,
        reasons: ['DOM_PARSER'],
        justification:
          'Parse shop pages: the order pages that watching waiting orders re-reads, and shop pages open in a tab.',
      });
    })().finally(() => {
      opening = undefined;
    }));
  const close = (): Promise<void> => {
    if (users > 0) return Promise.resolve();
    return (closing ??= (async () => {
      await opening?.catch(() => undefined);
      if (await isOpen().catch(() => false)) await api.offscreen.closeDocument().catch(() => undefined);
    })().finally(() => {
      closing = undefined;
    }));
  };
  return {
    async use(work) {
      users++;
      timers.clearTimeout(idle);
      try {
        await ensure();
        return await work();
      } finally {
        users--;
        if (users === 0) idle = timers.setTimeout(() => void close(), idleMs);
      }
    },
    close,
  };
}
