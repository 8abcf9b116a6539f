// @vitest-environment node
import { unzipSync, zipSync } from 'fflate';
import { describe, expect, it, vi } from 'vitest';
import { openDb, type KamiGuardDb } from '@/lib/db/database';
import type { OrderRecord } from '@/lib/db/types';
import { BackupError, exportBackup, importBackup, type BackupErrorCode } from '@/lib/backup';
import { appendEventsChained, verifyOrderChain } from '@/lib/db/timeline';
import { bytesToHex, sha256Hex } from '@/lib/hash';
import { SIGNING_KEY_KV, getSigningKey } from '@/lib/evidence/signing';
import { addEvidence } from '@/lib/evidence/store';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function freshDb(): KamiGuardDb {
  return openDb('test-' + crypto.randomUUID());
}

async function addOrder(db: KamiGuardDb, orderNo: string, site = 'shop.example.com'): Promise<number> {
  const order: OrderRecord = {
    platform: 'acg-faka',
    orderNo,
    productName: '腾讯视频VIP月卡',
    amount: 15,
    currency: 'CNY',
    status: 'paid',
    site,
    url: `https://${site}/query?order=${orderNo}`,
    urls: [`https://${site}/query?order=${orderNo}`],
    firstSeenAt: 1000,
    lastSeenAt: 1000,
  };
  return (await db.orders.add(order)) as number;
}

/** A database with two orders, chained events and evidence (one blob shared), and settings. */
async function seed(db: KamiGuardDb): Promise<void> {
  const a = await addOrder(db, 'A100');
  const b = await addOrder(db, 'B200', 'other.example.net');
  await appendEventsChained(db, [
    { orderId: a, kind: 'first_seen', at: 1000, status: 'paid' },
    { orderId: b, kind: 'first_seen', at: 1001, status: 'paid' },
  ]);
  const shared = crypto.getRandomValues(new Uint8Array(3000));
  await addEvidence(db, {
    orderId: a,
    kind: 'order_page',
    source: 'auto',
    bytes: shared,
    mime: 'image/webp',
    url: 'https://shop.example.com/q',
    capturedAt: 1002,
  });
  await addEvidence(db, {
    orderId: b,
    kind: 'payment_receipt',
    source: 'imported',
    bytes: shared,
    mime: 'image/webp',
    url: '',
    capturedAt: 1003,
    note: '支付宝账单',
  });
  await addEvidence(db, {
    orderId: a,
    kind: 'order_text',
    source: 'auto',
    bytes: '{"orderNo":"A100"}',
    mime: 'application/json',
    url: 'https://shop.example.com/q',
    capturedAt: 1004,
  });
  await appendEventsChained(db, [
    { orderId: a, kind: 'status_changed', at: 2000, status: 'processing', previousStatus: 'paid' },
  ]);
  await db.kv.put({ key: 'settings', value: { locale: 'zh_CN', windowMinutes: 1440 } });
  await db.shops.put({
    site: 'shop.example.com',
    firstSeenAt: 900,
    icpCheckedAt: 1000,
    icp: '京ICP备12345678号',
    icpSeenAt: 1000,
  });
  await getSigningKey(db);
}

/** Everything in the database, ids replaced by order identity so two databases can be compared. */
async function content(db: KamiGuardDb): Promise<unknown> {
  const orders = await db.orders.toArray();
  const identity = new Map(orders.map((o) => [o.id, `${o.site}/${o.orderNo}`]));
  const strip = <T extends { id?: number; orderId?: number }>(rows: T[]) =>
    rows
      .map(({ id: _id, orderId, ...rest }) => ({ order: identity.get(orderId), ...rest }))
      .sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y)));
  const blobs = await Promise.all(
    (await db.blobs.toArray()).map(async (b) => [b.sha256, bytesToHex(new Uint8Array(await b.data.arrayBuffer()))]),
  );
  const kv = (await db.kv.toArray())
    .filter((row) => row.key !== SIGNING_KEY_KV)
    .map((row) => ({ key: row.key, value: { ...(row.value as object), updatedAt: undefined } }));
  return {
    orders: orders.map(({ id: _id, ...rest }) => rest).sort((x, y) => x.orderNo.localeCompare(y.orderNo)),
    events: strip(await db.events.toArray()),
    evidence: strip(await db.evidence.toArray()),
    blobs: blobs.sort(),
    kv: kv.sort((x, y) => x.key.localeCompare(y.key)),
    shops: await db.shops.toArray(),
  };
}

/** Exact dump, ids and all, to prove a refused import changed nothing. */
async function dump(db: KamiGuardDb): Promise<string> {
  const blobs = await Promise.all(
    (await db.blobs.toArray()).map(async (b) => [b.sha256, bytesToHex(new Uint8Array(await b.data.arrayBuffer()))]),
  );
  return JSON.stringify({
    orders: await db.orders.toArray(),
    events: await db.events.toArray(),
    evidence: await db.evidence.toArray(),
    blobs,
    kv: (await db.kv.toArray()).map((row) => (row.key === SIGNING_KEY_KV ? row.key : row)),
  });
}

async function expectAllChainsOk(db: KamiGuardDb): Promise<void> {
  for (const id of (await db.orders.toCollection().primaryKeys()) as number[]) {
    expect(await verifyOrderChain(db, id), `order ${id}`).toMatchObject({ ok: true });
  }
}

async function refusal(db: KamiGuardDb, bytes: Uint8Array): Promise<BackupErrorCode> {
  const error = await importBackup(db, bytes).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(BackupError);
  return (error as BackupError).code;
}

/** Rewrites some entries of a backup, optionally keeping backup.json's checksum in step. */
function rewrite(
  zip: Uint8Array,
  change: (files: Record<string, Uint8Array>) => void,
  fixChecksum = false,
): Promise<Uint8Array> {
  const files = unzipSync(zip);
  change(files);
  return (async () => {
    if (fixChecksum) files['backup.json.sha256'] = encoder.encode(await sha256Hex(files['backup.json']!));
    return zipSync(files);
  })();
}

function editData(zip: Uint8Array, edit: (data: Record<string, unknown>) => void): Promise<Uint8Array> {
  return rewrite(
    zip,
    (files) => {
      const data = JSON.parse(decoder.decode(files['backup.json'])) as Record<string, unknown>;
      edit(data);
      files['backup.json'] = encoder.encode(JSON.stringify(data));
    },
    true,
  );
}

describe('backup round trip', () => {
  it('restores everything into an empty database, blobs once, chains intact', async () => {
    const source = freshDb();
    await seed(source);
    const zip = await exportBackup(source);
    const target = freshDb();
    const report = await importBackup(target, zip);

    expect(report).toMatchObject({
      orders: { added: 2, merged: 0 },
      events: { added: 3, skipped: 0 },
      evidence: { added: 3, skipped: 0 },
      blobs: { added: 2 },
      settings: { added: 1, skipped: 0 },
      rechained: 0,
      brokenChains: [],
    });
    expect(await content(target)).toEqual(await content(source));
    await expectAllChainsOk(target);
    // The signing key stays with its install.
    expect(await target.kv.get(SIGNING_KEY_KV)).toBeUndefined();
  });

  it('re-maps order ids when the target already holds other orders', async () => {
    const source = freshDb();
    await seed(source);
    const target = freshDb();
    await addOrder(target, 'LOCAL-1', 'local.example');
    await addOrder(target, 'LOCAL-2', 'local.example');
    await importBackup(target, await exportBackup(source));
    const restored = await target.orders.where('[site+orderNo]').equals(['shop.example.com', 'A100']).first();
    expect(restored!.id).toBeGreaterThan(2);
    expect(await target.events.where('orderId').equals(restored!.id!).count()).toBe(2);
    expect(await target.evidence.where('orderId').equals(restored!.id!).count()).toBe(2);
    await expectAllChainsOk(target);
  });
});

describe('merge import', () => {
  it('importing a backup into its own database adds nothing', async () => {
    const db = freshDb();
    await seed(db);
    const zip = await exportBackup(db);
    const before = await content(db);
    const report = await importBackup(db, zip);
    expect(report).toMatchObject({
      orders: { added: 0, merged: 2 },
      events: { added: 0, skipped: 3 },
      evidence: { added: 0, skipped: 3 },
      blobs: { added: 0 },
      settings: { added: 0, skipped: 1 },
    });
    expect(await content(db)).toEqual(before);
  });

  it('adds only what is new when the local chain is a prefix of the backup', async () => {
    const source = freshDb();
    await seed(source);
    const target = freshDb();
    await importBackup(target, await exportBackup(source));
    const a = (await source.orders.where('orderNo').equals('A100').first())!.id!;
    await appendEventsChained(source, [{ orderId: a, kind: 'user_paid', at: 3000 }]);
    const report = await importBackup(target, await exportBackup(source));
    expect(report.events).toEqual({ added: 1, skipped: 3 });
    expect(report.rechained).toBe(0);
    expect(await content(target)).toEqual(await content(source));
    await expectAllChainsOk(target);
  });

  it('re-links new records after the local head when the chains diverged, without duplicates', async () => {
    const source = freshDb();
    await seed(source);
    const target = freshDb();
    await importBackup(target, await exportBackup(source));
    // Both sides go on independently (e.g. reinstall, order seen again, then the old backup restored).
    const srcA = (await source.orders.where('orderNo').equals('A100').first())!.id!;
    const dstA = (await target.orders.where('orderNo').equals('A100').first())!.id!;
    await appendEventsChained(source, [{ orderId: srcA, kind: 'user_paid', at: 3000 }]);
    await appendEventsChained(target, [{ orderId: dstA, kind: 'reminder_shown', at: 3100, detail: 'contact_support' }]);

    const report = await importBackup(target, await exportBackup(source));
    expect(report.rechained).toBe(1);
    expect(report.events).toEqual({ added: 1, skipped: 3 });
    const kinds = (await target.events.where('orderId').equals(dstA).toArray()).map((e) => e.kind).sort();
    expect(kinds).toEqual(['first_seen', 'reminder_shown', 'status_changed', 'user_paid']);
    await expectAllChainsOk(target);
    // Importing the same backup again changes nothing.
    const again = await importBackup(target, await exportBackup(source));
    expect(again.events.added + again.evidence.added).toBe(0);
  });

  it('keeps what a shop page showed (its ICP number) when the local record of the shop has none', async () => {
    const source = freshDb();
    await seed(source);
    const target = freshDb();
    await target.shops.put({ site: 'shop.example.com', firstSeenAt: 5000, icpCheckedAt: 5000 });
    await importBackup(target, await exportBackup(source));
    expect(await target.shops.get('shop.example.com')).toEqual({
      site: 'shop.example.com',
      firstSeenAt: 900,
      icpCheckedAt: 5000,
      icp: '京ICP备12345678号',
      icpSeenAt: 1000,
    });
  });

  it('keeps local settings unless asked to overwrite them', async () => {
    const source = freshDb();
    await seed(source);
    const zip = await exportBackup(source);
    const target = freshDb();
    await target.kv.put({ key: 'settings', value: { locale: 'en' } });
    await importBackup(target, zip);
    expect((await target.kv.get('settings'))!.value).toEqual({ locale: 'en' });
    await importBackup(target, zip, { overwriteSettings: true });
    expect((await target.kv.get('settings'))!.value).toEqual({ locale: 'zh_CN', windowMinutes: 1440 });
  });

  it('imports a backup whose chain was tampered with unchanged, and says so', async () => {
    const source = freshDb();
    await seed(source);
    await source.events.where('kind').equals('status_changed').modify({ status: 'delivered' });
    const target = freshDb();
    const report = await importBackup(target, await exportBackup(source));
    expect(report.brokenChains).toEqual([{ site: 'shop.example.com', orderNo: 'A100' }]);
    const a = (await target.orders.where('orderNo').equals('A100').first())!.id!;
    expect(await verifyOrderChain(target, a)).toMatchObject({ ok: false, reason: 'modified' });
  });
});

/** A backup of the seeded database, and a non-empty target with its exact dump. */
async function setup(): Promise<{ zip: Uint8Array; target: KamiGuardDb; before: string }> {
  const source = freshDb();
  await seed(source);
  const zip = await exportBackup(source);
  const target = freshDb();
  await addOrder(target, 'LOCAL-1', 'local.example');
  await target.kv.put({ key: 'settings', value: { locale: 'en' } });
  return { zip, target, before: await dump(target) };
}

describe('refused imports leave the database unchanged', () => {
  it('random bytes', async () => {
    const { target, before } = await setup();
    expect(await refusal(target, crypto.getRandomValues(new Uint8Array(4096)))).toBe('not_a_zip');
    expect(await dump(target)).toBe(before);
  });

  it('a truncated archive', async () => {
    const { zip, target, before } = await setup();
    expect(await refusal(target, zip.slice(0, Math.floor(zip.length * 0.6)))).toBe('damaged');
    expect(await refusal(target, zip.slice(0, zip.length - 10))).toBe('damaged');
    expect(await dump(target)).toBe(before);
  });

  it('a ZIP that is not a KamiGuard backup', async () => {
    const { target, before } = await setup();
    expect(await refusal(target, zipSync({ 'readme.txt': encoder.encode('hello') }))).toBe('foreign_file');
    expect(
      await refusal(target, zipSync({ 'backup.json': encoder.encode('{"format":"other-app","version":1}') })),
    ).toBe('foreign_file');
    expect(await dump(target)).toBe(before);
  });

  it('an evidence file altered inside the archive', async () => {
    const { zip, target, before } = await setup();
    const tampered = await rewrite(zip, (files) => {
      const blob = files[Object.keys(files).find((n) => n.startsWith('blobs/'))!]!;
      blob[0] = blob[0]! ^ 0xff;
    });
    expect(await refusal(target, tampered)).toBe('blob_mismatch');
    const missing = await rewrite(zip, (files) => {
      delete files[Object.keys(files).find((n) => n.startsWith('blobs/'))!];
    });
    expect(await refusal(target, missing)).toBe('missing_blob');
    expect(await dump(target)).toBe(before);
  });

  it('backup.json altered, invalid, or from another version', async () => {
    const { zip, target, before } = await setup();
    const unsummed = await rewrite(zip, (files) => {
      files['backup.json'] = encoder.encode(decoder.decode(files['backup.json']).replace('A100', 'A101'));
    });
    expect(await refusal(target, unsummed)).toBe('damaged');
    expect(
      await refusal(target, await editData(zip, (d) => ((d.orders as { status: string }[])[0]!.status = 'bogus'))),
    ).toBe('invalid_data');
    expect(
      await refusal(target, await editData(zip, (d) => ((d.events as { orderId: number }[])[0]!.orderId = 999))),
    ).toBe('invalid_data');
    expect(await refusal(target, await editData(zip, (d) => (d.version = 2)))).toBe('newer_version');
    expect(await refusal(target, await editData(zip, (d) => (d.version = '1')))).toBe('unsupported_version');
    expect(await refusal(target, await editData(zip, (d) => (d.version = 0)))).toBe('unsupported_version');
    expect(await refusal(target, await editData(zip, (d) => (d.format = 'not-kamiguard')))).toBe('foreign_file');
    expect(await dump(target)).toBe(before);
  });

  it('a write that fails half-way through the import', async () => {
    const { zip, target, before } = await setup();
    const add = target.evidence.add.bind(target.evidence);
    let calls = 0;
    vi.spyOn(target.evidence, 'add').mockImplementation((...args) => {
      if (++calls === 2) return Promise.reject(new Error('disk error')) as never;
      return add(...args);
    });
    expect(await refusal(target, zip)).toBe('write_failed');
    expect(calls).toBe(2);
    expect(await dump(target)).toBe(before);

    vi.spyOn(target.blobs, 'add').mockRejectedValue(Object.assign(new Error('full'), { name: 'QuotaExceededError' }));
    vi.mocked(target.evidence.add).mockImplementation(add);
    expect(await refusal(target, zip)).toBe('storage_full');
    expect(await dump(target)).toBe(before);
  });

  it('gives a user-facing reason in both locales', () => {
    const error = new BackupError('blob_mismatch', 'abc');
    expect(error.userMessage('zh_CN')).toContain('哈希');
    expect(error.userMessage('en')).toContain('hash');
    expect(error.message).toContain('abc');
  });

  it('says that a backup from a newer version needs the extension updated', async () => {
    const { zip, target } = await setup();
    const error = (await importBackup(target, await editData(zip, (d) => (d.version = 7))).catch(
      (e: unknown) => e,
    )) as BackupError;
    expect(error.code).toBe('newer_version');
    expect(error.userMessage('zh_CN')).toContain('更新版本');
    expect(error.userMessage('zh_CN')).toContain('请先把扩展更新');
    expect(error.userMessage('en')).toContain('newer version');
    expect(error.message).toContain('format 7');
  });
});

describe('export', () => {
  it('leaves out a stored file that no longer matches its hash, and the backup still imports', async () => {
    const source = freshDb();
    await seed(source);
    const text = (await source.evidence.where('kind').equals('order_text').first())!;
    await source.blobs.put({ sha256: text.sha256, data: new Blob(['damaged']) });
    const zip = await exportBackup(source);
    const data = JSON.parse(decoder.decode(unzipSync(zip)['backup.json'])) as { missingBlobs: unknown[] };
    expect(data.missingBlobs).toEqual([{ sha256: text.sha256, reason: 'hash_mismatch' }]);
    const target = freshDb();
    const report = await importBackup(target, zip);
    expect(report.evidence.added).toBe(3);
    expect(await target.blobs.get(text.sha256)).toBeUndefined();
  });
});
