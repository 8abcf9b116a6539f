import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { OptionsStorage } from '@/components/options/storage';
import { getDb, type OrderRecord } from '@/lib/db';
import { sendMessage } from '@/lib/messaging/protocol';
import { button, clearDb, click, installZhMessages, mount, waitFor, zh } from './options-test-utils';
import { act } from 'react';

vi.mock('@/lib/messaging/protocol', () => ({ sendMessage: vi.fn(async () => ({ ok: true })) }));

const HOUR = 3_600_000;

async function addOrder(site: string, orderNo: string, paidAt: number, deliveredAt?: number): Promise<number> {
  const db = getDb();
  const order: OrderRecord = {
    platform: 'generic',
    orderNo,
    status: deliveredAt ? 'delivered' : 'paid',
    paidAt: new Date(paidAt).toISOString(),
    site,
    url: `https://${site}/order/${orderNo}`,
    urls: [],
    firstSeenAt: paidAt,
    lastSeenAt: deliveredAt ?? paidAt,
  };
  const id = (await db.orders.add(order)) as number;
  await db.events.add({ orderId: id, kind: 'first_seen', at: paidAt, status: 'paid' });
  if (deliveredAt) await db.events.add({ orderId: id, kind: 'status_changed', at: deliveredAt, status: 'delivered' });
  return id;
}

/** Chooses `file` in a file input the way the browser reports it to React. */
async function chooseFile(input: HTMLInputElement, file: File): Promise<void> {
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  await act(async () => {
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
}

let view: Awaited<ReturnType<typeof mount>>;
const realUrl = { createObjectURL: URL.createObjectURL, revokeObjectURL: URL.revokeObjectURL };

beforeEach(async () => {
  installZhMessages();
  vi.mocked(sendMessage).mockClear();
  await clearDb();
});
afterEach(async () => {
  await view?.unmount();
  Object.assign(URL, realUrl);
});

describe('options storage and backup', () => {
  it('shows what is stored and refuses a file that is not a backup, changing nothing', async () => {
    await addOrder('shop.example', 'A1', Date.now() - HOUR);
    view = await mount(<OptionsStorage />);
    const { container: c } = view;
    const usage = await waitFor(() => c.querySelector('[data-testid="storage-usage"]'));
    expect(usage.textContent).toMatch(/订单 1 笔（\d+ B）/);
    expect(usage.textContent).toMatch(/时间线记录 1 条（\d+ B）/);

    const before = await getDb().orders.toArray();
    await chooseFile(c.querySelector('input[type="file"]')!, new File(['hello, not a zip'], 'notes.zip'));
    const error = await waitFor(() => c.querySelector('[data-testid="import-error"]'));
    expect(error.textContent).toBe(zh('options_import_failed', '这不是卡密守护的备份文件（不是 ZIP 文件）。'));
    expect(await getDb().orders.toArray()).toEqual(before);
    expect(sendMessage).not.toHaveBeenCalled();
  });

  it('exports a dated ZIP download and imports it back into an empty database', async () => {
    await addOrder('shop.example', 'A1', Date.now() - 2 * HOUR, Date.now() - HOUR);
    const blobs: Blob[] = [];
    const createObjectURL = vi.fn((blob: Blob) => (blobs.push(blob), 'blob:kamiguard-test'));
    Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() });
    let downloadName = '';
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      downloadName = this.download;
    });

    view = await mount(<OptionsStorage />);
    const { container: c } = view;
    await waitFor(() => c.querySelector('[data-testid="storage-usage"]'));
    await click(button(c, zh('options_export')));
    const result = await waitFor(() => c.querySelector('[data-testid="export-result"]'));
    expect(downloadName).toMatch(/^kamiguard-backup-\d{8}-\d{4}\.zip$/);
    expect(result.textContent).toContain(downloadName);
    expect(blobs).toHaveLength(1);
    const bytes = new Uint8Array(await blobs[0]!.arrayBuffer());
    expect([bytes[0], bytes[1]]).toEqual([0x50, 0x4b]); // "PK"

    await clearDb();
    await chooseFile(c.querySelector('input[type="file"]')!, new File([bytes], downloadName));
    const report = await waitFor(() => c.querySelector('[data-testid="import-result"]'));
    expect(report.textContent).toContain(zh('options_imported', ['1', '0', '2']));
    expect(await getDb().orders.where('orderNo').equals('A1').count()).toBe(1);
    expect(sendMessage).toHaveBeenCalledWith('settingsChanged', undefined);
  });
});
