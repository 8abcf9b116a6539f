// @vitest-environment node
// (fake-indexeddb under happy-dom cannot store Blobs; the token is stored as one.)
/**
 * Trusted timestamps in the background, against the local authority: the chain head is stamped and the token appended
 * to the order's chain; every failure stores nothing; nothing is sent without a valid authority or with the automatic
 * setting off; the automatic stamp follows status changes at most once per order in ten minutes.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { describe, expect, it } from 'vitest';
import { exportBackup, importBackup } from '@/lib/backup';
import { afterSighting } from '@/lib/background/after-sighting';
import {
  AUTO_STAMP_MIN_GAP_MS,
  autoStampAfterStatusChange,
  handleStampManifest,
  handleStampOrder,
  stampOrderChain,
  type TimestampDeps,
} from '@/lib/background/timestamp';
import { upsertSighting, type KamiGuardDb } from '@/lib/db';
import { computeRecordHash } from '@/lib/db/chain';
import { loadChainItems, readAnchor, verifyOrderChain } from '@/lib/db/timeline';
import { getBlobBytes } from '@/lib/evidence/store';
import { AUTO_FAILURE_KEY, saveTimestampSettings } from '@/lib/evidence/timestamp';
import { base64ToBytes, sha256Hex } from '@/lib/hash';
import { opensslVerify } from '../support/local-tsa';
import { freshDb } from './fresh-db';
import { withLocalTsa } from './local-tsa-hooks';

const URL_A = 'https://shop.example.com/detail-order-sn/A';
const local = withLocalTsa();

async function orderWithHistory(db: KamiGuardDb): Promise<number> {
  const paid = { platform: 'dujiaoka', orderNo: 'A', status: 'paid' as const };
  const first = await upsertSighting(db, { order: paid, site: 'shop.example.com', url: URL_A, at: 1_000 });
  await upsertSighting(db, {
    order: { ...paid, status: 'processing' },
    site: 'shop.example.com',
    url: URL_A,
    at: 2_000,
  });
  return first.orderId;
}

async function setup(auto = false): Promise<{ db: KamiGuardDb; deps: TimestampDeps; orderId: number }> {
  const db = freshDb();
  await saveTimestampSettings(db, { authority: 'custom', customUrl: local.tsa.url, autoOnStatusChange: auto });
  let now = 1_700_000_000_000;
  const deps: TimestampDeps = { db, now: () => (now += 1_000) };
  return { db, deps, orderId: await orderWithHistory(db) };
}

async function snapshot(db: KamiGuardDb): Promise<unknown> {
  return { events: await db.events.toArray(), evidence: await db.evidence.toArray(), kv: await db.kv.toArray() };
}

describe('stampOrderChain', () => {
  it('stamps the chain head, appends the token to the chain, and OpenSSL verifies it against that head', async () => {
    const { db, deps, orderId } = await setup();
    const before = await verifyOrderChain(db, orderId);
    const sent = local.tsa.requests.length;
    const facts = await stampOrderChain(deps, orderId, 'manual');
    expect(local.tsa.requests.length - sent).toBe(1);

    expect(facts).toMatchObject({ imprint: before.head, authority: 'KamiGuard Test TSA', stamped: 'chain_head' });
    const [row] = await db.evidence.where('kind').equals('timestamp').toArray();
    expect(row).toMatchObject({
      kind: 'timestamp',
      source: 'manual',
      mime: 'application/timestamp-reply',
      url: local.tsa.url,
      prevHash: before.head,
      timestamp: facts,
    });
    // The token is the chain's next record (then its evidence_added event), and the chain still verifies.
    const after = await verifyOrderChain(db, orderId);
    expect(after).toMatchObject({ ok: true, count: before.count + 2 });
    const order = (await db.orders.get(orderId))!;
    const items = await loadChainItems(db, order);
    expect(items.at(-2)!.record).toMatchObject({ kind: 'timestamp' });
    expect(computeRecordHash('evidence', items.at(-2)!.record)).toBe(row!.hash);
    expect((await readAnchor(db, order))!.head).toBe(after.head);

    // The stored bytes are the whole TimeStampResp; OpenSSL checks it against the head the record follows.
    const tsr = (await getBlobBytes(db, row!.sha256))!;
    expect(await sha256Hex(tsr)).toBe(row!.sha256);
    writeFileSync(join(local.tsa.dir, 'head.tsr'), tsr);
    const verify = (digest: string) =>
      opensslVerify(local.tsa.caFile, ['-digest', digest, '-in', join(local.tsa.dir, 'head.tsr')]);
    await expect(verify(before.head)).resolves.toContain('Verification: OK');
    await expect(verify(after.head)).rejects.toThrow();
  });

  it('sends exactly one TimeStampReq, carrying the head hash, a nonce and certReq — nothing about the order', async () => {
    const { db, deps, orderId } = await setup();
    const head = (await verifyOrderChain(db, orderId)).head;
    const sent = local.tsa.requests.length;
    await stampOrderChain(deps, orderId, 'manual');
    const [request] = local.tsa.requests.slice(sent);
    expect(request).toMatchObject({ method: 'POST', contentType: 'application/timestamp-query' });
    const req = new pkijs.TimeStampReq({ schema: asn1js.fromBER(request!.body).result });
    expect(Buffer.from(req.messageImprint.hashedMessage.valueBlock.valueHexView).toString('hex')).toBe(head);
    expect(req.certReq).toBe(true);
    expect(req.reqPolicy).toBeUndefined();
    expect(req.extensions).toBeUndefined();
    const text = Buffer.from(request!.body).toString('latin1');
    for (const secret of ['shop.example.com', 'dujiaoka', 'detail-order-sn']) expect(text).not.toContain(secret);
  });

  it('stores nothing when the token does not verify, and says why', async () => {
    const { db, deps, orderId } = await setup();
    const before = await snapshot(db);
    for (const [mode, code] of [
      ['wrong-nonce', 'wrong_nonce'],
      ['bad-signature', 'bad_signature'],
      ['rejected', 'rejected'],
      ['http-500', 'http'],
    ] as const) {
      local.tsa.mode = mode;
      try {
        await expect(handleStampOrder(deps, orderId)).resolves.toMatchObject({ ok: false, code });
      } finally {
        local.tsa.mode = 'ok';
      }
    }
    expect(await snapshot(db)).toEqual(before);
  });

  it('sends nothing when the custom address is not valid, or the chain does not verify', async () => {
    const { db, deps, orderId } = await setup();
    const sent = local.tsa.requests.length;
    await saveTimestampSettings(db, {
      authority: 'custom',
      customUrl: 'ftp://local.tsa.example.com',
      autoOnStatusChange: false,
    });
    expect(await handleStampOrder(deps, orderId)).toEqual({ ok: false, code: 'bad_url' });

    await saveTimestampSettings(db, { authority: 'custom', customUrl: local.tsa.url, autoOnStatusChange: false });
    const [event] = await db.events.where('orderId').equals(orderId).toArray();
    await db.events.update(event!.id!, { at: 42 }); // an edited record
    expect(await handleStampOrder(deps, orderId)).toMatchObject({
      ok: false,
      code: 'chain_broken',
      detail: 'modified',
    });
    expect(local.tsa.requests.length).toBe(sent);
  });
});

describe('a stored token in a backup', () => {
  it('comes back whole: the row with its facts, the token bytes, an intact chain', async () => {
    const { db, deps, orderId } = await setup();
    const facts = await stampOrderChain(deps, orderId, 'manual');
    const target = freshDb();
    await importBackup(target, await exportBackup(db));
    const [row] = await target.evidence.where('kind').equals('timestamp').toArray();
    expect(row).toMatchObject({ kind: 'timestamp', timestamp: facts, mime: 'application/timestamp-reply' });
    expect(await sha256Hex((await getBlobBytes(target, row!.sha256))!)).toBe(row!.sha256);
    expect(await verifyOrderChain(target, row!.orderId)).toMatchObject({ ok: true });
  });
});

describe('handleStampManifest', () => {
  it('returns a verified token of the exact text, and stores nothing', async () => {
    const { db, deps } = await setup();
    const before = await snapshot(db);
    const manifest = '{\n  "format": "kamiguard-evidence-bundle",\n  "note": "中文 ✓"\n}';
    const reply = await handleStampManifest(deps, manifest);
    if (!reply.ok) throw new Error(reply.code);
    expect(reply.facts.imprint).toBe(await sha256Hex(new TextEncoder().encode(manifest)));
    writeFileSync(join(local.tsa.dir, 'manifest.json'), manifest);
    writeFileSync(join(local.tsa.dir, 'manifest.tsr'), base64ToBytes(reply.tsr));
    await expect(
      opensslVerify(local.tsa.caFile, [
        '-data',
        join(local.tsa.dir, 'manifest.json'),
        '-in',
        join(local.tsa.dir, 'manifest.tsr'),
      ]),
    ).resolves.toContain('Verification: OK');
    expect(await snapshot(db)).toEqual(before);
  });
});

describe('automatic stamps after a status change', () => {
  it('send nothing while the setting is off', async () => {
    const { db, deps, orderId } = await setup(false);
    const sent = local.tsa.requests.length;
    expect(await autoStampAfterStatusChange(deps, orderId)).toBe(false);
    expect(local.tsa.requests.length).toBe(sent);
    expect(await db.evidence.where('kind').equals('timestamp').count()).toBe(0);
  });

  it('stamp once when on, not again within ten minutes, and again after', async () => {
    const { db, orderId } = await setup(true);
    let now = 1_800_000_000_000;
    const deps: TimestampDeps = { db, now: () => now };
    expect(await autoStampAfterStatusChange(deps, orderId)).toBe(true);
    now += AUTO_STAMP_MIN_GAP_MS - 1;
    expect(await autoStampAfterStatusChange(deps, orderId)).toBe(false);
    now += 2;
    expect(await autoStampAfterStatusChange(deps, orderId)).toBe(true);
    const stamps = await db.evidence.where('kind').equals('timestamp').toArray();
    expect(stamps.map((s) => s.source)).toEqual(['auto', 'auto']);
    expect((await verifyOrderChain(db, orderId)).ok).toBe(true);
  });

  it('keep the last failure for the options page, and clear it once a stamp works', async () => {
    const { db, deps, orderId } = await setup(true);
    local.tsa.mode = 'http-500';
    try {
      expect(await autoStampAfterStatusChange(deps, orderId)).toBe(false);
    } finally {
      local.tsa.mode = 'ok';
    }
    expect((await db.kv.get(AUTO_FAILURE_KEY))?.value).toMatchObject({ orderId, code: 'http', detail: 'HTTP 500' });
    expect(await db.evidence.where('kind').equals('timestamp').count()).toBe(0);
    expect(await autoStampAfterStatusChange(deps, orderId)).toBe(true);
    expect(await db.kv.get(AUTO_FAILURE_KEY)).toBeUndefined();
  });

  it('are asked for by afterSighting on a status change only, after its text record', async () => {
    const db = freshDb();
    const changed: { orderId: number; texts: number }[] = [];
    const deps = {
      db,
      now: 5_000,
      requestCapture: async () => undefined,
      reschedule: async () => undefined,
      statusChanged: (orderId: number) =>
        void db.evidence
          .where('kind')
          .equals('order_text')
          .count()
          .then((texts) => changed.push({ orderId, texts })),
    };
    const order = { platform: 'dujiaoka', orderNo: 'A', status: 'paid' as const };
    const sight = async (status: 'paid' | 'processing', at: number) => {
      const o = { ...order, status };
      const result = await upsertSighting(db, { order: o, site: 'shop.example.com', url: URL_A, at });
      await afterSighting({ stored: [{ order: o, result }], linkedIds: [], tabId: 7, url: URL_A }, deps);
      return result.orderId;
    };
    const id = await sight('paid', 5_000); // first seen: no stamp
    await sight('paid', 6_000); // no change
    await sight('processing', 7_000); // a change
    await new Promise((r) => setTimeout(r, 50));
    expect(changed).toEqual([{ orderId: id, texts: 2 }]);
  });
});
