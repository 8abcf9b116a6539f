import { describe, expect, it } from 'vitest';
import { looksLikeShopPage } from '@/lib/extract/page-probe';

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

describe('looksLikeShopPage against the patterns it replaced', () => {
  // The regular expressions the probe used before its substring tests (kept here as the specification they follow).
  const URL_PATTERN =
    /detail-order-sn|\/detail\b|order-search|search-order|\/bill\/|\/order\b|orders?[-_/.]?(?:query|search|detail|info|list)|query|chaxun|dingdan|cashier|submit\.php|\/pay\b|payok|return_url|notify|trade_?no|out_trade_no|orderid|order_?sn|tradeno|[?&]mod=(?:query|faka)|buyok|kami|faka|zlkbmethod|checkgoods/i;
  const TITLE_PATTERN = /订单|卡密|查询|提卡|取卡|发卡|卡盟|自助下单|支付|付款|收银台|易支付/;
  const before = (url: string, title: string): boolean =>
    /^https?:/i.test(url) && (URL_PATTERN.test(url) || TITLE_PATTERN.test(title));

  const SCHEMES = ['http://', 'https://', 'HTTPS://', 'Http://', 'ftp://', 'chrome://', 'file:///', ''];
  const HOSTS = ['shop.example.com', 'FAKA.example.cn', 'x.example', 'order.example', 'pay.example:8080'];
  const PARTS = [
    '/order',
    '/orders',
    '/Order',
    '/orderly',
    '/order-detail',
    '/ordersearch',
    '/orderssearch',
    '/orders.list',
    '/order_info',
    '/order/list',
    '/order-',
    '/orders_',
    '/ORDERS-Detail',
    '/orderinfo',
    '/orderlist',
    '/orderz',
    '/detail',
    '/details',
    '/detail-x',
    '/detail_',
    '/DETAIL',
    '/pay',
    '/payment',
    '/pay/',
    '/Pay?x=1',
    '/pay_',
    '/pay-',
    '/pay9',
    'trade_no=1',
    'tradeNo=2',
    'TRADE-NO',
    'trade__no',
    'out_trade_no=3',
    '/kamis',
    '/KAMI',
    '/bill',
    '/bill/',
    'submit.php',
    'submitXphp',
    '?mod=query',
    '&mod=faka',
    '?mod=buy',
    '/query',
    '/Chaxun',
    '/dingdan',
    '/cashier',
    '/payok',
    '/return_url',
    '/notify',
    '/ordersn',
    '/order_sn',
    '/orderid',
    '/buyok',
    '/zlkbmethod',
    '/checkgoods',
    '/search-order',
    '/order-search',
    '/detail-order-sn/1',
    '/news',
    '/2026/12/07',
    '/a_b',
    '/x.html',
    '#order',
    '?q=1',
    '/',
    '/ord',
    '/er',
    '/pa',
    '/y',
  ];
  const TITLES = [
    '',
    '',
    '',
    '',
    '天气',
    'News',
    '首页',
    '订单详情',
    '卡 密',
    '卡密',
    '易支付',
    '支付宝',
    '查询结果',
    'Shop',
    '自助下单平台',
    '付 款',
  ];

  it('answers as they did on 20,000 URLs built from their parts and near misses', () => {
    let seed = 7;
    const rand = (n: number): number => (((seed = (seed * 1103515245 + 12345) % 2147483648) % n) + n) % n;
    const pick = <T>(xs: readonly T[]): T => xs[rand(xs.length)]!;
    let hits = 0;
    for (let i = 0; i < 20_000; i++) {
      let url = pick(SCHEMES) + pick(HOSTS);
      for (let k = rand(4); k >= 0; k--) url += pick(PARTS);
      const title = pick(TITLES);
      const expected = before(url, title);
      hits += expected ? 1 : 0;
      expect(looksLikeShopPage(url, title), `${url} «${title}»`).toBe(expected);
    }
    expect(hits).toBeGreaterThan(2_000);
    expect(hits).toBeLessThan(19_500); // both answers well represented
  });
});
