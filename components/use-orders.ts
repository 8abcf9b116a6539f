import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';
import { getDb } from '@/lib/db';
import { computeClocks, loadClockInputs, type OrderClock } from '@/lib/reminders/clocks';

/**
 * Every order with its delay clock at `now`, most urgent first. The database is read when it changes (useLiveQuery);
 * the clocks are recomputed from that snapshot on every tick, which is pure.
 */
export function useOrderClocks(now: number): OrderClock[] | undefined {
  const inputs = useLiveQuery(() => loadClockInputs(getDb()), []);
  return useMemo(() => (inputs ? computeClocks(inputs, now) : undefined), [inputs, now]);
}
