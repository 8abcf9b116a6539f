/**
 * A payment stop page's trade number, linked through the earlier payment page of the same gateway: the payment is
 * recorded on that shop order, or nothing is stored (issue 11 §3).
 */
import { describe, expect, it } from 'vitest';
import { handlePaymentStop, type PaymentStopContext } from '@/lib/background/payment-stop';
import { getTimeline, linkPaymentPage, linkPaymentStop, upsertSighting, type KamiGuardDb } from '@/lib/db';
import type { ExtractedOrder } from '@/lib/extract/types';
import { freshDb } from './fresh-db';

const OWN_ID = 'abcdefghijklmnopabcdefghijklmnop';
const OWN_ORIGIN = `chrome-extension://${OWN_ID}`;
const TRADE_NO = '2026113010451212345';
const QR = `https://pay.example.net/pay/wxpay/${TRADE_NO}/`;
const STOP = `https://pay.example.net/pay/ok/${TRADE_NO}/`;

const shopOrder: ExtractedOrder = {
  platform: 'dujiaoka',
  orderNo: 'KG7Q2M9X4A1B3C5D',
  productName: 'QQ超级会员 1个月',
  amount: 29.9,
  status: 'pending_payment',
  statusText: '待支付',
};
const qrPage: ExtractedOrder = {
  platform: 'epay',
  orderNo: TRADE_NO,
  productName: 'QQ超级会员 1个月',
  amount: 29.9,
  status: 'pending_payment',
};

/** A shop order seen at 1 s, its epay QR page at 60 s: the state a stop page finds. */
async function linked(): Promise<{ db: KamiGuardDb; orderId: number }> {
  const db = freshDb();
  const { orderId } = await upsertSighting(db, {
    order: shopOrder,
    site: 'shop.example.com',
    url: 'https://shop.example.com/bill/KG7Q2M9X4A1B3C5D',
    at: 1_000,
  });
  expect(await linkPaymentPage(db, qrPage, QR, 60_000)).toBe(orderId);
  return { db, orderId };
}

describe('linkPaymentStop', () => {
  it('records a payment on the shop order the QR page of the same gateway was linked to', async () => {
    const { db, orderId } = await linked();
    expect(await linkPaymentStop(db, { tradeNo: TRADE_NO, url: STOP }, 90_000)).toBe(orderId);
    expect((await db.orders.get(orderId))?.paymentSeenAt).toBe(90_000);
    const timeline = await getTimeline(db, orderId);
    expect(timeline.map((e) => e.kind)).toEqual([
      'first_seen',
      'payment_page_seen',
      'payment_seen',
      // The shop still says 待支付 after the gateway said 支付成功.
      'payment_callback_suspected',
    ]);
    expect(timeline.find((e) => e.kind === 'payment_seen')?.url).toBe(STOP);
    // Seen again: nothing more.
    await linkPaymentStop(db, { tradeNo: TRADE_NO, url: STOP }, 95_000);
    expect(await db.events.count()).toBe(4);
  });

  it('stores nothing for a number no payment page was linked with, or one of another gateway', async () => {
    const { db, orderId } = await linked();
    expect(await linkPaymentStop(db, { tradeNo: '2026113010451299999', url: STOP }, 90_000)).toBeUndefined();
    expect(
      await linkPaymentStop(db, { tradeNo: TRADE_NO, url: `https://other-pay.example/pay/ok/${TRADE_NO}/` }, 90_000),
    ).toBeUndefined();
    expect((await db.orders.get(orderId))?.paymentSeenAt).toBeUndefined();
    expect(await db.orders.count()).toBe(1);
    expect(await db.events.count()).toBe(2);
  });

  it('links a paid QR page by its number too, so its stop page adds nothing twice', async () => {
    const db = freshDb();
    const { orderId } = await upsertSighting(db, {
      order: shopOrder,
      site: 'shop.example.com',
      url: 'https://shop.example.com/bill/KG7Q2M9X4A1B3C5D',
      at: 1_000,
    });
    await linkPaymentPage(db, { ...qrPage, status: 'paid' }, QR, 60_000);
    expect((await db.orders.get(orderId))?.paymentSeenAt).toBe(60_000);
    expect(await linkPaymentStop(db, { tradeNo: TRADE_NO, url: STOP }, 90_000)).toBe(orderId);
    expect((await getTimeline(db, orderId)).filter((e) => e.kind === 'payment_seen')).toHaveLength(1);
  });
});

describe('handlePaymentStop', () => {
  const sender = { id: OWN_ID, url: STOP, tab: { id: 3 }, frameId: 0 };
  const ctx = (db: KamiGuardDb, rescheduled: number[]): PaymentStopContext => ({
    db,
    ownId: OWN_ID,
    ownOrigin: OWN_ORIGIN,
    now: 90_000,
    reschedule: (id) => void rescheduled.push(id),
  });

  it('records a linked success and re-arms the order’s reminders', async () => {
    const { db, orderId } = await linked();
    const rescheduled: number[] = [];
    expect(
      await handlePaymentStop({ url: STOP, outcome: 'success', tradeNo: TRADE_NO }, sender, ctx(db, rescheduled)),
    ).toEqual({ orderId });
    expect(rescheduled).toEqual([orderId]);
  });

  it('stores nothing for a failure or a page without a number', async () => {
    const { db, orderId } = await linked();
    const rescheduled: number[] = [];
    expect(
      await handlePaymentStop({ url: STOP, outcome: 'failure', tradeNo: TRADE_NO }, sender, ctx(db, rescheduled)),
    ).toEqual({});
    expect(await handlePaymentStop({ url: STOP, outcome: 'success' }, sender, ctx(db, rescheduled))).toEqual({});
    expect((await db.orders.get(orderId))?.paymentSeenAt).toBeUndefined();
    expect(rescheduled).toEqual([]);
  });

  it('refuses other senders, bad data and a URL of another page', async () => {
    const { db } = await linked();
    const c = ctx(db, []);
    const data = { url: STOP, outcome: 'success', tradeNo: TRADE_NO };
    await expect(handlePaymentStop(data, { ...sender, id: 'other' }, c)).rejects.toThrow(/not from this extension/);
    await expect(handlePaymentStop(data, { ...sender, tab: undefined }, c)).rejects.toThrow(/from a tab/);
    await expect(handlePaymentStop({ ...data, tradeNo: '<script>' }, sender, c)).rejects.toThrow(/tradeNo/);
    await expect(handlePaymentStop({ ...data, outcome: 'maybe' }, sender, c)).rejects.toThrow(/outcome/);
    await expect(handlePaymentStop({ ...data, url: 'https://shop.example.com/pay/ok/x' }, sender, c)).rejects.toThrow(
      /not the sender page/,
    );
    expect(await db.events.count()).toBe(2);
  });
});
