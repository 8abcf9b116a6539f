// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { openDb, type KamiGuardDb } from '@/lib/db/database';
import type { EventRecord, OrderRecord } from '@/lib/db/types';
import {
  chainHashInput,
  computeRecordHash,
  genesisHash,
  linkItems,
  orderChainItems,
  verifyChain,
  type ChainItem,
} from '@/lib/db/chain';
import {
  anchorKey,
  appendChained,
  appendEventsChained,
  chainTables,
  loadChainItems,
  readAnchor,
  verifyOrderChain,
} from '@/lib/db/timeline';
import { sha256HexSync } from '@/lib/hash';

const ORDER = { site: 'shop.example.com', orderNo: 'T20240501123' };

function event(at: number, extra: Partial<EventRecord> = {}): ChainItem {
  return { type: 'event', record: { orderId: 1, kind: 'status_changed', at, status: 'processing', ...extra } };
}

function evidence(at: number, sha: string): ChainItem {
  return {
    type: 'evidence',
    record: {
      orderId: 1,
      kind: 'order_page',
      source: 'auto',
      sha256: sha,
      blobId: sha,
      mime: 'image/webp',
      size: 10,
      capturedAt: at,
      url: 'https://shop.example.com/order',
    },
  };
}

/** Four linked records: event, evidence, event, evidence. */
function sampleChain(): ChainItem[] {
  return linkItems(genesisHash(ORDER), [
    event(1000, { kind: 'first_seen', status: 'paid' }),
    evidence(1001, 'a'.repeat(64)),
    event(2000, { previousStatus: 'paid' }),
    evidence(2001, 'b'.repeat(64)),
  ]).map((item, i) => ({ ...item, record: { ...item.record, id: i + 1 } }) as ChainItem);
}

describe('verifyChain (pure)', () => {
  it('accepts an intact chain and reports its head and count', () => {
    const chain = sampleChain();
    const result = verifyChain(ORDER, chain, { head: chain[3]!.record.hash!, count: 4 });
    expect(result).toEqual({ ok: true, genesis: genesisHash(ORDER), head: chain[3]!.record.hash, count: 4 });
  });

  it('hashes exactly the documented input', () => {
    const [first] = sampleChain();
    expect(first!.record.prevHash).toBe(genesisHash(ORDER));
    expect(first!.record.hash).toBe(sha256HexSync(chainHashInput('event', first!.record)));
    expect(chainHashInput('event', first!.record)).toMatch(/^kamiguard-chain-v1\nevent\n\{"at":1000,/);
    // The genesis binds the chain to the order: another order number gives another genesis.
    expect(genesisHash({ ...ORDER, orderNo: 'T20240501124' })).not.toBe(genesisHash(ORDER));
  });

  it('catches a modified record', () => {
    const chain = sampleChain();
    (chain[1]!.record as { url: string }).url = 'https://elsewhere.example/';
    expect(verifyChain(ORDER, chain)).toMatchObject({
      ok: false,
      brokenAt: 1,
      recordId: 2,
      recordType: 'evidence',
      reason: 'modified',
    });
  });

  it('catches a modified record whose hash was recomputed (the next link breaks)', () => {
    const chain = sampleChain();
    const original = chain[1] as Extract<ChainItem, { type: 'evidence' }>;
    const forged = { ...original.record, size: 99 };
    forged.hash = computeRecordHash('evidence', forged);
    chain[1] = { type: 'evidence', record: forged };
    expect(verifyChain(ORDER, chain)).toMatchObject({ ok: false, brokenAt: 2, reason: 'removed' });
  });

  it('catches a removed record in the middle and at the start', () => {
    const chain = sampleChain();
    expect(verifyChain(ORDER, [chain[0]!, chain[2]!, chain[3]!])).toMatchObject({
      ok: false,
      brokenAt: 1,
      recordId: 3,
      reason: 'removed',
    });
    expect(verifyChain(ORDER, chain.slice(1))).toMatchObject({ ok: false, brokenAt: 0, reason: 'removed' });
  });

  it('catches a removed last record only through the anchor', () => {
    const chain = sampleChain();
    const anchor = { head: chain[3]!.record.hash!, count: 4 };
    const truncated = chain.slice(0, 3);
    // Without the anchor the shorter chain is internally consistent ...
    expect(verifyChain(ORDER, truncated).ok).toBe(true);
    // ... the anchor exposes it.
    expect(verifyChain(ORDER, truncated, anchor)).toMatchObject({ ok: false, brokenAt: 3, reason: 'truncated' });
    expect(verifyChain(ORDER, truncated, null)).toMatchObject({ ok: false, reason: 'anchor_missing' });
  });

  it('catches a replaced last record and records appended past the anchor', () => {
    const chain = sampleChain();
    const replaced = linkItems(chain[2]!.record.hash!, [evidence(3000, 'c'.repeat(64))]);
    expect(
      verifyChain(ORDER, [...chain.slice(0, 3), ...replaced], { head: chain[3]!.record.hash!, count: 4 }),
    ).toMatchObject({
      ok: false,
      reason: 'head_mismatch',
    });
    const extra = linkItems(chain[3]!.record.hash!, [event(4000)]);
    expect(verifyChain(ORDER, [...chain, ...extra], { head: chain[3]!.record.hash!, count: 4 })).toMatchObject({
      ok: false,
      brokenAt: 4,
      reason: 'unanchored',
    });
  });

  it('catches reordered records', () => {
    const chain = sampleChain();
    expect(verifyChain(ORDER, [chain[0]!, chain[2]!, chain[1]!, chain[3]!])).toMatchObject({
      ok: false,
      brokenAt: 1,
      reason: 'reordered',
    });
    expect(verifyChain(ORDER, [chain[1]!, chain[0]!, chain[2]!, chain[3]!])).toMatchObject({
      ok: false,
      brokenAt: 0,
      reason: 'reordered',
    });
  });

  it('reports records without hashes as unchained', () => {
    const chain = sampleChain();
    expect(verifyChain(ORDER, [...chain, event(5000)])).toMatchObject({ ok: false, brokenAt: 4, reason: 'unchained' });
  });

  it('orderChainItems restores append order from any input order, also across tables', () => {
    const chain = sampleChain();
    // Timestamps that disagree with append order must not matter: links decide.
    (chain[3]!.record as { capturedAt: number }).capturedAt = 1;
    chain[3]!.record.hash = computeRecordHash('evidence', chain[3]!.record);
    const relinked = linkItems(genesisHash(ORDER), chain);
    const shuffled = [relinked[2]!, relinked[0]!, relinked[3]!, relinked[1]!];
    expect(orderChainItems(genesisHash(ORDER), shuffled).map((i) => i.record.hash)).toEqual(
      relinked.map((i) => i.record.hash),
    );
  });
});

async function newOrder(db: KamiGuardDb, orderNo = ORDER.orderNo): Promise<number> {
  const order: OrderRecord = {
    platform: 'dujiaoka',
    orderNo,
    status: 'paid',
    site: ORDER.site,
    url: 'https://shop.example.com/order',
    urls: ['https://shop.example.com/order'],
    firstSeenAt: 1000,
    lastSeenAt: 1000,
  };
  return (await db.orders.add(order)) as number;
}

describe('chain store', () => {
  it('appends events and evidence into one chain and keeps an anchor', async () => {
    const db = openDb('test-' + crypto.randomUUID());
    const orderId = await newOrder(db);
    const ids = await appendEventsChained(db, [
      { orderId, kind: 'first_seen', at: 1000, status: 'paid' },
      { orderId, kind: 'payment_seen', at: 1001 },
    ]);
    expect(ids).toHaveLength(2);
    await appendChained(db, orderId, [evidence(1002, 'd'.repeat(64))]);
    const items = await loadChainItems(db, (await db.orders.get(orderId))!);
    expect(items.map((i) => i.type)).toEqual(['event', 'event', 'evidence']);
    expect(items[1]!.record.prevHash).toBe(items[0]!.record.hash);
    expect(items[2]!.record.prevHash).toBe(items[1]!.record.hash);
    expect(await readAnchor(db, ORDER)).toMatchObject({ head: items[2]!.record.hash, count: 3 });
    expect(await verifyOrderChain(db, orderId)).toMatchObject({ ok: true, count: 3 });
  });

  it('fills the passed records in place like Dexie add does', async () => {
    const db = openDb('test-' + crypto.randomUUID());
    const orderId = await newOrder(db);
    const record: EventRecord = { orderId, kind: 'first_seen', at: 1 };
    await appendEventsChained(db, [record]);
    expect(record.id).toBeGreaterThan(0);
    expect(record.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(record.prevHash).toBe(genesisHash(ORDER));
  });

  it('joins a caller transaction opened over chainTables, and rolls back with it', async () => {
    const db = openDb('test-' + crypto.randomUUID());
    const orderId = await newOrder(db);
    await expect(
      db.transaction('rw', chainTables(db), async () => {
        await appendEventsChained(db, [{ orderId, kind: 'first_seen', at: 1 }]);
        throw new Error('caller failed after the append');
      }),
    ).rejects.toThrow('caller failed');
    expect(await db.events.count()).toBe(0);
    expect(await db.kv.get(anchorKey(ORDER))).toBeUndefined();
  });

  it('chains the events of an order created in the same transaction (the upsertSighting shape)', async () => {
    const db = openDb('test-' + crypto.randomUUID());
    const orderId = await db.transaction('rw', chainTables(db), async () => {
      const id = await newOrder(db);
      await appendEventsChained(db, [
        { orderId: id, kind: 'first_seen', at: 1, status: 'delivered' },
        { orderId: id, kind: 'card_keys_found', at: 1, detail: '2' },
      ]);
      return id;
    });
    expect(await verifyOrderChain(db, orderId)).toMatchObject({ ok: true, count: 2 });
  });

  it('refuses to join a caller transaction that lacks the chain tables', async () => {
    const db = openDb('test-' + crypto.randomUUID());
    const orderId = await newOrder(db);
    await expect(
      db.transaction('rw', db.orders, db.events, () =>
        appendEventsChained(db, [{ orderId, kind: 'first_seen', at: 1 }]),
      ),
    ).rejects.toThrow();
    expect(await db.events.count()).toBe(0);
  });

  it('detects edits, deletions and bypassing writes made directly in the database', async () => {
    const db = openDb('test-' + crypto.randomUUID());
    const orderId = await newOrder(db);
    await appendEventsChained(
      db,
      [1, 2, 3, 4].map((at) => ({ orderId, kind: 'status_changed' as const, at, status: 'processing' as const })),
    );
    const ids = (await db.events.orderBy('id').primaryKeys()) as number[];

    await db.events.update(ids[1]!, { status: 'delivered' });
    expect(await verifyOrderChain(db, orderId)).toMatchObject({
      ok: false,
      brokenAt: 1,
      recordId: ids[1],
      reason: 'modified',
    });
    await db.events.update(ids[1]!, { status: 'processing' });
    expect((await verifyOrderChain(db, orderId)).ok).toBe(true);

    await db.events.delete(ids[3]!);
    expect(await verifyOrderChain(db, orderId)).toMatchObject({ ok: false, reason: 'truncated', brokenAt: 3 });

    await db.events.delete(ids[1]!);
    expect(await verifyOrderChain(db, orderId)).toMatchObject({
      ok: false,
      reason: 'removed',
      brokenAt: 1,
      recordId: ids[2],
    });
  });

  it('reports an event written around the chain store', async () => {
    const db = openDb('test-' + crypto.randomUUID());
    const orderId = await newOrder(db);
    await appendEventsChained(db, [{ orderId, kind: 'first_seen', at: 1 }]);
    await db.events.add({ orderId, kind: 'user_paid', at: 2 });
    expect(await verifyOrderChain(db, orderId)).toMatchObject({ ok: false, reason: 'unchained', brokenAt: 1 });
  });

  it('rolls back the whole append when a record cannot be hashed', async () => {
    const db = openDb('test-' + crypto.randomUUID());
    const orderId = await newOrder(db);
    await expect(
      appendEventsChained(db, [
        { orderId, kind: 'first_seen', at: 1 },
        { orderId, kind: 'payment_seen', at: Number.NaN },
      ]),
    ).rejects.toThrow(TypeError);
    expect(await db.events.count()).toBe(0);
  });
});
