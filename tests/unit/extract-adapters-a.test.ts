/**
 * The dujiaoka, acg-faka and 彩虹 adapters: the rules a single fixture page cannot show — where a manual product's
 * buyer input goes, which badge is the status text, that an amount without a marker has no currency, how orders
 * printed side by side are told apart, and what of a status cell is the status.
 */
import { describe, expect, it } from 'vitest';
import type { ExtractedOrder } from '@/lib/extract';
import acgFaka from '@/lib/extract/platforms/acg-faka';
import caihong from '@/lib/extract/platforms/caihong';
import dujiaoka from '@/lib/extract/platforms/dujiaoka';
import { parseHtml } from './extract-fixture-files';

const page = (body: string): Document =>
  parseHtml(`<!DOCTYPE html><html><head><title>订单详情</title></head><body>${body}</body></html>`);

/** A unicorn order block; `email` adds the 下单邮箱 row. */
const unicorn = (v: { status: string; keys: string; email?: string; amount?: string }): Document =>
  page(`<div class="card"><div class="card-body">
    <h5 class="card-title">订单信息 <small class="text-muted">订单号：H3NQ7V0XRC5KJ2EA</small></h5>
    <div class="mb-1"><label>订单名称：</label><span>王者荣耀 点券 600 x 1</span></div>
    ${v.email ? `<div class="mb-1"><label>下单邮箱：</label><span>${v.email}</span></div>` : ''}
    <div class="mb-1"><label>订单类型：</label><span><span class="badge bg-warning">人工处理</span></span></div>
    <div class="mb-1"><label>实际支付价格：</label><span>${v.amount ?? '59.90'}</span></div>
    <div class="mb-1"><label>订单状态：</label><span class="badge bg-info">${v.status}</span></div>
    <h6 class="card-title">订单详情</h6><textarea class="form-control" readonly>${v.keys}</textarea>
  </div></div>`);

/** A 3.x Cartoon order item; `shipment` adds the 宝贝内容 section with its badge. */
const item = (no: string, status: string, shipment?: string): string =>
  `<div class="order-item"><div class="order-status"><span class="status-badge">${status}</span></div>
    <div class="order-no">#<span class="order-no-text">${no}</span></div>
    <div class="order-amount"><span class="amount-value">¥<span class="amount-number">9.9</span></span></div>
    ${shipment ? `<div class="card-section"><span class="shipment-badge">${shipment}</span></div>` : ''}</div>`;

describe('dujiaoka', () => {
  const url = new URL('https://shop.example.com/detail-order-sn/H3NQ7V0XRC5KJ2EA');
  const one = (doc: Document): ExtractedOrder => dujiaoka.extract(doc, url)[0]!;

  it('takes the labelled contact over the buyer input of a waiting manual order, never the input as keys', () => {
    const order = one(unicorn({ status: '待处理', keys: 'QQ账号:2853761049\n区服:安卓QQ区', email: 'buyer@qq.com' }));
    expect(order.contact).toBe('buyer@qq.com');
    expect(order.cardKeys).toBeUndefined();
    expect(order.status).toBe('processing');
  });

  it('falls back to the value of a contact-like buyer input line when no contact is labelled, never to keys', () => {
    const order = one(unicorn({ status: '待处理', keys: 'QQ账号:2853761049\n区服:安卓QQ区' }));
    expect(order.contact).toBe('2853761049');
    expect(order.cardKeys).toBeUndefined();
    expect(order.status).toBe('processing');
    // Input that names no contact (区服, 角色名) is neither a contact nor keys.
    const other = one(unicorn({ status: '待处理', keys: '区服:安卓QQ区\n角色名:青衫' }));
    expect([other.contact, other.cardKeys]).toEqual([undefined, undefined]);
  });

  it('reads the key area as keys once the order is delivered', () => {
    const order = one(unicorn({ status: '已完成', keys: '账号:a1 密码:p1\n账号:a2 密码:p2', email: 'buyer@qq.com' }));
    expect(order.contact).toBe('buyer@qq.com');
    expect(order.cardKeys).toEqual(['账号:a1 密码:p1', '账号:a2 密码:p2']);
    expect(order.status).toBe('delivered');
  });

  it('gives a currency only when the amount shows a marker', () => {
    const bare = one(unicorn({ status: '已完成', keys: 'K-1', amount: '288.00' }));
    expect([bare.amount, bare.currency]).toEqual([288, undefined]);
    expect('currency' in bare).toBe(false);
    const marked = one(unicorn({ status: '已完成', keys: 'K-1', amount: '￥288.00' }));
    expect([marked.amount, marked.currency]).toEqual([288, 'CNY']);
  });
});

/** One order as dujiaoka's avatar theme (Lulu-Grant HEAD) and hyper print it: a row with the number, then a card. */
const sideBySide = (no: string, title: string, status: string, keys: string): string =>
  `<div class="row"><div class="col-md-12"><h3><span class="badge badge-outline-primary">订单号：${no}</span></h3></div></div>
  <div class="card card-body"><div class="orderinfo-card-grid"><div class="orderinfo-info">
    <div class="mb-1"><label>订单名称：</label><span>${title}</span></div>
    <div class="mb-1"><label>下单时间：</label><span>2025-02-03 10:21:44</span></div>
    <div class="mb-1"><label>订单总价：</label><span>10.00</span></div>
    <div class="mb-1"><label>订单状态：</label><span>${status}</span></div>
  </div><div class="orderinfo-kami"><textarea class="form-control textarea-kami">${keys}</textarea></div></div></div>`;

/** One morpho order: the number column and the items column, side by side in one row with the other orders. */
const morphoOrder = (no: string, items: ReadonlyArray<readonly [name: string, badge: string, units: number]>): string =>
  `<div class="col-12 col-lg-5"><h2 class="h4">订单号：${no}</h2><div class="h6">订单状态：<span>待处理</span></div>
    <div class="d-flex justify-content-between"><span class="text-muted">订单总价：</span><span>¥9.00</span></div></div>
  <div class="col-12 col-lg-7"><h3 class="h6">商品列表</h3>${items
    .map(
      ([name, badge, units]) => `<div class="border rounded p-3 mb-4"><div class="mb-3">
        <div class="d-flex"><h4 class="h6 mb-0">${name}</h4><span class="badge">${badge}</span></div>
        <div class="small text-muted">单价：¥3.00 × ${units} = ¥${3 * units}.00</div></div></div>`,
    )
    .join('')}</div>`;

describe('dujiaoka orders printed side by side', () => {
  const url = new URL('https://shop.example.com/search-order-by-email');

  it('reads every order of a search result on its own, the last one too', () => {
    const doc = page(
      `<div class="orderinfo-grid">${sideBySide('AAAAAAAAAAAAAAA1', '月卡 x 1', '待处理', '')}${sideBySide(
        'BBBBBBBBBBBBBBB2',
        '年卡 x 2',
        '已完成',
        'KEY-B',
      )}${sideBySide('CCCCCCCCCCCCCCC3', '季卡 x 3', '已过期', '')}</div><div class="pager">支付方式：广告位</div>`,
    );
    const before = doc.body.innerHTML;
    const orders = dujiaoka.extract(doc, url);
    expect(orders.map((o) => [o.orderNo, o.productName, o.quantity, o.status, o.cardKeys])).toEqual([
      ['AAAAAAAAAAAAAAA1', '月卡', 1, 'processing', undefined],
      ['BBBBBBBBBBBBBBB2', '年卡', 2, 'delivered', ['KEY-B']],
      ['CCCCCCCCCCCCCCC3', '季卡', 3, 'closed', undefined],
    ]);
    // The last order takes as many siblings as the others: the pager after it is not part of it.
    expect(orders.map((o) => [o.orderedAt, o.paymentMethod])).toEqual(
      Array.from({ length: 3 }, () => ['2025-02-03T10:21:44+08:00', undefined]),
    );
    // The runs are read from copies: the page is left as it was.
    expect(doc.body.innerHTML).toBe(before);
  });

  it('reads each morpho order with its own items: names, units and the delivery badges', () => {
    const doc = page(
      `<div class="row g-4">${morphoOrder('MORPHOAAAAAAAAA1', [
        ['游戏点卡', '自动发货', 2],
        ['代充服务', '人工发货', 1],
      ])}${morphoOrder('MORPHOBBBBBBBBB2', [['会员月卡', '自动发货', 4]])}</div>`,
    );
    expect(
      dujiaoka.extract(doc, url).map((o) => [o.orderNo, o.productName, o.quantity, o.deliveryMode, o.amount]),
    ).toEqual([
      // A cart waits for a person when any item does; the amount is the order total, not the items'.
      ['MORPHOAAAAAAAAA1', '游戏点卡、代充服务', 3, 'manual', 9],
      ['MORPHOBBBBBBBBB2', '会员月卡', 4, 'auto', 9],
    ]);
  });

  it("takes a lone item's delivery mode from its badge, not from other text of the order's page", () => {
    const doc = page(
      `<main><div class="notice">人工发货商品 10:00-23:00 处理，请耐心等待</div>
      <div class="row">${morphoOrder('MORPHOCCCCCCCCC3', [['会员月卡', '自动发货', 1]])}</div></main>`,
    );
    expect(dujiaoka.extract(doc, url).map((o) => [o.deliveryMode, o.quantity])).toEqual([['auto', 1]]);
  });
});

describe('acg-faka', () => {
  const url = new URL('https://shop.example.com/user/index/query');
  it('keeps the shipment badge out of the status text but lets it set the status', () => {
    const doc = page(
      `<div class="order-list">${item('100240601000000001', '已付款', '已发货')}${item('100240601000000002', '已付款', '等待发货')}${item('100240601000000003', '已付款')}${item('100240601000000004', '待付款')}</div>`,
    );
    expect(acgFaka.extract(doc, url).map((o) => [o.orderNo, o.status, o.statusText, o.currency])).toEqual([
      ['100240601000000001', 'delivered', '已付款', 'CNY'],
      ['100240601000000002', 'processing', '已付款', 'CNY'],
      ['100240601000000003', 'paid', '已付款', 'CNY'],
      ['100240601000000004', 'pending_payment', '待付款', 'CNY'],
    ]);
  });
});

/** The old theme's query result: "Label：<b>value</b>" lines and the key textarea with the private block. */
const oldQuery = (area: string): Document =>
  page(`<div class="hr-top"><div>订单号：<b class="trade_no">402240520143015883</b></div>
    <div>订单状态：<b class="status"><span>已支付</span></b></div>
    <div><textarea class="form-control cardInfo-1">${area}</textarea></div></div>`);
const PRIVATE = '--------------您隐私内容---------------';
const KEYS = '--------------卡密信息---------------';

describe('acg-faka old theme: the private block', () => {
  const url = new URL('https://shop.example.com/user/index/query');
  const read = (area: string): ExtractedOrder => acgFaka.extract(oldQuery(area), url)[0]!;

  it('gives the value of a contact-like line as the contact, and the keys after the block', () => {
    for (const label of ['手机号', 'QQ号', '邮箱地址', '联系方式']) {
      const order = read(`${PRIVATE}\n游戏区服：天空岛\n${label}：13912345678\n${KEYS}\nKEY-1\nKEY-2`);
      expect([order.contact, order.cardKeys]).toEqual(['13912345678', ['KEY-1', 'KEY-2']]);
    }
  });

  it('takes no contact from other input, and never a private line as a key', () => {
    const order = read(`${PRIVATE}\n游戏区服：天空岛\n备注：尽快\n${KEYS}\nKEY-1`);
    expect([order.contact, order.cardKeys]).toEqual([undefined, ['KEY-1']]);
    const waiting = read(`${PRIVATE}\n手机号：13912345678`);
    expect([waiting.contact, waiting.cardKeys]).toEqual(['13912345678', undefined]);
  });
});

/** 彩虹's 卡密查看 page as the real template prints it, with `box` as the key box. */
const keyPage = (box: string): Document =>
  parseHtml(`<!DOCTYPE html><html><head><title>七彩云 - 卡密查看</title></head><body>
    <div class="block"><div class="block-title"><h2><i class="fa"></i>&nbsp;<b>网易一卡通 100元</b></h2></div>
    <div class="alert alert-info">充值地址：https://ecard.example/</div>${box}
    <button id="clipboard_btn">复制全部</button></div></body></html>`);

/** A row of 彩虹's default list as main.js builds it. */
const caihongRow = (id: number, status: string): string =>
  `<tr orderid="${id}"><td>2873341920</td><td>腾讯视频VIP 月卡</td><td>1</td><td>2024-04-28 10:03:55</td><td>${status}</td>
   <td><a onclick="showOrder(${id},'k')" class="btn btn-info btn-xs">详细</a></td></tr>`;

// The 订单详细信息 popup as showOrder builds it in every template (assets/js/main.js, assets/faka/js/query.js,
// assets/store/js/query.js): the 购买时间 value has no orderContent class, the supplier rows hold several pairs.
const popup = (status: string, extra = ''): Document =>
  page(`<table class="table table-condensed table-hover" id="orderItem"><tbody>
    <tr><td colspan="6" class="orderTitle"><b>订单基本信息</b></td></tr>
    <tr><td class="info orderTitle">订单编号</td><td colspan="5" class="orderContent">31460</td></tr>
    <tr><td class="info orderTitle">商品名称</td><td colspan="5" class="orderContent">QQ名片赞 10000个</td></tr>
    <tr><td class="info orderTitle">订单金额</td><td colspan="5" class="orderContent">3.50元</td></tr>
    <tr><td class="info orderTitle">购买时间</td><td colspan="5">2025-03-14 20:51:02</td></tr>
    <tr><td class="info orderTitle">下单信息</td><td colspan="5" class="orderContent">下单QQ：1846352971<br>数量：10000</td></tr>
    <tr><td class="info orderTitle">订单状态</td><td colspan="5" class="orderContent">${status}</td></tr>${extra}
  </tbody></table>`);

describe('彩虹', () => {
  const url = new URL('https://shop.example.com/?mod=faka&id=10492&skey=4c8e1a7f');

  it('reads the key page from the textarea of the real template and from a div, the product from the heading', () => {
    for (const box of [
      '<textarea id="txt_0" readonly>卡号：A1 密码：P1\n卡号：A2 密码：P2</textarea>',
      '<div id="txt_0">卡号：A1 密码：P1<br>卡号：A2 密码：P2</div>',
    ]) {
      expect(caihong.extract(keyPage(box), url)).toEqual([
        {
          platform: 'caihong',
          orderNo: '10492',
          productName: '网易一卡通 100元',
          status: 'delivered',
          cardKeys: ['卡号：A1 密码：P1', '卡号：A2 密码：P2'],
        },
      ]);
    }
  });

  it('a labelled product name wins over the heading', () => {
    const [order] = caihong.extract(keyPage('<p>商品名称：优酷月卡</p><div id="txt_0">K-1</div>'), url);
    expect(order?.productName).toBe('优酷月卡');
  });

  it('keeps the 补交 button and the 详细 link out of the status of a list row', () => {
    const doc =
      page(`<table><thead><tr><th>下单账号</th><th>商品名称</th><th>数量</th><th>购买时间</th><th>状态</th><th>操作</th></tr></thead>
      <tbody>${caihongRow(20874, `<span class="label label-danger">异常</span>&nbsp;<button class="btn btn-info btn-xs" onclick="fillOrder(20874,'k')">补交</button>`)}
      ${caihongRow(20875, '<a onclick="setResult(20875)" title="点此填写异常原因"><font color=red>已退单</font></a>')}</tbody></table>`);
    expect(
      caihong.extract(doc, new URL('https://shop.example.com/')).map((o) => [o.orderNo, o.status, o.statusText]),
    ).toEqual([
      ['20874', 'abnormal', '异常'],
      // A status that is itself a link keeps its text.
      ['20875', 'refunded', '已退单'],
    ]);
  });

  it('reads the popup completely: the time without its class, the supplier quantity, the account from 下单信息', () => {
    const live = `<tr><td colspan="6" class="orderTitle"><b>订单实时状态</b></td></tr>
      <tr><td class="warning">下单数量</td><td>10000</td><td class="warning">下单时间</td><td colspan="3">2025-03-14 20:52:10</td></tr>
      <tr><td class="warning">初始数量</td><td>120</td><td class="warning">当前数量</td><td>4120</td><td class="warning">订单状态</td><td><font color="blue">进行中</font></td></tr>`;
    expect(caihong.extract(popup('<span class="label label-warning">处理中</span>', live), url)).toEqual([
      {
        platform: 'caihong',
        orderNo: '31460',
        productName: 'QQ名片赞 10000个',
        quantity: 10000,
        amount: 3.5,
        currency: 'CNY',
        orderedAt: '2025-03-14T20:51:02+08:00',
        status: 'processing',
        statusText: '处理中',
        contact: '1846352971',
      },
    ]);
  });

  it('keeps keys shown under 处理中 in the popup and the status processing', () => {
    const keys = `<tr><td colspan="6" class="orderTitle"><b>以下是你的卡密信息</b></td></tr>
      <tr><td colspan="6" class="orderContent">K-1<br></td></tr>`;
    const [order] = caihong.extract(popup('<span class="label label-warning">处理中</span>', keys), url);
    expect([order?.status, order?.cardKeys]).toEqual(['processing', ['K-1']]);
  });
});
