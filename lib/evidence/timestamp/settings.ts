/** The buyer's timestamp choices, in the kv table (backed up with the other settings). */
import type { KamiGuardDb } from '@/lib/db/database';
import { EVIDENCE_KV_PREFIX } from '@/lib/db/timeline';
import type { TimestampErrorCode } from './errors';
import {
  TIMESTAMP_AUTHORITIES,
  checkAuthorityUrl,
  presetAuthority,
  type AuthorityChoice,
  type TimestampAuthority,
} from './authorities';

export const TIMESTAMP_SETTINGS_KEY = 'settings.timestamp';

export interface TimestampSettings {
  /** A preset authority's id, or 'custom' for `customUrl`. */
  authority: AuthorityChoice;
  /** The buyer's own address, used when `authority` is 'custom' (kept when another is chosen, to switch back). */
  customUrl: string;
  /** Stamp the order's chain head after each status change, without a click. Off unless the buyer turns it on. */
  autoOnStatusChange: boolean;
}

export const DEFAULT_TIMESTAMP_SETTINGS: Readonly<TimestampSettings> = {
  authority: TIMESTAMP_AUTHORITIES[0]!.id,
  customUrl: '',
  autoOnStatusChange: false,
};

/** The stored choices; defaults for anything missing or malformed (a hand-edited backup, an older version). */
export async function loadTimestampSettings(db: KamiGuardDb): Promise<TimestampSettings> {
  const value = (await db.kv.get(TIMESTAMP_SETTINGS_KEY))?.value as Partial<TimestampSettings> | undefined;
  const authority =
    value?.authority === 'custom' || presetAuthority(String(value?.authority))
      ? (value!.authority as AuthorityChoice)
      : DEFAULT_TIMESTAMP_SETTINGS.authority;
  return {
    authority,
    customUrl: typeof value?.customUrl === 'string' ? value.customUrl : '',
    autoOnStatusChange: value?.autoOnStatusChange === true,
  };
}

export async function saveTimestampSettings(db: KamiGuardDb, settings: TimestampSettings): Promise<void> {
  const { authority, customUrl, autoOnStatusChange } = settings;
  await db.kv.put({ key: TIMESTAMP_SETTINGS_KEY, value: { authority, customUrl, autoOnStatusChange } });
}

/** Where stamps go: a preset, or the checked custom address; `undefined` when the custom address is not valid. */
export function authorityOf(settings: TimestampSettings): { name: string; url: string } | undefined {
  if (settings.authority !== 'custom') {
    const preset = presetAuthority(settings.authority) as TimestampAuthority;
    return { name: preset.name, url: preset.url };
  }
  const checked = checkAuthorityUrl(settings.customUrl);
  return checked.ok ? { name: new URL(checked.url).host, url: checked.url } : undefined;
}

/** kv key of the last automatic stamp that failed (the options page shows it); kept out of backups like the anchors. */
export const AUTO_FAILURE_KEY = `${EVIDENCE_KV_PREFIX}timestamp:autoFailure`;

/** What the options page shows about the last failed automatic stamp. */
export interface AutoStampFailure {
  /** Epoch ms. */
  at: number;
  orderId: number;
  code: TimestampErrorCode;
  detail?: string;
}
