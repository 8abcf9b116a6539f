import { describe, expect, it } from 'vitest';
import { upsertSighting, getTimeline, type OrderSighting } from '@/lib/db';
import { freshDb } from './fresh-db';
import type { ExtractedOrder } from '@/lib/extract/types';

const order = (over: Partial<ExtractedOrder> = {}): ExtractedOrder => ({
  platform: 'dujiaoka',
  orderNo: 'KG7Q2M9X4A1B3C5D',
  productName: 'QQ超级会员 1个月',
  amount: 29.9,
  currency: 'CNY',
  status: 'processing',
  statusText: '待处理',
  ...over,
});
const sighting = (over: Partial<OrderSighting> = {}): OrderSighting => ({
  order: order(),
  site: 'shop.example.com',
  url: 'https://shop.example.com/detail-order-sn/KG7Q2M9X4A1B3C5D',
  pageTitle: '订单详情',
  at: 1_000,
  ...over,
});

describe('upsertSighting', () => {
  it('inserts a new order with a first_seen event', async () => {
    const db = freshDb();
    const r = await upsertSighting(db, sighting());
    expect(r.created).toBe(true);
    const stored = await db.orders.get(r.orderId);
    expect(stored).toMatchObject({
      orderNo: 'KG7Q2M9X4A1B3C5D',
      site: 'shop.example.com',
      status: 'processing',
      firstSeenAt: 1_000,
    });
    expect((await getTimeline(db, r.orderId)).map((e) => e.kind)).toEqual(['first_seen']);
  });

  it('is idempotent: the same sighting twice adds nothing and changes no fact', async () => {
    const db = freshDb();
    const a = await upsertSighting(db, sighting());
    const before = await db.orders.get(a.orderId);
    const b = await upsertSighting(db, sighting({ at: 5_000 }));
    expect(b).toMatchObject({ orderId: a.orderId, created: false, statusChanged: false, events: [] });
    expect(await db.orders.count()).toBe(1);
    expect(await db.events.count()).toBe(1);
    expect(await db.orders.get(a.orderId)).toEqual({ ...before, lastSeenAt: 5_000 });
    await upsertSighting(db, sighting({ at: 5_000 }));
    expect(await db.orders.get(a.orderId)).toEqual({ ...before, lastSeenAt: 5_000 });
  });

  it('appends exactly one event per status change, with the raw status text', async () => {
    const db = freshDb();
    const { orderId } = await upsertSighting(db, sighting());
    await upsertSighting(db, sighting({ at: 2_000, order: order({ status: 'delivered', statusText: '已完成' }) }));
    await upsertSighting(db, sighting({ at: 3_000, order: order({ status: 'delivered', statusText: '已完成' }) }));
    const timeline = await getTimeline(db, orderId);
    expect(timeline.map((e) => [e.kind, e.status, e.previousStatus, e.statusText])).toEqual([
      ['first_seen', 'processing', undefined, '待处理'],
      ['status_changed', 'delivered', 'processing', '已完成'],
    ]);
    expect((await db.orders.get(orderId))?.status).toBe('delivered');
  });

  it('keeps one order per site and order number', async () => {
    const db = freshDb();
    await upsertSighting(db, sighting());
    await upsertSighting(db, sighting({ site: 'other.example.net' }));
    expect(await db.orders.count()).toBe(2);
  });

  it('never erases a field a later page does not show, and adds new card keys once', async () => {
    const db = freshDb();
    const { orderId } = await upsertSighting(db, sighting());
    await upsertSighting(
      db,
      sighting({
        at: 2_000,
        order: { platform: 'dujiaoka', orderNo: 'KG7Q2M9X4A1B3C5D', status: 'delivered', cardKeys: ['K1'] },
      }),
    );
    await upsertSighting(
      db,
      sighting({
        at: 3_000,
        order: { platform: 'dujiaoka', orderNo: 'KG7Q2M9X4A1B3C5D', status: 'delivered', cardKeys: ['K1', 'K2'] },
      }),
    );
    const stored = await db.orders.get(orderId);
    expect(stored).toMatchObject({ productName: 'QQ超级会员 1个月', amount: 29.9, cardKeys: ['K1', 'K2'] });
    const kinds = (await getTimeline(db, orderId)).map((e) => [e.kind, e.detail]);
    expect(kinds).toEqual([
      ['first_seen', undefined],
      ['status_changed', undefined],
      ['card_keys_found', '1'],
      ['card_keys_found', '1'],
    ]);
  });

  it('flags a suspected payment callback failure when a paid order shows 待支付', async () => {
    const db = freshDb();
    const { orderId } = await upsertSighting(db, sighting({ order: order({ status: 'paid' }) }));
    await db.orders.update(orderId, { paymentSeenAt: 1_500 });
    await upsertSighting(
      db,
      sighting({ at: 2_000, order: order({ status: 'pending_payment', statusText: '待支付' }) }),
    );
    expect((await getTimeline(db, orderId)).map((e) => e.kind)).toContain('payment_callback_suspected');
  });
});

describe('the timeline is hash-chained', () => {
  it('verifies after sightings and actions, and a later edit of a past event is detected', async () => {
    const { verifyOrderChain } = await import('@/lib/db/timeline');
    const { appendEvent } = await import('@/lib/db');
    const db = freshDb();
    const { orderId } = await upsertSighting(db, sighting());
    await upsertSighting(db, sighting({ at: 2_000, order: order({ status: 'delivered', statusText: '已完成' }) }));
    await appendEvent(db, { orderId, kind: 'user_action', at: 3_000, action: 'contacted_support' });
    const ok = await verifyOrderChain(db, orderId);
    expect(ok).toMatchObject({ ok: true, count: 3 });

    const [first] = await getTimeline(db, orderId);
    await db.events.update(first!.id!, { statusText: '已完成' });
    expect(await verifyOrderChain(db, orderId)).toMatchObject({ ok: false, reason: 'modified' });
  });
});
