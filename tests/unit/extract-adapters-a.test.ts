/**
 * The dujiaoka and acg-faka adapters: the rules a single fixture page cannot show — where a manual product's
 * buyer input goes, which badge is the status text, and that an amount without a marker has no currency.
 */
import { describe, expect, it } from 'vitest';
import type { ExtractedOrder } from '@/lib/extract';
import acgFaka from '@/lib/extract/platforms/acg-faka';
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

  it('takes the labelled contact over the buyer input of a waiting manual order', () => {
    const order = one(unicorn({ status: '待处理', keys: 'QQ账号:2853761049\n区服:安卓QQ区', email: 'buyer@qq.com' }));
    expect(order.contact).toBe('buyer@qq.com');
    expect(order.cardKeys).toBeUndefined();
    expect(order.status).toBe('processing');
  });

  it('falls back to the buyer input lines when no contact is labelled, and never calls them keys', () => {
    const order = one(unicorn({ status: '待处理', keys: 'QQ账号:2853761049\n区服:安卓QQ区' }));
    expect(order.contact).toBe('QQ账号:2853761049; 区服:安卓QQ区');
    expect(order.cardKeys).toBeUndefined();
    expect(order.status).toBe('processing');
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
