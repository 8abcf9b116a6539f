/** Issue 4 in the browser: JS-rendered orders, a 查看卡密 reveal, and payment success followed by 待支付. */
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { launch, scriptsParsed, waitFor, type Harness } from './harness.ts';

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

test('shop pages are read from snapshots, never by the extractor in the tab; a page too large for one is read in the tab; an ordinary page runs nothing of ours', async () => {
  const page = await h.context.newPage();
  const sn = 'KG7Q2M9X4A1B3C5D';
  const onDujiaoka = await scriptsParsed(page, async () => {
    await page.goto(`${h.shop.origin}/detail-order-sn/${sn}`);
    assert.equal((await order(sn))?.platform, 'dujiaoka');
  });
  assert.ok(onDujiaoka.includes('page-snapshot.js'), onDujiaoka.join());
  assert.ok(!onDujiaoka.includes('extractor.js'), onDujiaoka.join());

  // A buy page with our checkout panel hanging off <html>: the panel does not spoil the page's copy.
  const buy = await h.context.newPage();
  const onBuy = await scriptsParsed(buy, async () => {
    await buy.goto(`${h.shop.origin}/buy/7`);
    await buy.locator('[data-kamiguard="checkout"]').waitFor({ state: 'attached' });
    await buy.waitForTimeout(1500); // time for a snapshot with the panel there (it must not cause one) and an answer
  });
  assert.deepEqual(onBuy.toSorted(), ['checkout.js', 'page-snapshot.js'], onBuy.join());
  await buy.close();

  // Card keys a script put into the key box (textarea.value, not in the markup); a page of more than 4 million characters
  // (a large inline data block), which the snapshot sender hands to the extractor; and a key box a script moved into a
  // <div> inside a <p>, a tree that markup cannot carry (the copy's parser closes the <p>): read in the tab too.
  const shopPage = (no: string, extra: string): string =>
    `<!doctype html><html><head><title>订单查询 - 星河小铺</title></head><body><div class="container">
      <h4>订单详情</h4><table class="table">
      <tr><th>订单号</th><td>${no}</td></tr><tr><th>商品</th><td>腾讯视频VIP 月卡</td></tr>
      <tr><th>实付金额</th><td>¥15.00</td></tr><tr><th>订单状态</th><td>已完成</td></tr>
      <tr><th>卡密</th><td><textarea id="keys" readonly></textarea></td></tr></table></div>
      <script>document.getElementById('keys').value = 'TXVIP-7Q2M-9X4A-1B3C';</script>${extra}</body></html>`;
  const large = `<script type="application/json">${'{"sku":"x"},'.repeat(360_000)}</script>`;
  const pInP = `<script>(function () { var p = document.createElement('p'), d = document.createElement('div'),
    k = document.getElementById('keys'); k.parentNode.appendChild(p); p.appendChild(d); d.appendChild(k); })();</script>`;
  const server = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    const no = new URL(req.url ?? '/', 'http://x').searchParams.get('no') ?? '';
    if (req.url?.startsWith('/blog/')) {
      res.end(
        '<!doctype html><html><head><title>River walk</title></head><body><p>A walk by the river.</p></body></html>',
      );
      return;
    }
    res.end(shopPage(no, req.url?.includes('large') ? large : req.url?.includes('pdiv') ? pInP : ''));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    for (const [path, no, scripts] of [
      ['/order/query?no=XH20261207000123', 'XH20261207000123', ['page-snapshot.js']],
      ['/order/query?no=XH20261207000456&large=1', 'XH20261207000456', ['page-snapshot.js', 'extractor.js']],
      ['/order/query?no=XH20261207000789&pdiv=1', 'XH20261207000789', ['page-snapshot.js', 'extractor.js']],
    ] as const) {
      const fresh = await h.context.newPage(); // (enabling the debugger lists the scripts the current page has parsed)
      const parsed = await scriptsParsed(fresh, async () => {
        await fresh.goto(`http://127.0.0.1:${port}${path}`);
        const stored = await order(no);
        assert.equal(stored?.status, 'delivered', no);
        assert.deepEqual(stored?.cardKeys, ['TXVIP-7Q2M-9X4A-1B3C'], no);
      });
      assert.deepEqual(parsed, scripts, `${no}: one hand-over at most, whatever the number of hints`);
    }
    // An ordinary page: nothing of ours runs there at all (the page test runs in the background).
    const ordinary = await h.context.newPage();
    const onOrdinary = await scriptsParsed(ordinary, async () => {
      await ordinary.goto(`http://127.0.0.1:${port}/blog/river-walk`);
      await ordinary.waitForTimeout(1500);
    });
    assert.deepEqual(onOrdinary, []);
  } finally {
    server.close();
  }
});
