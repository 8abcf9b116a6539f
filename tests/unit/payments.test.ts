import { describe, expect, it } from 'vitest';
import { getTimeline, linkPaymentPage, recordPaymentSeen, upsertSighting } from '@/lib/db';
import { freshDb } from './fresh-db';
import { parsePaymentReturn } from '@/lib/extract/payment-return';
import type { ExtractedOrder } from '@/lib/extract/types';

const RETURN =
  'https://shop.example.com/pay/yipay/return_url?pid=1001&trade_no=2026113010451212345&out_trade_no=KG7Q2M9X4A1B3C5D' +
  '&type=alipay&name=QQ%E8%B6%85%E7%BA%A7%E4%BC%9A%E5%91%98&money=29.90&trade_status=TRADE_SUCCESS&sign=abc&sign_type=MD5';

describe('parsePaymentReturn', () => {
  it('reads the shop order, amount and product of a TRADE_SUCCESS return URL', () => {
    expect(parsePaymentReturn(RETURN)).toEqual({
      site: 'shop.example.com',
      orderNo: 'KG7Q2M9X4A1B3C5D',
      amount: 29.9,
      productName: 'QQ超级会员',
      tradeNo: '2026113010451212345',
      url: RETURN,
    });
  });

  it('leaves out the hidden product name and a bad amount', () => {
    const p = parsePaymentReturn(RETURN.replace(/name=[^&]+/, 'name=product').replace('money=29.90', 'money=abc'));
    expect(p).toBeDefined();
    expect(p).not.toHaveProperty('productName');
    expect(p).not.toHaveProperty('amount');
  });

  it.each([
    RETURN.replace('TRADE_SUCCESS', 'WAIT_BUYER_PAY'),
    RETURN.replace(/out_trade_no=[^&]+&/, ''),
    'https://shop.example.com/detail-order-sn/KG7Q2M9X4A1B3C5D',
    'not a url',
    'javascript:alert(1)?out_trade_no=1&trade_status=TRADE_SUCCESS',
  ])('ignores %s', (url) => {
    expect(parsePaymentReturn(url)).toBeUndefined();
  });
});

const shopOrder = (over: Partial<ExtractedOrder> = {}): ExtractedOrder => ({
  platform: 'dujiaoka',
  orderNo: 'KG7Q2M9X4A1B3C5D',
  productName: 'QQ超级会员 1个月',
  amount: 29.9,
  status: 'pending_payment',
  statusText: '待支付',
  ...over,
});
const site = 'shop.example.com';
const sight = (order: ExtractedOrder, at: number) => ({ order, site, url: `https://${site}/detail-order-sn/x`, at });

describe('payment success, then the shop shows 待支付', () => {
  it('flags a suspected callback failure when the return URL came first', async () => {
    const db = freshDb();
    const id = await recordPaymentSeen(db, { site, orderNo: 'KG7Q2M9X4A1B3C5D', amount: 29.9, url: RETURN, at: 1_000 });
    expect(await db.orders.get(id)).toMatchObject({ status: 'paid', paymentSeenAt: 1_000, platform: 'epay' });
    await upsertSighting(db, sight(shopOrder(), 3_000));
    const order = await db.orders.get(id);
    expect(order).toMatchObject({ status: 'pending_payment', platform: 'dujiaoka', productName: 'QQ超级会员 1个月' });
    const kinds = (await getTimeline(db, id)).map((e) => e.kind);
    expect(kinds).toEqual(['first_seen', 'payment_seen', 'status_changed', 'payment_callback_suspected']);
    // Re-visiting the 待支付 page does not flag it twice.
    await upsertSighting(db, sight(shopOrder(), 5_000));
    expect((await getTimeline(db, id)).filter((e) => e.kind === 'payment_callback_suspected')).toHaveLength(1);
  });

  it('flags it at once when the shop page already showed 待支付', async () => {
    const db = freshDb();
    const { orderId } = await upsertSighting(db, sight(shopOrder(), 1_000));
    await recordPaymentSeen(db, { site, orderNo: 'KG7Q2M9X4A1B3C5D', url: RETURN, at: 2_000 });
    await recordPaymentSeen(db, { site, orderNo: 'KG7Q2M9X4A1B3C5D', url: RETURN, at: 2_500 });
    expect((await getTimeline(db, orderId)).map((e) => e.kind)).toEqual([
      'first_seen',
      'payment_seen',
      'payment_callback_suspected',
    ]);
    expect((await db.orders.get(orderId))?.paymentSeenAt).toBe(2_000);
  });
});

const epay = (over: Partial<ExtractedOrder> = {}): ExtractedOrder => ({
  platform: 'epay',
  orderNo: '2026113010451212345',
  productName: 'QQ超级会员 1个月',
  amount: 29.9,
  status: 'pending_payment',
  ...over,
});

describe('linkPaymentPage', () => {
  it('links a QR page to the shop order with the same amount and product, once', async () => {
    const db = freshDb();
    const { orderId } = await upsertSighting(db, sight(shopOrder(), 1_000));
    expect(await linkPaymentPage(db, epay(), 'https://pay.example.net/qr', 60_000)).toBe(orderId);
    expect(await linkPaymentPage(db, epay(), 'https://pay.example.net/qr', 61_000)).toBe(orderId);
    expect((await getTimeline(db, orderId)).filter((e) => e.kind === 'payment_page_seen')).toHaveLength(1);
  });

  it('records a paid result page as a payment success on the shop order', async () => {
    const db = freshDb();
    const { orderId } = await upsertSighting(db, sight(shopOrder(), 1_000));
    await linkPaymentPage(db, epay({ status: 'paid' }), 'https://pay.example.net/ok', 60_000);
    expect((await db.orders.get(orderId))?.paymentSeenAt).toBe(60_000);
  });

  it('links nothing when the match is ambiguous, too old, or of another amount', async () => {
    const db = freshDb();
    await upsertSighting(db, sight(shopOrder(), 1_000));
    await upsertSighting(db, sight(shopOrder({ orderNo: 'KG0000000000000B' }), 1_000));
    expect(await linkPaymentPage(db, epay(), 'https://pay.example.net/qr', 2_000)).toBeUndefined();

    const db2 = freshDb();
    await upsertSighting(db2, sight(shopOrder(), 1_000));
    expect(await linkPaymentPage(db2, epay(), 'u', 1_000 + 3 * 3600_000)).toBeUndefined();
    expect(await linkPaymentPage(db2, epay({ amount: 15 }), 'u', 2_000)).toBeUndefined();
  });
});
