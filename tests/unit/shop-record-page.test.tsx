import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ShopRecordApp } from '@/components/shop-record/app';
import { getDb, type OrderRecord } from '@/lib/db';
import { clearDb, installZhMessages, mount, waitFor, zh } from './options-test-utils';

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

/** The text of one column of a table row. */
const cell = (row: Element, col: string): string => row.querySelector(`[data-col="${col}"]`)!.textContent!;

let view: Awaited<ReturnType<typeof mount>>;
beforeEach(async () => {
  installZhMessages();
  await clearDb();
});
afterEach(async () => {
  await view?.unmount();
});

describe('the shop record page', () => {
  it('lists each shop with on time / late / never, delivery times and overdue rate, and draws their deliveries', async () => {
    const now = Date.now();
    await addOrder('fast.example', 'F1', now - 50 * HOUR, now - 50 * HOUR + 600_000);
    await addOrder('fast.example', 'F2', now - 40 * HOUR, now - 40 * HOUR + 1_800_000);
    await addOrder('slow.example', 'S1', now - 30 * HOUR);
    view = await mount(<ShopRecordApp />);
    const { container: c } = view;
    const rows = await waitFor(() => {
      const found = c.querySelectorAll('[data-testid="shop-row"]');
      return found.length === 2 ? [...found] : undefined;
    });
    expect(rows.map((r) => r.getAttribute('data-site'))).toEqual(['fast.example', 'slow.example']);
    expect(cell(rows[0]!, 'on_time')).toBe('2');
    expect(cell(rows[0]!, 'late')).toBe('0');
    expect(cell(rows[0]!, 'median')).toBe('20分钟'); // median of 10 and 30 min
    expect(cell(rows[0]!, 'worst')).toBe('30分钟');
    expect(rows[0]!.textContent).toContain(zh('shop_rate', ['0', '0', '2']));
    // Paid 30 h ago against the default 24 h window, still waiting: late, open and overdue now.
    expect(rows[1]!.querySelector('[data-testid="overdue-rate"]')!.textContent).toContain(
      zh('shop_rate', ['100', '1', '1']),
    );
    expect(cell(rows[1]!, 'open')).toContain(zh('record_overdue_now', '1'));

    // The chart draws fast.example's two deliveries and says them in words; slow.example has none to draw.
    const chart = c.querySelector('[data-testid="delivery-chart"]')!;
    const fast = chart.querySelector('[data-site="fast.example"]')!;
    expect(fast.querySelectorAll('.chart-dot')).toHaveLength(2);
    expect(fast.getAttribute('aria-label')).toBe(
      zh('record_chart_row', ['fast.example', '2', '20分钟', '30分钟', '0']),
    );
    expect(chart.querySelector('[data-site="slow.example"]')).toBeNull();
  });

  it('says so when there are no orders', async () => {
    view = await mount(<ShopRecordApp />);
    const empty = await waitFor(() => view.container.querySelector('[data-testid="shop-empty"]'));
    expect(empty.textContent).toBe(zh('shop_empty'));
  });
});
