/**
 * The per-order hash chain (pure; no database access).
 *
 * An order's events and evidence form ONE append-only chain, in append order. Each record carries
 * `prevHash` (the previous record's `hash`, or the order's genesis value for the first record) and
 * `hash = SHA-256("kamiguard-chain-v1\n" + type + "\n" + canonicalJson(record without id, orderId, hash))`.
 * Because `prevHash` is inside the hashed content, editing, deleting or reordering a past record breaks a link.
 * Deleting the LAST record breaks no link, so the chain store also keeps an anchor (head hash + record count) per
 * order in the `kv` table; `verifyChain` compares against it.
 */
import type { EventRecord, EvidenceRecord } from '@/lib/db/types';
import { canonicalJson, hashedContent, sha256HexSync } from '../hash';

/** Version tag mixed into every chain hash, so a future format can never collide with this one. */
export const CHAIN_TAG = 'kamiguard-chain-v1';

/** The identity an order's chain is bound to. */
export interface OrderIdentity {
  site: string;
  orderNo: string;
}

/** Which table a chain record lives in. */
export type ChainItemType = 'event' | 'evidence';

/** One record of an order's chain, tagged with its table. */
export type ChainItem = { type: 'event'; record: EventRecord } | { type: 'evidence'; record: EvidenceRecord };

/** Kept per order outside the records, so that removing the last record is detected. */
export interface ChainAnchor {
  /** Hash of the last record (the genesis value when the chain is empty). */
  head: string;
  /** Number of records in the chain. */
  count: number;
  /** Epoch ms of the last append. */
  updatedAt?: number;
}

/**
 * Why verification failed:
 * - `unchained`: a record has no prevHash/hash (it was written without going through the chain store);
 * - `modified`: a record's content no longer matches its own hash;
 * - `removed`: a record names a predecessor that is not in the chain (deleted, or altered and re-hashed);
 * - `reordered`: a record's predecessor is present but elsewhere in the sequence;
 * - `truncated`: the anchor counts more records than exist (the last record(s) were removed);
 * - `unanchored`: more records exist than the anchor counts (appended without updating the anchor);
 * - `head_mismatch`: the count matches but the last hash is not the anchored head (last record replaced);
 * - `anchor_missing`: records exist but the order has no anchor, so truncation cannot be ruled out.
 */
export type ChainBreakReason =
  'unchained' | 'modified' | 'removed' | 'reordered' | 'truncated' | 'unanchored' | 'head_mismatch' | 'anchor_missing';

/** Result of `verifyChain`. `head`/`count` describe the records as given. */
export type ChainVerification =
  | { ok: true; genesis: string; head: string; count: number }
  | {
      ok: false;
      genesis: string;
      head: string;
      count: number;
      /** Index (in the given sequence) of the first record that fails; `count` when the tail is missing. */
      brokenAt: number;
      /** Database id and table of the failing record, when there is one. */
      recordId?: number;
      recordType?: ChainItemType;
      reason: ChainBreakReason;
    };

function genesisInput(order: OrderIdentity): string {
  return `${CHAIN_TAG}\ngenesis\n${canonicalJson({ orderNo: order.orderNo, site: order.site })}`;
}

/** The fixed value the first record of an order's chain points at, derived from the order's identity. */
export function genesisHash(order: OrderIdentity): string {
  return sha256HexSync(genesisInput(order));
}

/** The exact string whose SHA-256 is a record's hash (exported so manifests can document and tests can check it). */
export function chainHashInput(type: ChainItemType, record: object): string {
  return `${CHAIN_TAG}\n${type}\n${canonicalJson(hashedContent(record))}`;
}

/**
 * The exact string whose SHA-256 is the head of a chain given in chain order: the last record's hash input, or the
 * genesis input when there is no record. A trusted timestamp of the head stamps this string's hash, so whoever holds
 * the records can recompute what was stamped.
 */
export function chainHeadInput(order: OrderIdentity, items: readonly ChainItem[]): string {
  const last = items.at(-1);
  return last ? chainHashInput(last.type, last.record) : genesisInput(order);
}

/** The hash a record should carry, computed from its content (including its prevHash). */
export function computeRecordHash(type: ChainItemType, record: object): string {
  return sha256HexSync(chainHashInput(type, record));
}

/** Key identifying a record's content regardless of where it sits in a chain (used to merge without duplicates). */
export function contentKey(item: ChainItem): string {
  const { prevHash: _prev, ...rest } = item.record;
  return `${item.type}\n${canonicalJson(hashedContent(rest))}`;
}

function itemTime(item: ChainItem): number {
  return item.type === 'event' ? item.record.at : item.record.capturedAt;
}

function stableCompare(a: ChainItem, b: ChainItem): number {
  return (
    itemTime(a) - itemTime(b) ||
    (a.type === b.type ? 0 : a.type === 'event' ? -1 : 1) ||
    (a.record.id ?? 0) - (b.record.id ?? 0)
  );
}

/**
 * Puts an order's records (from both tables, any order) into chain order by following the links from the genesis
 * value. Records the walk cannot reach (after a gap, or without hashes) follow, grouped into their own linked runs
 * and sorted by time, so that `verifyChain` reports the first break where it actually is.
 */
export function orderChainItems(genesis: string, items: readonly ChainItem[]): ChainItem[] {
  const sorted = [...items].sort(stableCompare);
  const byPrev = new Map<string, ChainItem[]>();
  for (const item of sorted) {
    const prev = item.record.prevHash;
    if (!prev || !item.record.hash) continue;
    const list = byPrev.get(prev) ?? [];
    list.push(item);
    byPrev.set(prev, list);
  }
  const placed = new Set<ChainItem>();
  const out: ChainItem[] = [];
  const walk = (from: string): void => {
    let cursor: string | undefined = from;
    while (cursor !== undefined) {
      const next: ChainItem | undefined = byPrev.get(cursor)?.find((candidate) => !placed.has(candidate));
      if (!next) return;
      placed.add(next);
      out.push(next);
      cursor = next.record.hash;
    }
  };
  walk(genesis);
  // Remaining runs: start from records whose predecessor is not among the remaining records.
  const remainingHashes = (): Set<string | undefined> =>
    new Set(sorted.filter((i) => !placed.has(i)).map((i) => i.record.hash));
  for (const item of sorted) {
    if (placed.has(item)) continue;
    if (item.record.hash && item.record.prevHash && remainingHashes().has(item.record.prevHash)) continue;
    placed.add(item);
    out.push(item);
    if (item.record.hash) walk(item.record.hash);
  }
  // Cycles (only possible with forged hashes) leave records unplaced; append them so nothing is dropped.
  for (const item of sorted) if (!placed.has(item)) out.push(item);
  return out;
}

/**
 * Verifies an order's chain. `items` must be in chain (append) order, e.g. from `orderChainItems`.
 * `anchor`: the stored head/count (`null` = none stored; `undefined` = skip the tail check).
 */
export function verifyChain(
  order: OrderIdentity,
  items: readonly ChainItem[],
  anchor?: ChainAnchor | null,
): ChainVerification {
  const genesis = genesisHash(order);
  const positions = new Map<string, number>();
  items.forEach((item, index) => {
    if (item.record.hash && !positions.has(item.record.hash)) positions.set(item.record.hash, index);
  });

  let expectedPrev = genesis;
  const fail = (index: number, reason: ChainBreakReason): ChainVerification => {
    const item = items[index];
    return {
      ok: false,
      genesis,
      head: items.at(-1)?.record.hash ?? genesis,
      count: items.length,
      brokenAt: index,
      ...(item ? { recordId: item.record.id, recordType: item.type } : {}),
      reason,
    };
  };

  for (const [index, item] of items.entries()) {
    const { prevHash, hash } = item.record;
    if (!prevHash || !hash) return fail(index, 'unchained');
    let computed: string;
    try {
      computed = computeRecordHash(item.type, item.record);
    } catch {
      // Content JSON cannot represent (e.g. a NaN written over a timestamp) cannot match any hash.
      return fail(index, 'modified');
    }
    if (computed !== hash) return fail(index, 'modified');
    if (prevHash !== expectedPrev) {
      const present = prevHash === genesis || positions.has(prevHash);
      return fail(index, present ? 'reordered' : 'removed');
    }
    expectedPrev = hash;
  }

  if (anchor === null && items.length > 0) return fail(items.length, 'anchor_missing');
  if (anchor) {
    if (anchor.count > items.length) return fail(items.length, 'truncated');
    if (anchor.count < items.length) return fail(anchor.count, 'unanchored');
    if (anchor.head !== expectedPrev) return fail(Math.max(0, items.length - 1), 'head_mismatch');
  }
  return { ok: true, genesis, head: expectedPrev, count: items.length };
}

/**
 * The anchor implied by the records themselves: the end of the run of correctly linked records that starts at the
 * genesis value. Used where no anchor is stored (first append, lost kv row, merging a backup).
 */
export function anchorOf(order: OrderIdentity, items: readonly ChainItem[]): ChainAnchor {
  let head = genesisHash(order);
  let count = 0;
  for (const item of items) {
    if (item.record.prevHash !== head || !item.record.hash) break;
    head = item.record.hash;
    count++;
  }
  return { head, count };
}

/**
 * Links new records onto a chain whose last hash is `head`: returns copies with `prevHash`/`hash` filled in
 * (ids dropped). Pure; the chain store writes the result and moves the anchor.
 */
export function linkItems(head: string, items: readonly ChainItem[]): ChainItem[] {
  let prev = head;
  return items.map((item) => {
    const { id: _id, hash: _hash, ...rest } = item.record;
    const record = { ...rest, prevHash: prev };
    const hash = computeRecordHash(item.type, record);
    prev = hash;
    return { type: item.type, record: { ...record, hash } } as ChainItem;
  });
}
