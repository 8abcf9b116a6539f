/** Issue 4 in the browser: JS-rendered orders, a 查看卡密 reveal, and payment success followed by 待支付. */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launch, waitFor, type Harness } from './harness.ts';

interface OrderRow {
  id: number;
  orderNo: string;
  platform: string;
  status: string;
  productName?: string;
  amount?: number;
  cardKeys?: string[];
  paymentSeenAt?: number;
}
interface EventRow {
  orderId: number;
  kind: string;
}

let h: Harness;
before(async () => {
  h = await launch();
});
after(async () => {
  await h?.close();
});

const order = async (orderNo: string, accept: (o: OrderRow) => boolean = () => true): Promise<OrderRow | undefined> =>
  (
    await waitFor(
      () => h.readTable<OrderRow>('orders'),
      (rows) => rows.some((r) => r.orderNo === orderNo && accept(r)),
    )
  ).find((r) => r.orderNo === orderNo);

test('an order rendered by script after load is picked up, and keys revealed by a click are added', async () => {
  const page = await h.context.newPage();
  await page.goto(`${h.shop.origin}/user/index/query?tradeNo=281261130104512907`);
  const waiting = await order('281261130104512907');
  assert.ok(waiting, 'JS-rendered order stored');
  assert.equal(waiting.platform, 'acg-faka');
  assert.equal(waiting.productName, 'Steam 充值卡 50元');
  assert.equal(waiting.amount, 9.9);
  assert.notEqual(waiting.status, 'delivered');

  const locked = await order('735261130093015288');
  assert.ok(locked);
  assert.equal(locked.cardKeys, undefined, 'no keys before the reveal');

  await page.click('.view-card-btn');
  const revealed = await order('735261130093015288', (o) => (o.cardKeys ?? []).length > 0);
  assert.deepEqual(revealed?.cardKeys, ['NEVIP-4F7K-Q9X2-ZZ81']);
  assert.equal(revealed?.status, 'delivered');
  const events = (await h.readTable<EventRow>('events')).filter((e) => e.orderId === revealed!.id);
  assert.equal(events.filter((e) => e.kind === 'card_keys_found').length, 1);
});

test('a payment success return URL followed by a 待支付 shop page records a suspected callback failure', async () => {
  const sn = 'KG5P0C1B2D3E4F6G';
  const page = await h.context.newPage();
  await page.goto(
    `${h.shop.origin}/pay/yipay/return_url?pid=1001&trade_no=2026113018000112345&out_trade_no=${sn}` +
      '&type=alipay&name=product&money=6.00&trade_status=TRADE_SUCCESS&sign=x&sign_type=MD5',
  );
  assert.match(page.url(), new RegExp(`/detail-order-sn/${sn}$`), 'the shop redirected to its order page');
  const stored = await order(sn, (o) => o.status === 'pending_payment');
  assert.ok(stored?.paymentSeenAt, 'payment success recorded');
  const kinds = await waitFor(
    async () => (await h.readTable<EventRow>('events')).filter((e) => e.orderId === stored!.id).map((e) => e.kind),
    (k) => k.includes('payment_callback_suspected'),
  );
  assert.ok(kinds.includes('payment_seen'), kinds.join());
  assert.equal(kinds.filter((k) => k === 'payment_callback_suspected').length, 1);
  assert.equal((await h.readTable<OrderRow>('orders')).filter((o) => o.orderNo === sn).length, 1, 'one order');
});

test('an epay QR page is linked to the shop order it pays for', async () => {
  const sn = 'KG3H8N2P6R0T4V7W';
  const page = await h.context.newPage();
  await page.goto(`${h.shop.origin}/detail-order-sn/${sn}`);
  const shopOrder = await order(sn);
  await page.goto(`${h.shop.origin}/epay/qrcode?sn=${sn}`);
  const kinds = await waitFor(
    async () => (await h.readTable<EventRow>('events')).filter((e) => e.orderId === shopOrder!.id).map((e) => e.kind),
    (k) => k.includes('payment_page_seen'),
  );
  assert.ok(kinds.includes('payment_page_seen'));
  assert.equal((await h.readTable<OrderRow>('orders')).filter((o) => o.platform === 'epay').length, 0);
});
