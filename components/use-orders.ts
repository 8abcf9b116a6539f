import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useState } from 'react';
import { getDb } from '@/lib/db';
import { primedOrderClocks, primeOrderClocks } from '@/components/popup/first-read';
import { loadCachedClockInputs, saveClockCache, type CachedClockInputs } from '@/lib/reminders/clock-cache';
import { computeClocks, type ClockInputs, type OrderClock } from '@/lib/reminders/clocks';

/** What identifies one state of the inputs: the database stamp, the settings and the snoozes. */
function inputsKey(read: CachedClockInputs): string {
  return JSON.stringify([read.stamp, read.inputs.settings, [...read.inputs.snoozes]]);
}

/**
 * Every order with its delay clock at `now`, most urgent first. The first read is the primed one; from then on the
 * database is watched (useLiveQuery) through the list's summary row (lib/reminders/clock-cache.ts), which is brought
 * up to date once the list is on screen. The clocks are recomputed from the snapshot on every tick, which is pure.
 */
export function useOrderClocks(now: number): OrderClock[] | undefined {
  const [first, setFirst] = useState<CachedClockInputs | undefined>(primedOrderClocks);
  useEffect(() => {
    if (first) return undefined;
    let current = true;
    primeOrderClocks().then(
      (read) => current && setFirst(read),
      (err: unknown) => console.error('[kamiguard] could not read the orders', err),
    );
    return () => {
      current = false;
    };
  }, [first]);
  // Watching starts once the first read is in: two reads at once would only slow the first one down.
  const live = useLiveQuery(() => (first ? loadCachedClockInputs(getDb()) : undefined), [first !== undefined]);
  const read = live ?? first;

  // A re-read of the same state (storing the summary triggers one) must not compute every clock again. Kept as state
  // adjusted during render, as React recommends for state derived from a changing input.
  const [kept, setKept] = useState<{ key: string; inputs: ClockInputs }>();
  const key = read ? inputsKey(read) : '';
  if (read && kept?.key !== key) setKept({ key, inputs: read.inputs });
  const inputs = read && kept?.key === key ? kept.inputs : read?.inputs;

  // A stale summary is stored as soon as the list is on screen: a popup is often closed within a second, and a
  // summary not stored makes the next open read every table again.
  useEffect(() => {
    if (!read?.stale) return undefined;
    const id = setTimeout(() => void saveClockCache(getDb(), read), 0);
    return () => clearTimeout(id);
  }, [read]);
  return useMemo(() => (inputs ? computeClocks(inputs, now) : undefined), [inputs, now]);
}
