import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { addBuyerOrder, getTimeline, upsertSighting } from '@/lib/db';
import { verifyOrderChain } from '@/lib/db/timeline';
import { cloneDefaults, computeClock } from '@/lib/escalation';
import {
  chinaTimeToIso,
  checkEntryForm,
  checkReceiptFiles,
  emptyEntryForm,
  parseAmount,
  parseShopUrl,
  type OrderEntryForm,
} from '@/lib/order-entry/form';
import { AddOrderSchema } from '@/lib/messaging/schemas';
import { freshDb } from './fresh-db';

const NOW = Date.parse('2026-12-02T10:00:00+08:00');
const HOUR = 3_600_000;

function form(over: Partial<OrderEntryForm> = {}): OrderEntryForm {
  return {
    ...emptyEntryForm(),
    shopUrl: 'https://gone-shop.example/detail-order-sn/KG9Z',
    orderNo: 'KG9Z8Y7X6W5V4U3T',
    productName: '爱奇艺黄金会员 季卡',
    amount: '¥98.00',
    paymentMethod: '微信支付',
    paidAt: '2026-12-01T09:30',
    contact: '10086@qq.com',
    windowHours: '',
    ...over,
  };
}

describe('checkEntryForm', () => {
  it('turns a filled form into the add-order message, which the background schema accepts', () => {
    const r = checkEntryForm(form({ windowHours: '12' }), NOW);
    expect(r).toEqual({
      ok: true,
      data: {
        site: 'gone-shop.example',
        url: 'https://gone-shop.example/detail-order-sn/KG9Z',
        orderNo: 'KG9Z8Y7X6W5V4U3T',
        productName: '爱奇艺黄金会员 季卡',
        amount: 98,
        currency: 'CNY',
        paymentMethod: '微信支付',
        paidAt: '2026-12-01T09:30:00+08:00',
        contact: '10086@qq.com',
        windowMinutes: 720,
      },
    });
    if (r.ok) expect(v.safeParse(AddOrderSchema, r.data).success).toBe(true);
  });

  it('leaves out what was left empty: no window means the shop or default window', () => {
    const r = checkEntryForm(form({ productName: '  ', contact: '', paymentMethod: '' }), NOW);
    expect(r.ok && r.data).toEqual({
      site: 'gone-shop.example',
      url: 'https://gone-shop.example/detail-order-sn/KG9Z',
      orderNo: 'KG9Z8Y7X6W5V4U3T',
      amount: 98,
      currency: 'CNY',
      paidAt: '2026-12-01T09:30:00+08:00',
    });
  });

  it('refuses each bad field with its own message and says nothing about the good ones', () => {
    const r = checkEntryForm(
      form({
        shopUrl: 'javascript:alert(1)',
        orderNo: '订单号：123 456',
        amount: '九十八',
        paidAt: '2026-02-30T10:00',
        windowHours: '-3',
      }),
      NOW,
    );
    // A time in the future is named together with the other bad fields, not after they are fixed.
    expect(checkEntryForm(form({ amount: 'x', paidAt: '2026-12-03T10:00' }), NOW)).toEqual({
      ok: false,
      errors: { amount: 'entry_error_amount_invalid', paidAt: 'entry_error_paid_at_future' },
    });
    expect(r).toEqual({
      ok: false,
      errors: {
        shopUrl: 'entry_error_shop_invalid',
        orderNo: 'entry_error_order_no_invalid',
        amount: 'entry_error_amount_invalid',
        paidAt: 'entry_error_paid_at_invalid',
        windowHours: 'entry_error_window_invalid',
      },
    });
  });

  it('says which required fields are empty', () => {
    const r = checkEntryForm(emptyEntryForm(), NOW);
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.errors).toEqual({
        shopUrl: 'entry_error_shop_required',
        orderNo: 'entry_error_order_no_required',
        amount: 'entry_error_amount_required',
        paidAt: 'entry_error_paid_at_required',
      });
  });

  it('refuses a payment time in the future, with a little slack for clocks', () => {
    expect(checkEntryForm(form({ paidAt: '2026-12-02T11:00' }), NOW)).toEqual({
      ok: false,
      errors: { paidAt: 'entry_error_paid_at_future' },
    });
    expect(checkEntryForm(form({ paidAt: '2026-12-02T10:03' }), NOW).ok).toBe(true);
    expect(checkEntryForm(form({ paidAt: '1999-12-31T23:59' }), NOW)).toEqual({
      ok: false,
      errors: { paidAt: 'entry_error_paid_at_invalid' },
    });
  });

  it('refuses a window of more than 30 days, or of nothing', () => {
    expect(checkEntryForm(form({ windowHours: '721' }), NOW).ok).toBe(false);
    expect(checkEntryForm(form({ windowHours: '0' }), NOW).ok).toBe(false);
    expect(checkEntryForm(form({ windowHours: '0.5' }), NOW)).toMatchObject({ ok: true, data: { windowMinutes: 30 } });
  });

  it('refuses a product name or account past the field caps', () => {
    const r = checkEntryForm(form({ productName: 'x'.repeat(300), contact: 'y'.repeat(300) }), NOW);
    expect(r).toEqual({ ok: false, errors: { productName: 'entry_error_too_long', contact: 'entry_error_too_long' } });
  });
});

describe('the readers behind it', () => {
  it('reads a shop address as typed: a bare host, a URL with path and port, a Chinese domain', () => {
    expect(parseShopUrl('Shop.Example.com')).toEqual({ site: 'shop.example.com', url: 'https://shop.example.com/' });
    expect(parseShopUrl('http://127.0.0.1:8080/detail-order-sn/A1#top')).toEqual({
      site: '127.0.0.1:8080',
      url: 'http://127.0.0.1:8080/detail-order-sn/A1',
    });
    expect(parseShopUrl('卡密.中国')?.site).toBe('xn--hlr48q.xn--fiqs8s');
    for (const bad of ['', 'not a url', 'ftp://shop.example', 'file:///etc/passwd', 'shop', 'https://']) {
      expect(parseShopUrl(bad), bad).toBeUndefined();
    }
  });

  it('reads amounts as written on bills', () => {
    expect(parseAmount('98')).toBe(98);
    expect(parseAmount('¥1,098.50')).toBe(1098.5);
    expect(parseAmount('￥２９.９ 元')).toBe(29.9);
    expect(parseAmount('12.5 USDT')).toBe(12.5);
    for (const bad of ['', '-5', '1e5', '98.5.1', 'abc']) expect(parseAmount(bad), bad).toBeUndefined();
  });

  it('reads the bill time as China time and refuses dates that do not exist', () => {
    expect(chinaTimeToIso('2026-12-01T09:30')).toBe('2026-12-01T09:30:00+08:00');
    expect(chinaTimeToIso('2026-12-01T09:30:15')).toBe('2026-12-01T09:30:15+08:00');
    expect(Date.parse(chinaTimeToIso('2026-12-01T00:10')!)).toBe(Date.UTC(2026, 10, 30, 16, 10));
    expect(chinaTimeToIso('2026-02-30T10:00')).toBeUndefined();
    expect(chinaTimeToIso('2026-12-01 09:30')).toBeUndefined();
  });

  it('takes images and PDFs up to the size limit as receipts', () => {
    const png = { name: 'bill.png', size: 200_000, type: 'image/png' };
    expect(checkReceiptFiles([], 1000)).toBeUndefined();
    expect(checkReceiptFiles([png], 1_000_000)).toBeUndefined();
    expect(checkReceiptFiles([{ ...png, type: 'application/pdf' }], 1_000_000)).toBeUndefined();
    expect(checkReceiptFiles([png], 100_000)).toBe('entry_error_receipt_too_large');
    expect(checkReceiptFiles([{ ...png, type: 'text/html' }], 1_000_000)).toBe('entry_error_receipt_type');
  });
});

/** The add-order message of the filled form. */
function data(): Parameters<typeof addBuyerOrder>[1] {
  const r = checkEntryForm(form(), NOW);
  if (!r.ok) throw new Error('form refused');
  return r.data;
}

describe('addBuyerOrder', () => {
  it('stores the order as entered by the buyer, paid, with a chained first event saying so', async () => {
    const db = freshDb();
    const r = await addBuyerOrder(db, data(), NOW);
    expect(r.created).toBe(true);
    const order = await db.orders.get(r.orderId);
    expect(order).toMatchObject({
      entry: 'buyer',
      platform: 'manual',
      status: 'paid',
      site: 'gone-shop.example',
      orderNo: 'KG9Z8Y7X6W5V4U3T',
      amount: 98,
      paymentMethod: '微信支付',
      paidAt: '2026-12-01T09:30:00+08:00',
      firstSeenAt: NOW,
    });
    expect(order).not.toHaveProperty('windowMinutes');
    const events = await getTimeline(db, r.orderId);
    expect(events).toMatchObject([{ kind: 'first_seen', status: 'paid', detail: 'buyer', at: NOW }]);
    expect(events[0]!.hash).toMatch(/^[0-9a-f]{64}$/);
    expect((await verifyOrderChain(db, r.orderId)).ok).toBe(true);
  });

  it('runs a clock from the stated payment time, overdue past the window, its ladder at the payment complaint', async () => {
    const db = freshDb();
    const { orderId } = await addBuyerOrder(db, data(), NOW);
    const order = (await db.orders.get(orderId))!;
    const clock = computeClock(order, await getTimeline(db, orderId), cloneDefaults(), NOW);
    expect(clock).toMatchObject({
      started: true,
      startReason: 'paid_at',
      startAt: Date.parse('2026-12-01T09:30:00+08:00'),
      running: true,
      overdue: true,
      currentStep: 'payment_complaint',
    });
    expect(clock.elapsedMs).toBe(24.5 * HOUR);
    // Entering it is the status check the ladder asked for at +10 min.
    expect(clock.steps.find((s) => s.id === 'confirm_status')?.done).toBe(true);
  });

  it('changes nothing when the order is already stored, and a page sighting later merges into the entry', async () => {
    const db = freshDb();
    const first = await addBuyerOrder(db, data(), NOW);
    expect(await addBuyerOrder(db, { ...data(), amount: 1 }, NOW + 1000)).toEqual({
      orderId: first.orderId,
      created: false,
    });
    expect((await db.orders.get(first.orderId))!.amount).toBe(98);

    await upsertSighting(db, {
      order: { platform: 'dujiaoka', orderNo: 'KG9Z8Y7X6W5V4U3T', status: 'processing', statusText: '处理中' },
      site: 'gone-shop.example',
      url: 'https://gone-shop.example/detail-order-sn/KG9Z8Y7X6W5V4U3T',
      at: NOW + 2000,
    });
    const merged = (await db.orders.get(first.orderId))!;
    expect(merged).toMatchObject({ entry: 'buyer', status: 'processing', amount: 98 });
    expect((await getTimeline(db, first.orderId)).map((e) => e.kind)).toEqual(['first_seen', 'status_changed']);
  });
});
