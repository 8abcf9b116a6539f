// @vitest-environment node
/**
 * A database written by version 1 opens in today's schema with every row and every hash chain intact. The rows are
 * those the version-1 code itself stored (tests/fixtures/db-v1/kamiguard-v1.json, written by the write paths and
 * chain of commit 9ee5a44), put back into a database created with version 1's schema exactly as it shipped.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { openDb, upsertSighting, type KamiGuardDb } from '@/lib/db';
import type { BlobRecord, EventRecord, EvidenceRecord, KvRecord, OrderRecord } from '@/lib/db/types';
import { anchorKey, readAnchor, verifyOrderChain } from '@/lib/db/timeline';
import { sha256Hex } from '@/lib/hash';

interface V1Dump {
  verno: number;
  orders: OrderRecord[];
  events: EventRecord[];
  evidence: EvidenceRecord[];
  blobs: { sha256: string; type: string; base64: string }[];
  kv: KvRecord[];
}

const dump = JSON.parse(
  readFileSync(join(import.meta.dirname, '../fixtures/db-v1/kamiguard-v1.json'), 'utf8'),
) as V1Dump;

const names: string[] = [];
afterEach(async () => {
  for (const name of names.splice(0)) await Dexie.delete(name);
});

/** Creates a database with version 1's schema, verbatim as shipped, holding the dumped rows. */
async function writeVersion1(): Promise<string> {
  const name = `v1-upgrade-${crypto.randomUUID()}`;
  names.push(name);
  const v1 = new Dexie(name);
  // Commit 9ee5a44, lib/db/database.ts: the only schema version 1 ever had. Never edit this copy.
  v1.version(1).stores({
    orders: '++id, &[site+orderNo], orderNo, site, status, lastSeenAt',
    events: '++id, orderId, [orderId+at], kind, at',
    evidence: '++id, orderId, sha256, kind, capturedAt',
    blobs: '&sha256',
    kv: '&key',
  });
  await v1.open();
  await v1.table('orders').bulkAdd(dump.orders);
  await v1.table('events').bulkAdd(dump.events);
  await v1.table('evidence').bulkAdd(dump.evidence);
  await v1.table('blobs').bulkAdd(
    dump.blobs.map((b) => ({
      sha256: b.sha256,
      data: new Blob([Buffer.from(b.base64, 'base64')], { type: b.type }),
    })),
  );
  await v1.table('kv').bulkAdd(dump.kv);
  v1.close();
  return name;
}

async function upgraded(): Promise<KamiGuardDb> {
  const db = openDb(await writeVersion1());
  await db.open();
  return db;
}

describe('opening a version-1 database with the current schema', () => {
  it('starts from what version 1 really wrote: two orders, both tables of their chains, shared blobs, settings', () => {
    expect(dump.verno).toBe(1);
    expect(dump.orders).toHaveLength(2);
    expect(new Set(dump.events.map((e) => e.kind))).toEqual(
      new Set([
        'first_seen',
        'evidence_added',
        'user_action',
        'draft_copied',
        'status_changed',
        'card_keys_found',
        'resolved',
        'payment_seen',
        'payment_callback_suspected',
        'user_paid',
      ]),
    );
    expect(dump.evidence.length).toBeGreaterThan(dump.blobs.length); // one receipt's bytes serve two orders
    expect(dump.kv.filter((row) => row.key.startsWith('evidence.chain:'))).toHaveLength(2);
    for (const row of [...dump.events, ...dump.evidence]) expect(row.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('upgrades to version 2 and keeps every row as it was, marking every order as picked up from a page', async () => {
    const db = await upgraded();
    expect(db.verno).toBe(2);
    expect(await db.orders.toArray()).toEqual(dump.orders.map((o) => ({ ...o, entry: 'page' })));
    expect(await db.events.toArray()).toEqual(dump.events);
    expect(await db.evidence.toArray()).toEqual(dump.evidence);
    expect(await db.kv.toArray()).toEqual(dump.kv);
    expect(await db.orders.where('entry').equals('page').count()).toBe(2);
    // Version 2's new tables exist, empty.
    expect(await db.shops.count()).toBe(0);
    expect(await db.watch.count()).toBe(0);
    db.close();
  });

  it('keeps every evidence file byte for byte, one blob per evidence row', async () => {
    const db = await upgraded();
    const blobs: BlobRecord[] = await db.blobs.toArray();
    expect(blobs.map((b) => b.sha256).sort()).toEqual(dump.blobs.map((b) => b.sha256).sort());
    for (const blob of blobs) {
      const bytes = new Uint8Array(await blob.data.arrayBuffer());
      expect(await sha256Hex(bytes)).toBe(blob.sha256);
      expect(Buffer.from(bytes).toString('base64')).toBe(dump.blobs.find((b) => b.sha256 === blob.sha256)!.base64);
    }
    const stored = new Set(blobs.map((b) => b.sha256));
    for (const item of await db.evidence.toArray()) expect(stored.has(item.blobId)).toBe(true);
    db.close();
  });

  it('verifies every order chain against its anchor, and new records continue it', async () => {
    const db = await upgraded();
    for (const order of await db.orders.toArray()) {
      const records =
        dump.events.filter((e) => e.orderId === order.id).length +
        dump.evidence.filter((e) => e.orderId === order.id).length;
      const result = await verifyOrderChain(db, order.id!);
      expect(result, `${order.site} ${order.orderNo}`).toMatchObject({ ok: true, count: records });
      expect((await readAnchor(db, order))?.head).toBe(result.head);
    }

    // The current code appends to a version-1 chain (the pending order is finally delivered).
    const waiting = (await db.orders.where('status').equals('pending_payment').first())!;
    const before = (await db.kv.get(anchorKey(waiting)))!.value as { count: number };
    await upsertSighting(db, {
      order: { platform: waiting.platform, orderNo: waiting.orderNo, status: 'delivered', cardKeys: ['K-1'] },
      site: waiting.site,
      url: waiting.url,
      at: waiting.lastSeenAt + 60_000,
    });
    const after = await verifyOrderChain(db, waiting.id!);
    expect(after).toMatchObject({ ok: true, count: before.count + 2 }); // status change + keys found
    db.close();
  });

  it('a chain edited before the upgrade is still reported broken after it', async () => {
    const name = await writeVersion1();
    const v1 = new Dexie(name);
    v1.version(1).stores({ events: '++id' });
    await v1.open();
    const first = dump.events[0]!;
    await v1.table('events').put({ ...first, statusText: '已完成' });
    v1.close();
    const db = openDb(name);
    expect(await verifyOrderChain(db, first.orderId)).toMatchObject({ ok: false, reason: 'modified' });
    db.close();
  });
});
