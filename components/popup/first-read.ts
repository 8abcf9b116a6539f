/**
 * The popup list's first database read. The popup page's first script (entrypoints/popup-first-read.ts) has read the
 * rows it needs with the plain IndexedDB API while React and the app were still loading; this turns them into the
 * list's inputs (or reads them with Dexie, where that script found nothing or failed), once.
 */
import { getDb } from '@/lib/db';
import { loadCachedClockInputs, type CachedClockInputs } from '@/lib/reminders/clock-cache';
import { takeFirstRead } from '@/lib/reminders/first-read';

let primed: Promise<CachedClockInputs> | undefined;
let done: CachedClockInputs | undefined;

/** Starts the list's first read, once; later calls get the same promise. */
export function primeOrderClocks(): Promise<CachedClockInputs> {
  primed ??= (async () => {
    const early = await takeFirstRead(window);
    done = await loadCachedClockInputs(getDb(), early);
    return done;
  })();
  return primed;
}

/** The first read's result if it is already in: the list's first render can then show it without waiting a turn. */
export const primedOrderClocks = (): CachedClockInputs | undefined => done;
