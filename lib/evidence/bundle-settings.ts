/** The user's choices for evidence bundles, in the kv table (backed up with the other settings). */
import type { KamiGuardDb } from '@/lib/db/database';

export const BUNDLE_SETTINGS_KEY = 'settings.bundle';

export interface BundleSettings {
  /** Sign manifest.json with this install's key (./signing.ts). On unless the user turns it off. */
  sign: boolean;
}

export const DEFAULT_BUNDLE_SETTINGS: Readonly<BundleSettings> = { sign: true };

/** The stored choices; defaults for anything missing or malformed (a hand-edited backup, an older version). */
export async function loadBundleSettings(db: KamiGuardDb): Promise<BundleSettings> {
  const value = (await db.kv.get(BUNDLE_SETTINGS_KEY))?.value as Partial<BundleSettings> | undefined;
  return { sign: typeof value?.sign === 'boolean' ? value.sign : DEFAULT_BUNDLE_SETTINGS.sign };
}

export async function saveBundleSettings(db: KamiGuardDb, settings: BundleSettings): Promise<void> {
  await db.kv.put({ key: BUNDLE_SETTINGS_KEY, value: { sign: settings.sign } });
}
