// @vitest-environment node
// (fake-indexeddb under happy-dom cannot store Blobs; evidence is stored as Blobs.)
/**
 * A full disk on every write path the background and the popup own: the user is told what was not saved, in words,
 * and what was stored before is unchanged. (The backup import's refusal is in evidence-backup.test.ts; the same
 * paths in the real browser, with the quota error raised inside IndexedDB, in tests/e2e/faults.test.ts.)
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { handleOrdersSeen } from '@/lib/background/orders-seen';
import {
  evidenceWriteErrorMessage,
  reportWriteError,
  WRITE_ERRORS_KEY,
  type WriteErrorNotice,
} from '@/lib/background/write-errors';
import { getDb, upsertSighting } from '@/lib/db';
import { addEvidence, StorageFullError } from '@/lib/evidence';
import { importEvidenceFiles } from '@/components/evidence-import';
import { clearDb, installZhMessages } from './options-test-utils';
import { freshDb } from './fresh-db';

const quota = (): Error => Object.assign(new Error('The quota has been exceeded.'), { name: 'QuotaExceededError' });
const SHOP = 'https://shop.example.com';
const ORDER = (orderNo: string) => ({ platform: 'dujiaoka', orderNo, status: 'processing' as const });

const file = (name: string, byte: number): File =>
  new File([new Uint8Array([byte, 1, 2])], name, { type: 'application/pdf' });

beforeEach(() => {
  installZhMessages();
});

describe('a page whose orders cannot be stored', () => {
  it('stores the orders before the failure and tells the user which ones were not stored', async () => {
    const db = freshDb();
    await upsertSighting(db, { order: ORDER('EARLIER'), site: 'shop.example.com', url: `${SHOP}/o/E`, at: 1 });
    const add = db.orders.add.bind(db.orders);
    let calls = 0;
    vi.spyOn(db.orders, 'add').mockImplementation((...args) => {
      if (++calls === 2) return Promise.reject(quota()) as never;
      return add(...args);
    });
    const messages: string[] = [];
    const sent = handleOrdersSeen(
      { orders: [ORDER('A1'), ORDER('B2'), ORDER('C3')], url: `${SHOP}/orders` },
      { id: 'ext', url: `${SHOP}/orders`, tab: { id: 4 } },
      { db, ownId: 'ext', ownOrigin: 'chrome-extension://ext', now: 5, onWriteError: (m) => void messages.push(m) },
    );
    await expect(sent).rejects.toMatchObject({
      name: 'PageWriteError',
      unsaved: ['B2', 'C3'],
      cause: { name: 'QuotaExceededError' },
    });
    expect(messages).toEqual([
      '存储空间已满，未能保存：在 shop.example.com 看到的订单 B2、C3。之前保存的订单和证据都没有改动；请腾出磁盘空间后再试。',
    ]);
    expect((await db.orders.toArray()).map((o) => o.orderNo)).toEqual(['EARLIER', 'A1']);
    expect(await db.events.where('orderId').equals(3).count()).toBe(0);
  });

  it('says "the write failed" for a failure that is not a full disk', async () => {
    const db = freshDb();
    vi.spyOn(db.orders, 'add').mockRejectedValue(new Error('disk I/O error'));
    const messages: string[] = [];
    await handleOrdersSeen(
      { orders: [ORDER('A1')], url: `${SHOP}/orders` },
      { id: 'ext', url: `${SHOP}/orders`, tab: { id: 4 } },
      { db, ownId: 'ext', ownOrigin: 'chrome-extension://ext', now: 5, onWriteError: (m) => void messages.push(m) },
    ).catch(() => undefined);
    expect(messages[0]).toMatch(/^写入失败，未能保存：在 shop\.example\.com 看到的订单 A1。/);
  });

  it('a message a page forged is refused without telling the user of a write error', async () => {
    const db = freshDb();
    const onWriteError = vi.fn();
    await expect(
      handleOrdersSeen(
        { orders: [{ ...ORDER('A1'), status: 'bogus' }], url: `${SHOP}/orders` },
        { id: 'ext', url: `${SHOP}/orders`, tab: { id: 4 } },
        { db, ownId: 'ext', ownOrigin: 'chrome-extension://ext', now: 5, onWriteError },
      ),
    ).rejects.toThrow(/Invalid message/);
    expect(onWriteError).not.toHaveBeenCalled();
  });
});

describe('evidence that cannot be stored', () => {
  it('names the order, the kind and the time of the capture', async () => {
    const db = freshDb();
    const { orderId } = await upsertSighting(db, { order: ORDER('T5NQ7E8V'), site: 's', url: `${SHOP}/o`, at: 1 });
    vi.spyOn(db.blobs, 'add').mockRejectedValue(quota());
    const error = await addEvidence(db, {
      orderId,
      kind: 'order_page',
      source: 'auto',
      bytes: new Blob([new Uint8Array([1, 2, 3])], { type: 'image/webp' }),
      url: `${SHOP}/o`,
      capturedAt: Date.UTC(2026, 4, 1, 4, 30, 5),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageFullError);
    expect(await evidenceWriteErrorMessage(db, error as StorageFullError)).toBe(
      '存储空间已满，未能保存：订单 T5NQ7E8V 的订单页面截图（2026-05-01 12:30:05（UTC+8））。之前保存的订单和证据都没有改动；请腾出磁盘空间后再试。',
    );
  });

  it('imported files: the ones stored are kept, the rest are named', async () => {
    await clearDb();
    const db = getDb();
    const { orderId } = await upsertSighting(db, { order: ORDER('KG7Q2M9X'), site: 's', url: `${SHOP}/o`, at: 1 });
    const order = { ...(await db.orders.get(orderId))!, id: orderId };
    await importEvidenceFiles(order, 'payment_receipt', [file('earlier.pdf', 9)]);
    const add = db.blobs.add.bind(db.blobs);
    let calls = 0;
    vi.spyOn(db.blobs, 'add').mockImplementation((...args) => {
      if (++calls === 2) return Promise.reject(quota()) as never;
      return add(...args);
    });
    const before = await db.evidence.count();
    const error = await importEvidenceFiles(order, 'payment_receipt', [
      file('a.pdf', 1),
      file('b.pdf', 2),
      file('c.pdf', 3),
    ]).catch((e: unknown) => e as Error);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toBe(
      '已导入 1 个文件。存储空间已满，未能保存：文件 b.pdf、c.pdf（订单 KG7Q2M9X 的支付凭证）。之前保存的订单和证据都没有改动；请腾出磁盘空间后再试。',
    );
    expect(await db.evidence.count()).toBe(before + 1);
    expect((await db.evidence.toArray()).map((e) => e.note)).toEqual(['earlier.pdf', 'a.pdf']);
    expect(await db.blobs.count()).toBe(2);
  });
});

describe('reportWriteError', () => {
  it('keeps the last notices in session storage (which takes them on a full disk) and shows one notification', async () => {
    const created = vi.spyOn(fakeBrowser.notifications, 'create');
    for (let i = 1; i <= 7; i++) await reportWriteError(`not saved ${i}`, i);
    const stored = (await fakeBrowser.storage.session.get(WRITE_ERRORS_KEY))[WRITE_ERRORS_KEY] as WriteErrorNotice[];
    expect(stored.map((n) => n.message)).toEqual([
      'not saved 3',
      'not saved 4',
      'not saved 5',
      'not saved 6',
      'not saved 7',
    ]);
    expect(created).toHaveBeenCalledTimes(7);
    // One notification id: the next replaces it instead of stacking a notification per failed capture.
    expect(new Set(created.mock.calls.map((c) => c[0])).size).toBe(1);
    expect(created.mock.calls.at(-1)![1]).toMatchObject({ type: 'basic', message: 'not saved 7' });
  });
});
