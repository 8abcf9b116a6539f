/**
 * The generic reader's layout rules of the fifth blind round, each on its smallest page, with the near misses that
 * must stay unread: English labels (every group reaches its field), labels without colons, value-above-label tiles,
 * key boxes headed by a caption, a cart's item table, status badges without a label, and sample orders in help pages.
 */
import { describe, expect, it } from 'vitest';
import generic from '@/lib/extract/platforms/generic';
import type { ExtractedOrder } from '@/lib/extract';
import { parseHtml } from './extract-fixture-files';

const PAGE_URL = new URL('https://shop.example/order/detail');
const read = (body: string): ExtractedOrder[] =>
  generic.extract(parseHtml(`<html><body>${body}</body></html>`), PAGE_URL);
const one = (body: string): ExtractedOrder => {
  const orders = read(body);
  expect(orders).toHaveLength(1);
  return orders[0]!;
};
const NO = 'ZX2025110112345';

describe('generic: English labels', () => {
  // One label of each English group, in a th/td table: each must reach its own field (the groups are a list in the
  // order of LABELS' fields, so a reordering would move them all).
  const rows: Array<[label: string, value: string]> = [
    ['Order No.', NO],
    ['Item name', 'Steam Wallet 20'],
    ['Qty', '2'],
    ['Grand total', '$40.00'],
    ['Payment method', 'PayPal'],
    ['Order date', '2025-11-01 10:00:00'],
    ['Paid at', '2025-11-01 10:01:00'],
    ['Order status', 'Processing'],
    ['E-mail', 'a.buyer@example.com'],
    ['Delivery method', '自动发货'],
    ['License key', 'LK-7Q2M-9XWD'],
  ];
  it('reads every group into its field', () => {
    const table = rows.map(([l, v]) => `<tr><th>${l}</th><td>${v}</td></tr>`).join('');
    expect(one(`<table>${table}</table>`)).toEqual({
      platform: 'generic',
      orderNo: NO,
      productName: 'Steam Wallet 20',
      quantity: 2,
      amount: 40,
      currency: 'USD',
      paymentMethod: 'PayPal',
      orderedAt: '2025-11-01T10:00:00+08:00',
      paidAt: '2025-11-01T10:01:00+08:00',
      status: 'processing',
      statusText: 'Processing',
      contact: 'a.buyer@example.com',
      deliveryMode: 'auto',
      cardKeys: ['LK-7Q2M-9XWD'],
    });
  });

  it('finds an order number label glued to its value in the page text', () => {
    const page = `<div><span>Order ID</span><b>${NO}</b></div><div><span>Total</span><b>¥9.90</b></div><div><span>Status</span><b>已完成</b></div>`;
    expect(generic.detect(parseHtml(`<html><body>${page}</body></html>`), PAGE_URL)).toBe(true);
    expect(one(page)).toMatchObject({ orderNo: NO, amount: 9.9, status: 'delivered' });
    // A lower-case word after "Order" is prose, not a label.
    expect(generic.detect(parseHtml('<html><body>Order now and save 订单 today</body></html>'), PAGE_URL)).toBe(false);
  });
});

describe('generic: labels without colons', () => {
  it('reads "label value" where a line or a separated part starts with the label', () => {
    expect(
      one(
        `<p>订单号 ${NO} ｜ 下单时间 2025-11-01 10:00:00 ｜ 支付方式 支付宝</p><p>实付 ¥12.00</p><p>订单状态 处理中</p>`,
      ),
    ).toMatchObject({ orderNo: NO, amount: 12, paymentMethod: '支付宝', status: 'processing', statusText: '处理中' });
  });

  it('takes no heading for a value: a status word must be one, a free-text field needs a line of pairs', () => {
    const order = one(
      `<h3>订单状态 说明</h3><h3>商品 推荐</h3><p>订单号 ${NO}</p><p>实付 ¥12.00</p><p>下单时间 2025-11-01 10:00:00</p>`,
    );
    expect(order.statusText).toBeUndefined();
    expect(order.productName).toBeUndefined();
  });

  it('lets a labelled value win over one read without a colon', () => {
    expect(
      one(`<p>商品 月卡 · 数量 1</p><p>商品名称：年卡</p><p>订单号：${NO}</p><p>订单金额：¥1</p>`).productName,
    ).toBe('年卡');
  });

  it('reads "订单 #No" and a label in an element followed by its value element', () => {
    expect(
      one(
        `<h2>订单 #${NO}</h2><ul><li><i>状态</i><span>已完成</span></li><li><span>实付</span><em>¥3.00</em></li></ul>`,
      ),
    ).toMatchObject({ orderNo: NO, status: 'delivered', amount: 3 });
  });
});

describe('generic: value-above-label tiles', () => {
  it('pairs each tile’s value with its own label, not the next tile’s', () => {
    const tiles = [
      ['¥36.50', '实付金额'],
      ['1', '数量'],
      ['已支付', '订单状态'],
    ]
      .map(([v, l]) => `<div class="tile"><b>${v}</b><small>${l}</small></div>`)
      .join('');
    expect(one(`<p>订单号：${NO}</p>${tiles}`)).toMatchObject({ amount: 36.5, quantity: 1, status: 'paid' });
  });

  it('is no tile with text of its own or a label first', () => {
    const order = one(`<p>订单号：${NO}</p><p>订单金额：¥5</p><p>状态 <b>已完成</b> <small>数量</small></p>`);
    expect(order.quantity).toBeUndefined();
  });
});

describe('generic: key boxes headed by a caption', () => {
  const FACTS = `<p>订单号：${NO}</p><p>订单金额：¥10.00</p><p>下单时间：2025-11-01 10:00:00</p>`;

  it.each([
    [
      'a caption with a remark',
      '<div><div>您的卡密（请及时保存）</div><textarea readonly>K1-AAAA\nK2-BBBB</textarea></div>',
    ],
    [
      'a bilingual heading and a list',
      '<section><h2>License Key 激活码</h2><ol><li>K1-AAAA</li><li>K2-BBBB</li></ol></section>',
    ],
    ['a caption naming more than keys', '<div><h3>卡密 / 礼物链接</h3><pre>K1-AAAA\nK2-BBBB</pre></div>'],
    [
      'a th and a pre in its cell',
      '<table><tr><th>卡密</th><td><pre>K1-AAAA\nK2-BBBB</pre><button>复制</button></td></tr></table>',
    ],
    [
      'a legend and code items',
      '<fieldset><legend>兑换码</legend><ul><li><code>K1-AAAA</code></li><li><code>K2-BBBB</code></li></ul></fieldset>',
    ],
  ])('reads the keys of %s, and no more', (_, box) => {
    expect(one(FACTS + box)).toMatchObject({ cardKeys: ['K1-AAAA', 'K2-BBBB'], status: 'delivered' });
  });

  it('leaves out item headings, notes and usage lines', () => {
    const box =
      '<section><h4>发货内容</h4><div><h5>Steam 充值卡</h5><pre>STM-1111</pre></div>' +
      '<div><h5>网易云 月卡</h5><pre>NCM-2222\n第2张暂时缺货，补货后补发</pre></div><p>使用说明：在 App 内兑换</p></section>';
    expect(one(FACTS + box)).toMatchObject({ cardKeys: ['STM-1111', 'NCM-2222'], status: 'processing' });
  });

  it('does not take a card that holds the order’s fields for a key box', () => {
    const card = `<div><h3>卡密信息</h3><p>订单号：${NO}</p><p>订单状态：已发货</p><p>订单金额：¥1</p><p>卡密：K1-AAAA</p></div>`;
    expect(one(card)).toMatchObject({ orderNo: NO, status: 'delivered', amount: 1, cardKeys: ['K1-AAAA'] });
  });

  it('does not let an empty status cell take the caption after it', () => {
    const order = one(
      `<table><tr><td>订单号</td><td>${NO}</td><td>订单金额</td><td>¥1</td></tr><tr><td>下单时间</td><td>2025-11-01 10:00:00</td><td>订单状态</td><td><span></span></td></tr></table>` +
        '<div><div>您的卡密（请及时保存）</div><textarea readonly>K1-AAAA</textarea></div>',
    );
    expect(order).toMatchObject({ status: 'delivered', cardKeys: ['K1-AAAA'] });
    expect(order.statusText).toBeUndefined();
  });
});

describe('generic: a cart’s item table', () => {
  it('joins the items’ names and sums their quantities; its prices are no amount', () => {
    const cart =
      '<table><tr><th>商品</th><th>单价</th><th>数量</th><th>小计</th></tr>' +
      '<tr><td>甲 月卡</td><td>¥48.00</td><td>1</td><td>¥48.00</td></tr><tr><td>乙 季卡</td><td>¥25.00</td><td>2</td><td>¥50.00</td></tr></table>';
    expect(one(`<p>订单号：${NO}</p><p>合计：¥98.00</p><p>订单状态：已完成</p>${cart}`)).toMatchObject({
      productName: '甲 月卡、乙 季卡',
      quantity: 3,
      amount: 98,
    });
  });

  it('gives way to a labelled product and quantity', () => {
    const cart = '<table><tr><th>商品</th><th>数量</th></tr><tr><td>甲</td><td>4</td></tr></table>';
    const order = one(`<p>订单号：${NO}</p><p>商品名称：丙</p><p>数量：1</p><p>订单金额：¥1</p>${cart}`);
    expect(order).toMatchObject({ productName: '丙', quantity: 1 });
  });
});

describe('generic: status badges without a label', () => {
  const FIELDS = '<p>商品名称：甲 月卡</p><p>订单金额：¥1</p>';

  it('reads a badge beside the order number', () => {
    expect(one(`<div><span>订单号 ${NO}</span><span class="badge">待支付</span></div>${FIELDS}`)).toMatchObject({
      status: 'pending_payment',
      statusText: '待支付',
    });
  });

  it('ignores a badge away from the order (a stepper), a stock badge and one with digits', () => {
    for (const badge of [
      '<ol><li class="step-status">已付款</li><li class="step-status">已发货</li></ol>',
      `<div><span>订单号 ${NO}</span><span class="tag">库存充足</span></div>`,
      `<div><span>订单号 ${NO}</span><span class="tag">已售 99</span></div>`,
    ]) {
      const html = badge.includes(NO) ? badge + FIELDS : `<p>订单号：${NO}</p>${badge}${FIELDS}`;
      expect(one(html).status).toBe('unknown');
    }
  });

  it('never lets a labelled status give way to a badge', () => {
    expect(
      one(`<div><span>订单号 ${NO}</span><span class="badge">已完成</span></div><p>订单状态：处理中</p>${FIELDS}`),
    ).toMatchObject({ status: 'processing', statusText: '处理中' });
  });
});

describe('generic: sample orders in help pages', () => {
  const SAMPLE = `<dt>订单号</dt><dd>${NO}</dd><dt>订单状态</dt><dd>已完成</dd><dt>订单金额</dt><dd>¥9</dd><dt>卡密</dt><dd>DEMO-1111</dd>`;
  it.each([
    [
      'a table captioned 示例',
      `<table><caption>示例订单</caption><tr><th>订单号</th><td>${NO}</td></tr><tr><th>订单状态</th><td>已完成</td></tr><tr><th>订单金额</th><td>¥9</td></tr></table>`,
    ],
    ['a list introduced as an example', `<p>下面是一个演示：</p><dl>${SAMPLE}</dl>`],
    ['a figure captioned 样例', `<figure><figcaption>样例</figcaption><dl>${SAMPLE}</dl></figure>`],
  ])('reads none from %s', (_, html) => {
    expect(read(`<h1>如何查看订单</h1>${html}`)).toEqual([]);
  });

  it('still reads the order beside an unrelated example', () => {
    const page = `<dl>${SAMPLE.replace('DEMO-1111', 'REAL-2222')}</dl><p>示例：</p><ul><li>卡密格式 XXXX-XXXX</li></ul>`;
    expect(one(page)).toMatchObject({ orderNo: NO, cardKeys: ['REAL-2222'] });
  });
});
