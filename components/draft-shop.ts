import { getShop, type KamiGuardDb } from '@/lib/db';
import type { DraftInput } from '@/lib/drafts';

/**
 * What the drafts know about an order's shop beyond the order: the ICP 备案 number a page of the shop showed, kept
 * per host in the `shops` table (lib/db/shops.ts; the 网信办 12377 report names it). Undefined when nothing is known.
 */
export async function draftShop(db: KamiGuardDb, site: string): Promise<DraftInput['shop']> {
  const row = await getShop(db, site);
  return typeof row?.icp === 'string' && row.icp ? { icp: row.icp } : undefined;
}
