import { afterEach, describe, expect, it } from 'vitest';
import { handleAddOrder } from '@/lib/background/add-order';
import { handleOrdersSeen, type OrdersSeenContext } from '@/lib/background/orders-seen';
import { openDb, type KamiGuardDb } from '@/lib/db';
import { checkSender, type SenderLike } from '@/lib/messaging/sender';

const OWN_ID = 'abcdefghijklmnopabcdefghijklmnop';
const OWN_ORIGIN = `chrome-extension://${OWN_ID}`;
const PAGE = 'https://shop.example.com/detail-order-sn/KG7Q2M9X4A1B3C5D';
const contentSender: SenderLike = { id: OWN_ID, url: PAGE, tab: { id: 7 }, frameId: 0 };

const dbs: KamiGuardDb[] = [];
function ctx(): OrdersSeenContext {
  const db = openDb(`test-${crypto.randomUUID()}`);
  dbs.push(db);
  return { db, ownId: OWN_ID, ownOrigin: OWN_ORIGIN, now: 1_000 };
}
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

const valid = () => ({
  url: PAGE,
  title: '订单详情',
  orders: [
    {
      platform: 'dujiaoka',
      orderNo: 'KG7Q2M9X4A1B3C5D',
      productName: 'QQ超级会员',
      amount: 29.9,
      status: 'delivered',
      cardKeys: ['K1'],
    },
  ],
});

async function expectRejected(c: OrdersSeenContext, data: unknown, sender: SenderLike, pattern: RegExp): Promise<void> {
  await expect(handleOrdersSeen(data, sender, c)).rejects.toThrow(pattern);
  expect(await c.db.orders.count()).toBe(0);
  expect(await c.db.events.count()).toBe(0);
}

describe('handleOrdersSeen', () => {
  it('stores a valid sighting under the sender page host and replies with the ids', async () => {
    const c = ctx();
    const reply = await handleOrdersSeen(valid(), contentSender, c);
    expect(reply.orderIds).toHaveLength(1);
    expect(await c.db.orders.get(reply.orderIds[0]!)).toMatchObject({ site: 'shop.example.com', status: 'delivered' });
  });

  it('records what the page showed about the shop, under the sender host', async () => {
    const c = ctx();
    await handleOrdersSeen({ ...valid(), icp: '京ICP备12345678号-1' }, contentSender, c);
    expect(await c.db.shops.get('shop.example.com')).toMatchObject({ icp: '京ICP备12345678号-1', icpSeenAt: 1_000 });
    await expectRejected(ctx(), { ...valid(), icp: '京ICP备<b>1</b>' }, contentSender, /icp/);
  });

  it.each([
    [
      'missing orderNo',
      (m: ReturnType<typeof valid>) => delete (m.orders[0] as Partial<(typeof m.orders)[0]>).orderNo,
      /orderNo/,
    ],
    ['missing orders', (m: ReturnType<typeof valid>) => delete (m as Partial<typeof m>).orders, /orders/],
    [
      'wrong-typed amount',
      (m: ReturnType<typeof valid>) => ((m.orders[0] as Record<string, unknown>).amount = '29.9'),
      /amount/,
    ],
    [
      'unknown status',
      (m: ReturnType<typeof valid>) => ((m.orders[0] as Record<string, unknown>).status = 'shipped'),
      /status/,
    ],
    [
      'oversized product name',
      (m: ReturnType<typeof valid>) => (m.orders[0]!.productName = 'x'.repeat(100_000)),
      /productName/,
    ],
    ['oversized orderNo', (m: ReturnType<typeof valid>) => (m.orders[0]!.orderNo = '9'.repeat(65)), /orderNo/],
    [
      'too many card keys',
      (m: ReturnType<typeof valid>) => (m.orders[0]!.cardKeys = Array.from({ length: 501 }, (_, i) => `K${i}`)),
      /cardKeys/,
    ],
    [
      'extra field',
      (m: ReturnType<typeof valid>) => ((m.orders[0] as Record<string, unknown>).html = '<b>x</b>'),
      /html/,
    ],
    [
      'too many orders',
      (m: ReturnType<typeof valid>) => (m.orders = Array.from({ length: 51 }, () => m.orders[0]!)),
      /orders/,
    ],
    ['no orders', (m: ReturnType<typeof valid>) => (m.orders = []), /orders/],
    ['url of another site', (m: ReturnType<typeof valid>) => (m.url = 'https://evil.example.org/x'), /url/],
  ])('rejects %s and writes nothing', async (_name, mutate, pattern) => {
    const c = ctx();
    const m = valid();
    mutate(m);
    await expectRejected(c, m, contentSender, pattern);
  });

  it('rejects non-object data', async () => {
    const c = ctx();
    await expectRejected(c, 'orders', contentSender, /Invalid message/);
    await expectRejected(c, null, contentSender, /Invalid message/);
  });

  it('rejects messages from another extension, from no tab, or from a non-web page', async () => {
    const c = ctx();
    await expectRejected(c, valid(), { ...contentSender, id: 'someone-else' }, /not from this extension/);
    await expectRejected(c, valid(), { id: OWN_ID, url: PAGE }, /from a tab/);
    await expectRejected(c, valid(), { ...contentSender, url: 'file:///etc/passwd' }, /not a web page/);
  });
});

describe('checkSender', () => {
  it('accepts our own extension pages for UI messages and refuses content scripts there', () => {
    expect(
      checkSender({ id: OWN_ID, url: `${OWN_ORIGIN}/popup.html` }, 'extension-page', OWN_ID, OWN_ORIGIN).pathname,
    ).toBe('/popup.html');
    expect(() => checkSender(contentSender, 'extension-page', OWN_ID, OWN_ORIGIN)).toThrow(/extension page/);
    expect(() => checkSender({ id: OWN_ID }, 'content', OWN_ID, OWN_ORIGIN)).toThrow(/no URL/);
  });
});

/** An add-order message as the onboarding page sends it. */
const handOrder = () => ({
  site: 'gone-shop.example',
  url: 'https://gone-shop.example/',
  orderNo: 'HAND0001',
  amount: 98,
  currency: 'CNY',
  paidAt: '2026-12-01T09:30:00+08:00',
});

describe('handleAddOrder', () => {
  const pageSender: SenderLike = { id: OWN_ID, url: `${OWN_ORIGIN}/onboarding.html` };
  const order = handOrder;

  it('stores an order entered by hand, sent from one of our pages, as entered by the buyer', async () => {
    const c = ctx();
    const { orderId, created } = await handleAddOrder(order(), pageSender, c);
    expect(created).toBe(true);
    expect(await c.db.orders.get(orderId)).toMatchObject({ entry: 'buyer', orderNo: 'HAND0001', status: 'paid' });
  });

  it('refuses it from a shop page, another extension, or with bad data, writing nothing', async () => {
    const c = ctx();
    await expect(handleAddOrder(order(), contentSender, c)).rejects.toThrow(/not from an extension page/);
    await expect(handleAddOrder(order(), { ...pageSender, id: 'another' }, c)).rejects.toThrow(
      /not from this extension/,
    );
    for (const bad of [
      { ...order(), url: 'javascript:alert(1)' },
      { ...order(), site: 'Bad Host' },
      { ...order(), amount: -1 },
      { ...order(), paidAt: 'yesterday' },
      { ...order(), orderNo: '' },
      { ...order(), windowMinutes: 0 },
      { ...order(), extra: 'field' },
    ])
      await expect(handleAddOrder(bad, pageSender, c), JSON.stringify(bad)).rejects.toThrow(/Invalid message/);
    expect(await c.db.orders.count()).toBe(0);
  });
});
