/**
 * The buyer's choices for the checkout panel, in the kv table (backed up with the other settings). Validated on every
 * load: a malformed field falls back to its default, and one bad host does not lose the others.
 */
import * as v from 'valibot';
import type { KamiGuardDb } from '@/lib/db/database';
import { normalizeHost } from '@/lib/escalation/window';

export const CHECKOUT_SETTINGS_KEY = 'settings.checkout';

export interface CheckoutSettings {
  /** Show the panel on buy pages. */
  panel: boolean;
  /** Check recipient fields even where the panel is off (everywhere or on a shop): warnings only. */
  recipientCheck: boolean;
  /** Hosts (normalised: lower case, no port, no "www.") where the panel is off. */
  hiddenShops: string[];
}

export const DEFAULT_CHECKOUT_SETTINGS: Readonly<CheckoutSettings> = Object.freeze({
  panel: true,
  recipientCheck: true,
  hiddenShops: Object.freeze([]) as unknown as string[],
});

/** Upper bound on remembered shops: a list the options page can show whole. */
export const MAX_HIDDEN_SHOPS = 500;

const Schema = v.object({
  panel: v.fallback(v.boolean(), true),
  recipientCheck: v.fallback(v.boolean(), true),
  hiddenShops: v.fallback(v.array(v.unknown()), []),
});

/** Parses stored (or hand-edited, or restored) settings; anything malformed falls back to its default. */
export function parseCheckoutSettings(value: unknown): CheckoutSettings {
  const parsed = v.safeParse(Schema, value ?? {});
  const raw = parsed.success ? parsed.output : { panel: true, recipientCheck: true, hiddenShops: [] };
  const hosts = raw.hiddenShops
    .filter((h): h is string => typeof h === 'string' && h.length <= 253)
    .map(normalizeHost)
    .filter((h) => /^[a-z0-9.:[\]-]+$/.test(h));
  return {
    panel: raw.panel,
    recipientCheck: raw.recipientCheck,
    hiddenShops: [...new Set(hosts)].slice(0, MAX_HIDDEN_SHOPS),
  };
}

export async function loadCheckoutSettings(db: KamiGuardDb): Promise<CheckoutSettings> {
  return parseCheckoutSettings((await db.kv.get(CHECKOUT_SETTINGS_KEY))?.value);
}

export async function saveCheckoutSettings(db: KamiGuardDb, settings: CheckoutSettings): Promise<CheckoutSettings> {
  const value = parseCheckoutSettings(settings);
  await db.kv.put({ key: CHECKOUT_SETTINGS_KEY, value });
  return value;
}

/** What the checkout panel shows on one shop: the whole panel, recipient warnings only, or nothing. */
export type PanelMode = 'full' | 'recipient' | 'off';

export function panelMode(settings: CheckoutSettings, host: string): PanelMode {
  if (settings.panel && !settings.hiddenShops.includes(normalizeHost(host))) return 'full';
  return settings.recipientCheck ? 'recipient' : 'off';
}

/** Turns the panel off on one shop (the panel's "不在此店显示"); the recipient check stays as set. */
export async function hidePanelOnShop(db: KamiGuardDb, host: string): Promise<CheckoutSettings> {
  return db.transaction('rw', db.kv, async () => {
    const settings = await loadCheckoutSettings(db);
    const key = normalizeHost(host);
    if (!key || settings.hiddenShops.includes(key)) return settings;
    return saveCheckoutSettings(db, { ...settings, hiddenShops: [...settings.hiddenShops, key] });
  });
}
