import { watchLocation } from './location';

/** 'running' while something reads the page; 'handed-over' once the snapshot sender gave the page to the extractor. */
const FLAG = '__kamiguardExtractor';
/** The page's window as the extractor's isolated world sees it: every bundle of ours there shares the flag. */
const flags = globalThis as unknown as Record<string, string | undefined>;

/** Whether a reader of either kind has had this page (the snapshot sender then stays out). */
export const extractorSeen = (): boolean => !!flags[FLAG];

/** The snapshot sender gives the page to the extractor (after stopping, if it had started). */
export const markHandedOver = (): void => {
  flags[FLAG] = 'handed-over';
};

/**
 * The life of whatever reads a page (lib/content/send-snapshots.ts, or the extractor itself, entrypoints/extractor.ts):
 * one per page, whichever came first. `start` begins watching and returns its stop; it starts over when a single-page
 * shop changes route. Returns undefined when one runs already, else a function that stops this one.
 */
export function runPageLife(start: () => () => void): (() => void) | undefined {
  // Injected again (a worker restart forgot it was there): one watcher is enough.
  if (flags[FLAG] === 'running') return undefined;
  flags[FLAG] = 'running';
  let stopWatch = start();
  // SPA shops (qs-faka, kamiFaka) change route without a page load: start over on the new route.
  const stopLocation = watchLocation(() => {
    stopWatch();
    stopWatch = start();
  });
  return () => {
    stopWatch();
    stopLocation();
  };
}
