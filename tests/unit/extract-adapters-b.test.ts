/**
 * The zfaka, qs-faka, kamifaka, fakanet and epay adapters: page-type detection, the choices each one
 * makes that a single fixture page cannot show, and robustness on odd documents.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { extractOrders } from '@/lib/extract';
import type { PlatformAdapter } from '@/lib/extract/platform';
import epay, { epayPage } from '@/lib/extract/platforms/epay';
import fakanet from '@/lib/extract/platforms/fakanet';
import { ADAPTERS } from '@/lib/extract/platforms';
import kamifaka from '@/lib/extract/platforms/kamifaka';
import qsFaka from '@/lib/extract/platforms/qs-faka';
import zfaka from '@/lib/extract/platforms/zfaka';
import { inAd, textWithout } from '@/lib/extract/scope';
import { loadFixtures, parseHtml } from './extract-fixture-files';

const MINE: readonly PlatformAdapter[] = [zfaka, qsFaka, kamifaka, fakanet, epay];
const fixtures = loadFixtures();
/** Each page parsed once, before the tests, for all five adapters (detect only reads). */
const parsed = new Map<string, Document>();
const docOf = (html: string): Document => parsed.get(html)!;
/** Negative pages that are a system's own empty pages: its adapter claims them and returns []. */
const CLAIMED_EMPTY: Record<string, string> = {
  'negative/zfaka-query-empty': 'zfaka',
  'negative/qs-faka-callback-waiting': 'qs-faka',
  'negative/epay-payok-anonymous': 'epay',
  'negative/epay-payerr-anonymous': 'epay',
  // Payment stop pages that name epay's trade_no: still no order (payment-stop.ts carries the number).
  'negative/epay-payok-trade-no-path': 'epay',
  'negative/epay-payok-trade-no-query': 'epay',
  'negative/epay-payerr-trade-no': 'epay',
  'negative/epay-blind5-pay-ok': 'epay',
  'negative/epay-blind5-pay-error': 'epay',
};
const page = (body: string, title = ''): Document =>
  parseHtml(`<!DOCTYPE html><html><head><title>${title}</title></head><body>${body}</body></html>`);

const zfakaRow = (no: string, status: string): string =>
  `<tr><td>${no}</td><td>商品</td><td>1</td><td>9.90</td><td>2024-06-01 10:00:00</td><td><span class="layui-badge">${status}</span></td><td></td></tr>`;

const zfakaTable = (rows: string): string =>
  `<table id="query-table"><thead><tr><th>订单ID</th><th>订单名称</th><th>数量</th><th>金额</th><th>下单时间</th><th>状态</th><th>操作</th></tr></thead><tbody>${rows}</tbody></table>`;

/** A row of the AJAX-built desktop table: the status cell holds the badge and a button. */
const zfakaButtonRow = (no: string, badge: string, button: string): string =>
  `<tr><td>${no}</td><td>商品</td><td>1</td><td>9.90</td><td>2024-06-01 10:00:00</td><td><span class="layui-badge">${badge}</span> <button class="view_kami layui-btn layui-btn-xs">${button}</button></td></tr>`;

/** A mobile view as the SSR page and the order-number search build it: "订单信息-" + badge + a button. */
const zfakaHeader = (no: string, badge: string, button: string): string =>
  `<div class="layui-hide-sm"><div class="layui-card-header">订单信息-<span class="layui-badge">${badge}</span>
    <button class="layui-btn layui-btn-xs">${button}</button></div>
    <div id="prodcut_num"><div class="layui-form-item"><label>订单</label><input value="${no}" readonly></div></div></div>`;

/** An item of the mobile contact-search accordion (layui appends an icon-font arrow to its title). */
const zfakaItem = (title: string, rows: string): string =>
  `<div class="layui-colla-item"><h2 class="layui-colla-title">${title}<i class="layui-icon layui-colla-icon">\ue602</i></h2>
    <div class="layui-colla-content"><div id="prodcut_num">${rows}</div></div></div>`;

/** A mobile label + readonly input row. */
const zfakaInputRow = (label: string, value: string): string =>
  `<div class="layui-form-item"><label class="layui-form-label">${label}</label><input value="${value}" readonly disabled></div>`;

const fakanetRow = (no: string, paid: string): string =>
  `<tr><td>2024-06-01 10:00:00</td><td>${no}</td><td>支付宝</td><td>50.00元</td><td>${paid}</td><td>未付款/马上付款</td></tr>`;

const qsShell = (text: string): Document =>
  page(`<div id="app"><div class="t-card"><h2>${text}</h2><button class="t-button">查看订单</button></div></div>`);

const kamiPay = (extra: string): Document =>
  page(`<p>付款后即可自动发货，也可凭订单号查询卡密</p><p>当前订单号：${'a'.repeat(27)}</p>${extra}`);

describe('registration and detection', () => {
  // Parsing ~200 pages takes seconds on a loaded machine: a hook, with its own time, not the first test's.
  beforeAll(() => {
    for (const f of fixtures) if (!parsed.has(f.html)) parsed.set(f.html, parseHtml(f.html));
  }, 120_000);

  it('registers every adapter before generic', () => {
    const ids = ADAPTERS.map((a) => a.id);
    for (const a of MINE) expect(ids.indexOf(a.id)).toBeGreaterThanOrEqual(0);
    expect(ids.at(-1)).toBe('generic');
  });

  it.each(MINE.map((a) => [a.id, a] as const))('%s detects its own fixtures and no other page', (id, adapter) => {
    const own = fixtures.filter((f) => f.folder === id);
    expect(own.length).toBeGreaterThanOrEqual(3);
    for (const f of fixtures) {
      const isOwn =
        f.folder === id || f.orders.some((o) => o.platform === id) || CLAIMED_EMPTY[`${f.folder}/${f.name}`] === id;
      expect(adapter.detect(docOf(f.html), new URL(f.url)), `${id} on ${f.folder}/${f.name}`).toBe(isOwn);
    }
  });

  it('never throws on empty or body-less documents', () => {
    const docs = [
      page(''),
      document.implementation.createHTMLDocument(''),
      document.implementation.createDocument(null, null, null),
    ];
    for (const doc of docs) {
      for (const a of MINE) {
        const url = new URL('https://example.com/pay/ok/2024051912000133445/callback?out_trade_no=X1');
        expect(() => a.detect(doc, url)).not.toThrow();
        expect(() => a.extract(doc, url)).not.toThrow();
        expect(a.extract(doc, url)).toEqual([]);
      }
    }
  });
});

describe('epay', () => {
  const qr = `<div class="amount">¥12.00</div><dl class="detail-ct"><dt>购买物品</dt><dd id="productName">测试商品</dd>
    <dt>商户订单号</dt><dd id="billId">2024060112000012345</dd><dt>创建时间</dt><dd id="createTime">2024-06-01 12:00:00</dd></dl>`;
  const ok = '<h2 class="weui_msg_title">支付成功</h2><p class="weui_msg_desc">支付成功，请回到浏览器查看订单</p>';
  const fail = '<h2>错误提示</h2><p>支付失败或支付超时，请返回重新发起支付</p>';

  it('tells QR, cashier and result pages apart', () => {
    expect(epayPage(page(qr, '微信扫码支付'))).toBe('qr');
    expect(
      epayPage(page('<input type="hidden" name="trade_no" value="1"><div class="order-amount12"></div>', '收银台')),
    ).toBe('cashier');
    expect(epayPage(page(ok, '支付结果'))).toBe('result');
    expect(epayPage(page(fail, '错误提示'))).toBe('result');
    // The result sentence alone, on a page titled otherwise (a blog quoting it), is not a result page.
    expect(epayPage(page(ok, '易支付常见问题'))).toBeUndefined();
    // 正在检测付款结果 has no outcome yet.
    expect(epayPage(page('<h1>订单处理结果</h1><span>正在检测付款结果...</span>', '订单处理结果'))).toBeUndefined();
  });

  it('keys a QR page to epay trade_no and names the payment type from the title', () => {
    const [order] = epay.extract(page(qr, '微信扫码支付'), new URL('https://pay.example/pay/x/'));
    expect(order).toMatchObject({
      platform: 'epay',
      orderNo: '2024060112000012345',
      status: 'pending_payment',
      paymentMethod: '微信支付',
      amount: 12,
    });
  });

  it('only the 支付成功 toast marks a QR page paid', () => {
    const unpaidToast = `${qr}<div class="layui-layer-content">您还未完成付款，请继续付款</div>`;
    expect(epay.extract(page(unpaidToast, 'QQ钱包扫码支付'), new URL('https://p.example/'))[0]?.status).toBe(
      'pending_payment',
    );
    const paid = `${qr}<div class="layui-layer-content">支付成功，正在跳转中...</div>`;
    expect(epay.extract(page(paid, 'QQ钱包扫码支付'), new URL('https://p.example/'))[0]?.status).toBe('paid');
  });

  it('claims its result pages and reads no order from them, with or without a trade_no', () => {
    for (const [body, title] of [
      [ok, '支付结果'],
      [fail, '错误提示'],
    ] as const) {
      const doc = page(body, title);
      expect(epay.detect(doc, new URL('https://p.example/'))).toBe(true);
      for (const url of [
        'https://p.example/payok.html',
        'https://p.example/pay/ok/2024060112000012345/',
        'https://p.example/submit2.php?trade_no=2024060112000012345',
      ])
        expect(epay.extract(doc, new URL(url))).toEqual([]);
    }
  });
});

describe('zfaka', () => {
  const popup = '<div class="layui-layer"><div class="layui-layer-title">提取卡密</div><p id="km">KEY-1</p></div>';
  const url = new URL('https://z.example/product/query/');

  it('gives the popup keys to the only completed order', () => {
    const orders = zfaka.extract(
      page(zfakaTable(zfakaRow('zlkb1', '已完成') + zfakaRow('zlkb2', '待付款')) + popup),
      url,
    );
    expect(orders.map((o) => [o.orderNo, o.cardKeys])).toEqual([
      ['zlkb1', ['KEY-1']],
      ['zlkb2', undefined],
    ]);
  });

  it('does not guess the popup owner among several completed orders', () => {
    const orders = zfaka.extract(
      page(zfakaTable(zfakaRow('zlkb1', '已完成') + zfakaRow('zlkb2', '已完成')) + popup),
      url,
    );
    expect(orders.every((o) => o.cardKeys === undefined)).toBe(true);
  });

  it('reads mobile values from inputs, never from the query box', () => {
    const card = `<input name="orderid" value="zlkbQUERY"><div class="layui-card"><div class="layui-card-header">订单信息-已完成</div>
      <div class="layui-form-item"><label>订单</label><input value="zlkbCARD" readonly></div>
      <div class="layui-form-item"><label>金额</label><input value="5.00" readonly></div></div>`;
    expect(zfaka.extract(page(card), url)).toEqual([
      { platform: 'zfaka', orderNo: 'zlkbCARD', amount: 5, status: 'delivered', statusText: '已完成' },
    ]);
  });

  it('keeps the 提取卡密 / 未支付订单 buttons out of the status text, desktop and mobile', () => {
    const desktop = zfaka.extract(page(zfakaTable(zfakaButtonRow('zlkb1', '已完成', '提取卡密'))), url);
    expect(desktop.map((o) => [o.status, o.statusText])).toEqual([['delivered', '已完成']]);

    const mobile = zfaka.extract(
      page(zfakaHeader('zlkb2', '待付款', '未支付订单') + zfakaHeader('zlkb3', '已完成', '提取卡密')),
      url,
    );
    expect(mobile.map((o) => [o.orderNo, o.status, o.statusText])).toEqual([
      ['zlkb2', 'pending_payment', '待付款'],
      ['zlkb3', 'delivered', '已完成'],
    ]);
  });

  it('reads the contact-search accordion: number and status from the title, the rest from the rows', () => {
    const doc = page(
      `<div class="layui-collapse" lay-accordion="">${zfakaItem(
        '订单zlkbA1B2C3 --- <span class="layui-badge layui-bg-blue">待处理</span>',
        zfakaInputRow('商品', '点券') + zfakaInputRow('金额', '60.00'),
      )}${zfakaItem('订单zlkbD4E5F6 --- <span class="layui-badge">已完成</span>', zfakaInputRow('订单', 'zlkbD4E5F6'))}</div>`,
    );
    expect(zfaka.detect(doc, url)).toBe(true);
    expect(zfaka.extract(doc, url)).toEqual([
      {
        platform: 'zfaka',
        orderNo: 'zlkbA1B2C3',
        productName: '点券',
        amount: 60,
        status: 'processing',
        statusText: '待处理',
      },
      { platform: 'zfaka', orderNo: 'zlkbD4E5F6', status: 'delivered', statusText: '已完成' },
    ]);
  });

  it('claims no heading without readonly rows under it (an FAQ accordion, a page title)', () => {
    const doc = page(
      `<div class="layui-card"><div class="layui-card-header">订单信息-说明</div><p>下单后请保存订单号。</p></div>
       <div class="layui-colla-item"><h2 class="layui-colla-title">订单zlkb20240601 --- 常见问题</h2>
       <div class="layui-colla-content">支付后自动发货。</div></div>`,
    );
    expect(zfaka.detect(doc, url)).toBe(false);
    expect(zfaka.extract(doc, url)).toEqual([]);
  });

  it('an empty query table is recognised but yields nothing', () => {
    const doc = page(zfakaTable('<tr><td colspan="7">暂无数据</td></tr>'));
    expect(zfaka.detect(doc, url)).toBe(true);
    expect(zfaka.extract(doc, url)).toEqual([]);
  });
});

/** A fakanet result row whose status cell is `status`. */
const fakanetStatusRow = (no: string, status: string): string =>
  `<tr><td>2024-06-01 10:00:00</td><td>${no}</td><td>支付宝</td><td>50.00元</td><td>0.00元</td><td>${status}</td></tr>`;

describe('fakanet', () => {
  const head =
    '<tr><th>订单时间</th><th>订单号</th><th>支付方式</th><th>订单金额</th><th>支付金额</th><th>订单状态</th></tr>';
  const payTable =
    '<table><tr><th>支付时间</th><th>支付类型</th><th>支付状态</th></tr><tr><td>2024-06-01 10:01:00</td><td>微信</td><td>成功</td></tr></table>';

  it('takes the paid amount when there is one, else the order amount', () => {
    const doc = page(`<table>${head}${fakanetRow('F100001', '48.00元')}${fakanetRow('F100002', '0.00元')}</table>`);
    const orders = fakanet.extract(doc, new URL('https://f.example/orderquery.htm'));
    expect(orders.map((o) => o.amount)).toEqual([48, 50]);
  });

  it('uses the contact only on a contact search, and the payment table only for a single order', () => {
    const two = page(`<table>${head}${fakanetRow('F100001', '1元')}${fakanetRow('F100002', '1元')}</table>${payTable}`);
    const byContact = fakanet.extract(two, new URL('https://f.example/orderquery.htm?st=contact&kw=qq123'));
    expect(byContact.map((o) => [o.contact, o.paidAt])).toEqual([
      ['qq123', undefined],
      ['qq123', undefined],
    ]);
    const one = page(`<table>${head}${fakanetRow('F100001', '1元')}</table>${payTable}`);
    const [order] = fakanet.extract(one, new URL('https://f.example/orderquery.htm?st=orderid&kw=F100001'));
    expect(order?.contact).toBeUndefined();
    expect(order?.paidAt).toBe('2024-06-01T10:01:00+08:00');
  });

  it('keeps a 点击查看 link out of the status but a status word in a link in it', () => {
    const doc = page(
      `<table>${head}${fakanetStatusRow('F100001', '<span>完成付款/订单完成</span> <a href="orderquery.htm?orderid=F100001">点击查看</a>')}${fakanetStatusRow(
        'F100002',
        '<span>部分付款</span>/<a href="pay.htm?orderid=F100002">继续支付</a>',
      )}${fakanetStatusRow('F100003', '<a href="orderquery.htm?orderid=F100003">点击查看</a>')}</table>`,
    );
    expect(
      fakanet.extract(doc, new URL('https://f.example/orderquery.htm')).map((o) => [o.status, o.statusText]),
    ).toEqual([
      ['delivered', '完成付款/订单完成'],
      ['pending_payment', '部分付款/继续支付'],
      // Only the link: no status shown.
      ['unknown', undefined],
    ]);
  });

  it('ignores tables without the order columns', () => {
    const doc = page('<table><tr><th>订单号</th><th>金额</th></tr><tr><td>F1</td><td>1</td></tr></table>');
    expect(fakanet.detect(doc, new URL('https://f.example/'))).toBe(false);
  });
});

describe('qs-faka callback page', () => {
  const url = new URL('https://q.example/callback?out_trade_no=T2406011200001000001');

  it('maps the poll outcome to the shop order named in the URL', () => {
    expect(qsFaka.extract(qsShell('订单超时已关闭'), url)).toEqual([
      { platform: 'qs-faka', orderNo: 'T2406011200001000001', status: 'closed', statusText: '订单超时已关闭' },
    ]);
    expect(qsFaka.extract(qsShell('请稍等。。。'), url)).toEqual([]);
  });

  it('needs the callback route, its parameter and a TDesign page', () => {
    expect(qsFaka.detect(qsShell('支付成功'), new URL('https://q.example/callback'))).toBe(false);
    expect(qsFaka.detect(qsShell('支付成功'), new URL('https://q.example/pay?out_trade_no=T1'))).toBe(false);
    expect(qsFaka.detect(page('<div id="app"><h2>支付成功</h2></div>'), url)).toBe(false);
  });
});

/** The qs-faka order page after a query: the search box holds what was searched, `.no-order` the notice. */
const qsOrderPage = (searched: string, notice: string): Document =>
  page(`<div id="app"><div class="order-wrapper"><div class="order-search"><div class="t-input__wrap orderid_input">
    <div class="t-input"><input class="t-input__inner" placeholder="请输入订单号" type="text" value="${searched}"></div></div>
    <button class="t-button order-btn"><span class="t-button__text">查询订单</span></button></div>
    <div class="order"><div class="container"><div class="t-row"><div class="t-col"><div class="no-order"><p>${notice}</p></div></div></div></div></div></div>`);

/** What the unpaid notice gives for `orderNo`. */
const qsUnpaid = (orderNo: string): unknown => [
  { platform: 'qs-faka', orderNo, status: 'pending_payment', statusText: '订单未支付' },
];

describe('qs-faka unpaid order', () => {
  const trade = 'Dd240612223318a4b0c2d9';

  it('reads 订单未支付 as the searched order waiting for payment', () => {
    expect(qsFaka.extract(qsOrderPage(trade, '订单未支付'), new URL('https://q.example/order'))).toEqual(
      qsUnpaid(trade),
    );
    // Numbers with the user-id prefix the shop can choose instead.
    const numeric = '1024061222331800c0ffee';
    expect(qsFaka.extract(qsOrderPage(numeric, '订单未支付'), new URL('https://q.example/order'))).toEqual(
      qsUnpaid(numeric),
    );
  });

  it("falls back to the URL's orderId only when the box is empty or shows it", () => {
    const url = new URL(`https://q.example/order?orderId=${trade}`);
    expect(qsFaka.extract(qsOrderPage('', '订单未支付'), url)).toEqual(qsUnpaid(trade));
    // A contact in the box (the query matches contacts too): the unpaid order is not the URL's.
    expect(qsFaka.extract(qsOrderPage('13912345678', '订单未支付'), url)).toEqual([]);
    expect(qsFaka.extract(qsOrderPage('13912345678', '订单未支付'), new URL('https://q.example/order'))).toEqual([]);
  });

  it('gives nothing for the other notices or an empty search page', () => {
    const url = new URL(`https://q.example/order?orderId=${trade}`);
    for (const notice of ['没有查询到订单信息', '']) {
      const doc = qsOrderPage(trade, notice);
      expect(qsFaka.detect(doc, url)).toBe(false);
      expect(extractOrders(doc, url.href)).toEqual([]);
    }
  });
});

/** kamiFaka's search page after a query, as the compiled Vue renders it. */
const kamiSearch = (searched: string, time: string): Document =>
  page(`<div class="section-body"><div class="card"><h2 class="section-title">订单查询</h2></div>
    <div class="card"><div class="card-body"><div class="section-title mt-0">订单号:</div>
    <input type="text" class="form-control" placeholder="从支付软件，付款记录里可以查看订单编号，Order开头" value="${searched}">
    <button class="btn btn-primary" type="button">查询</button></div></div>
    <div class="card"><div class="card-header"><h4>订单详情</h4><div class="card-header-action"><a class="btn btn-info">复制</a></div></div>
    <div class="card-body"><div class="alert alert-light"><div class="alert-body"><div class="alert-title text-center">卡密信息</div>
    <h6>K-1<br>K-2</h6></div></div><div class="alert alert-dark text-center">${time}</div></div></div></div>`);

describe('kamifaka search and qrcode pages', () => {
  const no = 'Order_1718196000123k3j9x2ab';

  it('takes the number from the search box and the stored time as the payment time', () => {
    for (const href of ['https://k.example/#/search', 'https://k.example/search']) {
      expect(kamifaka.extract(kamiSearch(no, '交易时间：2024-06-12 20:41:37'), new URL(href))).toEqual([
        {
          platform: 'kamifaka',
          orderNo: no,
          paidAt: '2024-06-12T20:41:37+08:00',
          status: 'delivered',
          cardKeys: ['K-1', 'K-2'],
        },
      ]);
    }
  });

  it('does not take a contact or a short value from the box as the number', () => {
    for (const typed of ['13912345678', 'buyer@example.com', 'Order_1718']) {
      expect(
        kamifaka.extract(kamiSearch(typed, '交易时间：2024-06-12 20:41:37'), new URL('https://k.example/#/search')),
      ).toEqual([]);
    }
  });

  it('dates the order, not the payment, on the pay wizard line that also names the contact', () => {
    const [order] = kamifaka.extract(
      kamiSearch(no, '交易时间：2024-06-12 ❤ 联系方式：buyer@example.com'),
      new URL('https://k.example/#/3/pay'),
    );
    expect([order?.orderedAt, order?.paidAt, order?.contact]).toEqual([
      '2024-06-12T00:00:00+08:00',
      undefined,
      'buyer@example.com',
    ]);
  });

  it('reads the qrcode route as a pay page', () => {
    const doc = kamiPay('<p>^_^订单支付成功！</p>');
    expect(kamifaka.detect(doc, new URL('https://k.example/#/qrcode'))).toBe(true);
    expect(kamifaka.extract(doc, new URL('https://k.example/#/qrcode'))).toEqual([
      { platform: 'kamifaka', orderNo: 'a'.repeat(27), status: 'paid', statusText: '^_^订单支付成功！' },
    ]);
    expect(kamifaka.detect(doc, new URL('https://k.example/#/contact'))).toBe(false);
  });
});

describe('kamifaka', () => {
  it('reads the order number from history and hash routes', () => {
    const doc = kamiPay('');
    for (const href of [`https://k.example/${'b'.repeat(27)}/pay`, `https://k.example/#/${'b'.repeat(27)}/pay`]) {
      expect(kamifaka.detect(doc, new URL(href))).toBe(true);
    }
    // The number printed on the pay page wins over the route.
    expect(kamifaka.extract(doc, new URL(`https://k.example/${'b'.repeat(27)}/pay`))[0]?.orderNo).toBe('a'.repeat(27));
  });

  it('is not a pay page without the route or without its texts', () => {
    expect(kamifaka.detect(kamiPay(''), new URL('https://k.example/search'))).toBe(false);
    expect(kamifaka.detect(page('<p>当前订单号：x</p>'), new URL(`https://k.example/${'b'.repeat(27)}/pay`))).toBe(
      false,
    );
  });

  it('a key loading failure after payment is abnormal', () => {
    const [order] = kamifaka.extract(
      kamiPay('<p>服务器卡密加载失败，请联系客服</p>'),
      new URL(`https://k.example/${'b'.repeat(27)}/pay`),
    );
    expect(order?.status).toBe('abnormal');
    expect(order?.statusText).toBe('服务器卡密加载失败，请联系客服');
  });
});

describe('scope helpers', () => {
  it('inAd finds ad containers and textWithout drops the skipped parts', () => {
    const doc = page(
      '<aside><p id="a">x</p></aside><div class="ads"><p id="b">y</p></div><p id="c">完成付款 <a>点击查看</a></p>',
    );
    expect(inAd(doc.getElementById('a')!)).toBe(true);
    expect(inAd(doc.getElementById('b')!)).toBe(true);
    expect(inAd(doc.getElementById('c')!)).toBe(false);
    expect(textWithout(doc.getElementById('c'), 'a')).toBe('完成付款');
  });
});

describe('through extractOrders', () => {
  it('an epay success page without a number yields nothing, and nothing else claims it', () => {
    const doc = page(
      '<h2 class="weui_msg_title">支付成功</h2><p class="weui_msg_desc">支付成功，请回到浏览器查看订单</p>',
      '支付结果',
    );
    expect(extractOrders(doc, 'https://p.example/payok.html')).toEqual([]);
  });
});
