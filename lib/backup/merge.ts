/**
 * Pure merge rules for restoring a backup into a database that may already hold some of the same orders.
 */
import type { OrderRecord } from '@/lib/db/types';
import {
  anchorOf,
  contentKey,
  linkItems,
  orderChainItems,
  genesisHash,
  verifyChain,
  type ChainAnchor,
  type ChainItem,
  type OrderIdentity,
} from '../db/chain';

const MAX_URLS = 20;
const MAX_CARD_KEYS = 500;

function union<T>(a: readonly T[] | undefined, b: readonly T[] | undefined): T[] {
  return [...new Set([...(a ?? []), ...(b ?? [])])];
}

/**
 * Merges an imported order row into the local one: the row seen more recently wins field by field, fields it lacks
 * are filled from the other; first/last seen widen; URL and card-key lists are united. Keeps the local id.
 */
export function mergeOrderRecords(local: OrderRecord, incoming: OrderRecord): OrderRecord {
  const incomingNewer = incoming.lastSeenAt > local.lastSeenAt;
  const [newer, older] = incomingNewer ? [incoming, local] : [local, incoming];
  const merged: OrderRecord = { ...older };
  for (const [key, value] of Object.entries(newer)) {
    if (value !== undefined) (merged as unknown as Record<string, unknown>)[key] = value;
  }
  merged.id = local.id;
  merged.firstSeenAt = Math.min(local.firstSeenAt, incoming.firstSeenAt);
  merged.lastSeenAt = Math.max(local.lastSeenAt, incoming.lastSeenAt);
  // Older URLs first so the newest survive the bound.
  merged.urls = union(older.urls, newer.urls).slice(-MAX_URLS);
  const keys = union(older.cardKeys, newer.cardKeys).slice(0, MAX_CARD_KEYS);
  if (keys.length) merged.cardKeys = keys;
  return merged;
}

/** What to write for one order's chain when importing. */
export interface ChainMergePlan {
  /** Records to add, in order, with their final prevHash/hash (ids dropped). */
  append: ChainItem[];
  /** Incoming records already present locally (same hash or same content). */
  skipped: number;
  /** How many of `append` got new prevHash/hash because the local chain had diverged from the backup's. */
  rechained: number;
  /** True when the backup's own chain for this order did not verify (its records are added unchanged). */
  incomingBroken: boolean;
  /** Anchor to store afterwards; null = leave the stored anchor as it is. */
  anchor: ChainAnchor | null;
}

function stripId(item: ChainItem): ChainItem {
  const { id: _id, ...record } = item.record;
  return { type: item.type, record } as ChainItem;
}

/**
 * Plans how an imported order's chain joins the local one, without duplicates:
 * - a record is a duplicate when the local chain has its hash, or a record with the same content;
 * - if the local chain is a prefix of the backup's (the usual restore), the new records are added unchanged and
 *   keep their original hashes;
 * - if the chains diverged (e.g. the order was seen again after a reinstall, then an old backup is restored), the
 *   new records are re-linked after the local head, provided the backup's chain verified: records whose integrity
 *   the backup could not show are never given fresh, valid-looking hashes; they are added unchanged and the local
 *   chain then reports the break.
 */
export function planChainMerge(
  order: OrderIdentity,
  local: { items: readonly ChainItem[]; anchor: ChainAnchor | null },
  incoming: { items: readonly ChainItem[]; anchor: ChainAnchor | null },
): ChainMergePlan {
  const genesis = genesisHash(order);
  const localItems = orderChainItems(genesis, local.items);
  const incomingItems = orderChainItems(genesis, incoming.items);
  const incomingBroken = !verifyChain(order, incomingItems, incoming.anchor ?? undefined).ok;

  const localHashes = new Set(localItems.map((i) => i.record.hash).filter(Boolean));
  const localContent = new Set(localItems.map(contentKey));
  const fresh = incomingItems.filter(
    (item) => !(item.record.hash && localHashes.has(item.record.hash)) && !localContent.has(contentKey(item)),
  );
  const skipped = incomingItems.length - fresh.length;
  if (fresh.length === 0) return { append: [], skipped, rechained: 0, incomingBroken, anchor: null };

  const isPrefix =
    localItems.every((item, i) => !!item.record.hash && incomingItems[i]?.record.hash === item.record.hash) &&
    fresh.length === incomingItems.length - localItems.length &&
    fresh.every((item, i) => item === incomingItems[localItems.length + i]);
  if (isPrefix) {
    const tail = fresh.at(-1)!.record.hash;
    const anchor = incoming.anchor ?? (tail ? { head: tail, count: incomingItems.length } : null);
    return { append: fresh.map(stripId), skipped, rechained: 0, incomingBroken, anchor };
  }

  if (incomingBroken) return { append: fresh.map(stripId), skipped, rechained: 0, incomingBroken, anchor: null };

  const base = local.anchor ?? anchorOf(order, localItems);
  const append = linkItems(base.head, fresh);
  const anchor = { head: append.at(-1)!.record.hash!, count: base.count + append.length };
  return { append, skipped, rechained: append.length, incomingBroken, anchor };
}
