// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';
import { openDb, type KamiGuardDb } from '@/lib/db/database';
import type { EvidenceRecord, OrderRecord } from '@/lib/db/types';
import { anchorKey, verifyOrderChain } from '@/lib/db/timeline';
import { EvidenceWriteError, StorageFullError, isQuotaError } from '@/lib/evidence/errors';
import { sha256Hex } from '@/lib/hash';
import { addEvidence, evidenceChecklist, getBlobBytes, storageUsage, type EvidenceInput } from '@/lib/evidence/store';
import { buildTextRecord } from '@/lib/evidence/text-record';

async function newOrder(db: KamiGuardDb, orderNo: string): Promise<number> {
  const order: OrderRecord = {
    platform: 'generic',
    orderNo,
    status: 'paid',
    site: 'shop.example.com',
    url: `https://shop.example.com/order/${orderNo}`,
    urls: [`https://shop.example.com/order/${orderNo}`],
    firstSeenAt: 1,
    lastSeenAt: 1,
  };
  return (await db.orders.add(order)) as number;
}

function input(orderId: number, bytes: Uint8Array | Blob | string, extra: Partial<EvidenceInput> = {}): EvidenceInput {
  return {
    orderId,
    kind: 'payment_receipt',
    source: 'manual',
    bytes,
    mime: 'image/png',
    url: 'https://shop.example.com/order',
    pageTitle: '订单详情',
    capturedAt: 1_714_536_000_000,
    ...extra,
  };
}

async function counts(db: KamiGuardDb): Promise<number[]> {
  return Promise.all([db.orders.count(), db.events.count(), db.evidence.count(), db.blobs.count(), db.kv.count()]);
}

describe('addEvidence', () => {
  it('stores the bytes under their SHA-256 and chains the row', async () => {
    const db = openDb('test-' + crypto.randomUUID());
    const orderId = await newOrder(db, 'A1');
    const bytes = new Uint8Array([137, 80, 78, 71, 1, 2, 3]);
    const { evidence, duplicate, blobStored } = await addEvidence(db, input(orderId, bytes));
    expect(duplicate).toBe(false);
    expect(blobStored).toBe(true);
    expect(evidence.sha256).toBe(await sha256Hex(bytes));
    expect(evidence).toMatchObject({ blobId: evidence.sha256, size: 7, mime: 'image/png', source: 'manual' });
    expect(evidence.id).toBeGreaterThan(0);
    expect(evidence.hash).toMatch(/^[0-9a-f]{64}$/);
    const stored = await getBlobBytes(db, evidence.sha256);
    expect(stored).toEqual(bytes);
    expect(await sha256Hex(stored!)).toBe(evidence.sha256);
    expect(await verifyOrderChain(db, orderId)).toMatchObject({ ok: true, count: 1 });
  });

  it('stores identical bytes once, across items and orders', async () => {
    const db = openDb('test-' + crypto.randomUUID());
    const a = await newOrder(db, 'A1');
    const b = await newOrder(db, 'B2');
    const bytes = crypto.getRandomValues(new Uint8Array(2048));
    const first = await addEvidence(db, input(a, bytes));
    const second = await addEvidence(db, input(b, new Blob([bytes.slice()], { type: 'image/png' })));
    const third = await addEvidence(db, input(a, bytes.slice(), { kind: 'order_screenshot' }));
    expect(first.blobStored).toBe(true);
    expect(second.blobStored).toBe(false);
    expect(third.blobStored).toBe(false);
    expect(await db.blobs.count()).toBe(1);
    expect(await db.evidence.count()).toBe(3);
  });

  it('returns the existing row for the same bytes, order and kind, writing nothing', async () => {
    const db = openDb('test-' + crypto.randomUUID());
    const orderId = await newOrder(db, 'A1');
    const first = await addEvidence(db, input(orderId, 'same text', { mime: 'text/plain' }));
    const before = await counts(db);
    const again = await addEvidence(db, input(orderId, 'same text', { mime: 'text/plain', capturedAt: 5 }));
    expect(again.duplicate).toBe(true);
    expect(again.evidence.id).toBe(first.evidence.id);
    expect(await counts(db)).toEqual(before);
  });

  it('can append an evidence_added event in the same chain', async () => {
    const db = openDb('test-' + crypto.randomUUID());
    const orderId = await newOrder(db, 'A1');
    const { evidence } = await addEvidence(db, input(orderId, 'x'), { timelineEvent: true, now: 42 });
    const [event] = await db.events.toArray();
    expect(event).toMatchObject({ kind: 'evidence_added', at: 42, detail: `payment_receipt:${evidence.sha256}` });
    expect(event!.prevHash).toBe(evidence.hash);
    expect(await verifyOrderChain(db, orderId)).toMatchObject({ ok: true, count: 2 });
  });

  it('leaves nothing behind when a write inside the transaction fails', async () => {
    const db = openDb('test-' + crypto.randomUUID());
    const orderId = await newOrder(db, 'A1');
    await addEvidence(db, input(orderId, 'earlier item'));
    const before = await counts(db);
    const anchorBefore = await db.kv.get(anchorKey({ site: 'shop.example.com', orderNo: 'A1' }));
    // The blob is written first, then the evidence row fails: the blob must not survive.
    vi.spyOn(db.evidence, 'add').mockRejectedValueOnce(new Error('disk error'));
    const error = await addEvidence(db, input(orderId, new Uint8Array([9, 9, 9]))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EvidenceWriteError);
    expect(error).not.toBeInstanceOf(StorageFullError);
    expect((error as EvidenceWriteError).unsaved).toEqual([
      expect.objectContaining({
        orderId,
        kind: 'payment_receipt',
        size: 3,
        sha256: await sha256Hex(new Uint8Array([9, 9, 9])),
      }),
    ]);
    expect(await counts(db)).toEqual(before);
    expect(await db.kv.get(anchorKey({ site: 'shop.example.com', orderNo: 'A1' }))).toEqual(anchorBefore);
  });

  it('turns a quota failure into StorageFullError with what was not saved', async () => {
    const db = openDb('test-' + crypto.randomUUID());
    const orderId = await newOrder(db, 'A1');
    const quota = Object.assign(new Error('quota'), { name: 'QuotaExceededError' });
    vi.spyOn(db.blobs, 'add').mockRejectedValueOnce(quota);
    const error = await addEvidence(db, input(orderId, 'big screenshot')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageFullError);
    expect((error as StorageFullError).unsaved[0]).toMatchObject({ orderId, url: 'https://shop.example.com/order' });
    expect(await counts(db)).toEqual([1, 0, 0, 0, 0]);
  });

  it('rejects malformed input before touching the database', async () => {
    const db = openDb('test-' + crypto.randomUUID());
    await expect(addEvidence(db, input(1, 'x', { kind: 'bogus' as EvidenceRecord['kind'] }))).rejects.toThrow(
      TypeError,
    );
    await expect(addEvidence(db, input(0, 'x'))).rejects.toThrow(TypeError);
  });
});

describe('isQuotaError', () => {
  it('finds quota failures wrapped by Dexie or in cause chains', () => {
    expect(isQuotaError({ name: 'AbortError', inner: { name: 'QuotaExceededError' } })).toBe(true);
    expect(isQuotaError(new Error('x', { cause: { name: 'NS_ERROR_DOM_QUOTA_REACHED' } }))).toBe(true);
    expect(isQuotaError(new Error('constraint'))).toBe(false);
  });
});

describe('evidenceChecklist', () => {
  it('marks each kind present or missing; an automatic page capture counts as the order screenshot', () => {
    const list = evidenceChecklist([
      { id: 1, kind: 'order_page' },
      { id: 2, kind: 'order_text' },
      { id: 3, kind: 'payment_receipt' },
      { id: 4, kind: 'payment_receipt' },
    ]);
    const byId = Object.fromEntries(list.map((item) => [item.id, item]));
    expect(byId.payment_receipt).toMatchObject({ present: true, count: 2, evidenceIds: [3, 4] });
    expect(byId.order_screenshot).toMatchObject({ present: true, count: 1, evidenceIds: [1] });
    expect(byId.recipient_account).toMatchObject({ present: false, count: 0 });
    expect(byId.support_chat!.present).toBe(false);
    expect(byId.support_chat!.label.zh_CN).toBe('客服聊天记录');
  });
});

describe('storageUsage', () => {
  it('adds up stored sizes per table', async () => {
    const db = openDb('test-' + crypto.randomUUID());
    const orderId = await newOrder(db, 'A1');
    await addEvidence(db, input(orderId, new Uint8Array(5000)));
    await addEvidence(db, input(orderId, new Uint8Array(3000).fill(1)));
    const usage = await storageUsage(db);
    expect(usage.bytes.blobs).toBe(8000);
    expect(usage.counts).toEqual({ orders: 1, events: 0, evidence: 2, blobs: 2, kv: 1 });
    expect(usage.bytes.orders).toBeGreaterThan(50);
    expect(usage.total).toBe(Object.values(usage.bytes).reduce((a, b) => a + b, 0));
  });
});

describe('buildTextRecord', () => {
  it('serialises the extracted fields and bounded page text', () => {
    const text = buildTextRecord({
      order: { platform: 'generic', orderNo: 'A1', status: 'paid' },
      visibleText: 'x'.repeat(30_000),
      url: 'https://shop.example.com/order',
      capturedAt: 0,
    });
    const parsed = JSON.parse(text) as {
      extracted: { orderNo: string };
      visibleText: string;
      visibleTextTruncated: boolean;
    };
    expect(parsed.extracted.orderNo).toBe('A1');
    expect(parsed.visibleText).toHaveLength(20_000);
    expect(parsed.visibleTextTruncated).toBe(true);
  });
});
