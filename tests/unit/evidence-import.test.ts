// @vitest-environment node
import { afterEach, describe, expect, it } from 'vitest';
import { getDb, type OrderRecord } from '@/lib/db';
import { importEvidenceFiles } from '@/components/evidence-import';

const order = async (): Promise<OrderRecord & { id: number }> => {
  const record: OrderRecord = {
    platform: 'generic',
    orderNo: 'IMPORT-1',
    status: 'paid',
    site: 'shop.example.com',
    url: 'https://shop.example.com/order/IMPORT-1',
    urls: ['https://shop.example.com/order/IMPORT-1'],
    firstSeenAt: 1,
    lastSeenAt: 1,
  };
  return { ...record, id: (await getDb().orders.add(record)) as number };
};

const file = (name: string, bytes: number[] | Uint8Array, type = 'image/jpeg'): File =>
  new File([new Uint8Array(bytes)], name, { type });

afterEach(async () => {
  await Promise.all(getDb().tables.map((table) => table.clear()));
});

describe('importEvidenceFiles', () => {
  it('stores each file once, with its name, and counts the ones already stored', async () => {
    const o = await order();
    const first = await importEvidenceFiles(o, 'support_chat', [
      file('chat-1.jpg', [1, 2, 3]),
      file('chat-2.jpg', [4, 5, 6]),
      file('chat-1 copy.jpg', [1, 2, 3]),
    ]);
    expect(first).toEqual({ stored: 2, duplicates: 1 });
    const again = await importEvidenceFiles(o, 'support_chat', [file('chat-2.jpg', [4, 5, 6])]);
    expect(again).toEqual({ stored: 0, duplicates: 1 });
    const rows = await getDb().evidence.toArray();
    expect(rows.map((r) => [r.note, r.source, r.kind, r.mime])).toEqual([
      ['chat-1.jpg', 'imported', 'support_chat', 'image/jpeg'],
      ['chat-2.jpg', 'imported', 'support_chat', 'image/jpeg'],
    ]);
  });

  it('refuses a file over 25 MB after storing the others', async () => {
    const o = await order();
    const huge = file('video.jpg', new Uint8Array(25 * 1024 * 1024 + 1));
    await expect(importEvidenceFiles(o, 'other', [huge, file('receipt.jpg', [9, 9])])).rejects.toThrow();
    expect((await getDb().evidence.toArray()).map((r) => r.note)).toEqual(['receipt.jpg']);
  });
});
