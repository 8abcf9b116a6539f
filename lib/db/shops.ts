/**
 * The `shops` table (version 2): what a shop's own pages showed about the shop, one row per host. A shop may vanish
 * with its site, so what its pages once showed (the ICP 备案 number) is kept, never erased by a later page that
 * lacks it.
 */
import type { KamiGuardDb } from './database';
import type { ShopRecord } from './types';

/** What one page of a shop showed about the shop. */
export interface ShopPageFacts {
  /** ICP 备案 number shown on the page (lib/extract/icp.ts), absent when the page showed none. */
  icp?: string;
}

/** `pick` of two optional numbers; undefined only when both are. */
const either =
  (pick: (x: number, y: number) => number) =>
  (x?: number, y?: number): number | undefined =>
    x === undefined ? y : y === undefined ? x : pick(x, y);
const min = either(Math.min);
const max = either(Math.max);

/**
 * Merges two records of the same shop: the earliest first sighting, the latest checks, and an ICP number from the
 * newer sighting of one (a shop may change its filing), else whichever record has one.
 */
export function mergeShopRecords(a: ShopRecord, b: ShopRecord): ShopRecord {
  const [older, newer] = (a.icpSeenAt ?? 0) <= (b.icpSeenAt ?? 0) ? [a, b] : [b, a];
  const out: ShopRecord = { ...older, ...newer, site: a.site };
  const fields: Partial<ShopRecord> = {
    firstSeenAt: min(a.firstSeenAt, b.firstSeenAt),
    icpCheckedAt: max(a.icpCheckedAt, b.icpCheckedAt),
    icpSeenAt: max(a.icpSeenAt, b.icpSeenAt),
    icp: newer.icp ?? older.icp,
  };
  for (const [k, v] of Object.entries(fields)) {
    if (v === undefined) delete out[k];
    else out[k] = v;
  }
  return out;
}

/** Records that a page of `site` was read at `now`, with what it showed about the shop. */
export async function recordShopPage(db: KamiGuardDb, site: string, facts: ShopPageFacts, now: number): Promise<void> {
  const seen: ShopRecord = {
    site,
    firstSeenAt: now,
    icpCheckedAt: now,
    ...(facts.icp ? { icp: facts.icp, icpSeenAt: now } : {}),
  };
  await db.transaction('rw', db.shops, async () => {
    const stored = await db.shops.get(site);
    await db.shops.put(stored ? mergeShopRecords(stored, seen) : seen);
  });
}

/** The stored record of a shop, by host. */
export function getShop(db: KamiGuardDb, site: string): Promise<ShopRecord | undefined> {
  return db.shops.get(site);
}
