/** The buyer's choices about background checks, in the kv table (backed up with the other settings). */
import * as v from 'valibot';
import type { KamiGuardDb } from '@/lib/db/database';

/** kv key of the watch settings (validated on every load). */
export const WATCH_SETTINGS_KEY = 'settings.watch';

/** How often waiting orders are re-read: a multiple of the standard schedule (lib/watch/schedule.ts). */
export type WatchPace = 'fast' | 'normal' | 'slow';
export const WATCH_PACES: readonly WatchPace[] = ['fast', 'normal', 'slow'];

/** What the buyer can set about watching. Per-order "off" lives on the order (`OrderRecord.watchOff`). */
export interface WatchSettings {
  /** Re-read waiting orders' pages in the background. */
  enabled: boolean;
  pace: WatchPace;
}

/** On by default: a waiting buyer wants to hear the moment the keys arrive, without reloading the shop. */
export const DEFAULT_WATCH_SETTINGS: Readonly<WatchSettings> = Object.freeze({ enabled: true, pace: 'normal' });

const schema = v.fallback(
  v.object({
    enabled: v.fallback(v.boolean(), DEFAULT_WATCH_SETTINGS.enabled),
    pace: v.fallback(v.picklist(WATCH_PACES), DEFAULT_WATCH_SETTINGS.pace),
  }),
  () => ({ ...DEFAULT_WATCH_SETTINGS }),
);

/** Parses stored settings of any shape; each missing or invalid field falls back to its default. Never throws. */
export function parseWatchSettings(input: unknown): WatchSettings {
  return v.parse(schema, input);
}

export async function loadWatchSettings(db: KamiGuardDb): Promise<WatchSettings> {
  return parseWatchSettings((await db.kv.get(WATCH_SETTINGS_KEY))?.value);
}

/** Validates and stores the settings; returns what was stored. */
export async function saveWatchSettings(db: KamiGuardDb, settings: unknown): Promise<WatchSettings> {
  const value = parseWatchSettings(settings);
  await db.kv.put({ key: WATCH_SETTINGS_KEY, value });
  return value;
}
