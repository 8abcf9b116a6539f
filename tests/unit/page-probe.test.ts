import { describe, expect, it } from 'vitest';
import { isProbeMessage, looksLikeShopPage, PROBE_MESSAGE } from '@/lib/extract/page-probe';

describe('looksLikeShopPage', () => {
  it.each([
    'https://shop.example.com/detail-order-sn/KG7Q2M9X4A1B3C5D',
    'https://shop.example.com/order-search',
    'https://shop.example.com/bill/KG7Q2M9X4A1B3C5D',
    'https://faka.example.cn/user/index/query?tradeNo=281261130104512907',
    'https://dl.example.cn/?mod=query&data=12345678901234567',
    'https://dl.example.cn/?mod=faka&id=5&skey=abc',
    'https://z.example.cn/product/query/?zlkbmethod=auto&orderid=zlkb2026113010451212345',
    'https://qs.example.cn/order?orderId=123',
    'https://pay.example.cn/cashier.php?trade_no=2026113010451212345',
    'https://shop.example.com/pay/yipay/return_url?out_trade_no=KG7Q&trade_status=TRADE_SUCCESS',
    'http://old.example.cn/orderquery.htm?st=orderid&kw=1',
  ])('accepts the shop URL %s', (url) => {
    expect(looksLikeShopPage(url, '')).toBe(true);
  });

  it('accepts a page whose title says it is an order page', () => {
    expect(looksLikeShopPage('https://x.example.com/a/b', '订单详情 - 某某小店')).toBe(true);
    expect(looksLikeShopPage('https://x.example.com/', '卡密查看')).toBe(true);
  });

  it.each([
    ['https://news.example.com/2026/11/30/weather', '明天的天气'],
    ['https://en.wikipedia.org/wiki/Browser_extension', 'Browser extension - Wikipedia'],
    ['https://www.example.com/', 'Example Domain'],
    ['chrome://extensions/', '订单'],
    ['file:///home/u/order.html', '订单'],
  ])('rejects %s', (url, title) => {
    expect(looksLikeShopPage(url, title)).toBe(false);
  });
});

describe('probe message', () => {
  it('is recognised, and nothing else is', () => {
    expect(isProbeMessage(PROBE_MESSAGE)).toBe(true);
    expect(isProbeMessage({ type: 'ordersSeen' })).toBe(false);
    expect(isProbeMessage(null)).toBe(false);
    expect(isProbeMessage('probe')).toBe(false);
  });
});
