/** How each shop system's orders are re-read in the background, and acg-faka's query recipe against its real pages. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractOrders, type ExtractedOrder } from '@/lib/extract';
import { ADAPTERS } from '@/lib/extract/platforms';
import { recipeFor, watchRequest, WATCH_SUPPORT } from '@/lib/watch/recipes';
import { acgAnswerToPage } from '@/lib/watch/recipes/acg-faka';
import { orderPageUrl } from '@/lib/watch/recipes/server-page';
import { FIXTURE_ROOT, parseHtml } from './extract-fixture-files';

const order = (platform: string, urls: string[], orderNo = 'KG7Q2M9X4A1B3C5D') => ({
  platform,
  orderNo,
  site: new URL(urls.at(-1)!).host,
  url: urls.at(-1)!,
  urls,
});

describe('the registry', () => {
  it('says for every extractor adapter how its orders are re-read', () => {
    expect(Object.keys(WATCH_SUPPORT).toSorted()).toEqual(ADAPTERS.map((a) => a.id).toSorted());
  });

  it('script-rendered systems without a recipe and payment pages are not watched', () => {
    for (const id of ['qs-faka', 'kamifaka', 'epay']) expect(recipeFor(id)).toBeUndefined();
    for (const id of ['dujiaoka', 'acg-faka', 'caihong', 'zfaka', 'fakanet', 'generic', 'some-future-id'])
      expect(recipeFor(id)).toBeDefined();
  });
});

describe('server-rendered pages', () => {
  it('the latest address that names the order, else the latest address', () => {
    const o = order('caihong', [
      'https://k.example/?mod=query&data=1700000000123',
      'https://k.example/?mod=faka&id=9&skey=abc',
    ]);
    expect(orderPageUrl({ ...o, orderNo: '1700000000123' })).toBe('https://k.example/?mod=query&data=1700000000123');
    expect(orderPageUrl({ ...o, orderNo: '999' })).toBe('https://k.example/?mod=faka&id=9&skey=abc');
    expect(watchRequest(order('generic', ['https://x.example/order/1']))).toEqual({
      method: 'GET',
      url: 'https://x.example/order/1',
      pageUrl: 'https://x.example/order/1',
    });
  });

  it('dujiaoka: an order found by a search form is re-read at its own detail page', () => {
    expect(watchRequest(order('dujiaoka', ['https://d.example/search-order-by-email']))?.url).toBe(
      'https://d.example/detail-order-sn/KG7Q2M9X4A1B3C5D',
    );
    expect(watchRequest(order('dujiaoka', ['https://d.example/shop/search-order-by-sn']))?.url).toBe(
      'https://d.example/shop/detail-order-sn/KG7Q2M9X4A1B3C5D',
    );
    expect(watchRequest(order('dujiaoka', ['https://d.example/order/search/browser']))?.url).toBe(
      'https://d.example/order/detail/KG7Q2M9X4A1B3C5D',
    );
    expect(watchRequest(order('dujiaoka', ['https://d.example/detail-order-sn/KG7Q2M9X4A1B3C5D']))?.url).toBe(
      'https://d.example/detail-order-sn/KG7Q2M9X4A1B3C5D',
    );
  });

  it('a stored address that no longer parses is not re-read', () => {
    expect(watchRequest({ ...order('generic', ['https://x.example/o']), url: 'not a url', urls: ['not a url'] })).toBe(
      undefined,
    );
  });
});

/** Reads an answer the way a check does: the recipe's page, then the extractor. */
const read = (answer: unknown, orderNo: string, url = 'https://shop.example/user/index/query'): ExtractedOrder[] => {
  const page = acgAnswerToPage(JSON.stringify(answer), orderNo);
  if (!('html' in page)) throw new Error(`no page: ${JSON.stringify(page)}`);
  return extractOrders(parseHtml(page.html), url).filter((o) => o.orderNo === orderNo);
};
const fixture = (name: string): ExtractedOrder[] =>
  (JSON.parse(readFileSync(join(FIXTURE_ROOT, 'acg-faka', `${name}.json`), 'utf8')) as { orders: ExtractedOrder[] })
    .orders;
const answer = (...list: Record<string, unknown>[]) => ({ code: 200, data: { list, total: list.length } });

describe('acg-faka 3.x: the query its page script makes', () => {
  const TRADE = '512240520210311734';

  it('POSTs the order number as the page script does, to the API beside the query page', () => {
    const req = watchRequest(order('acg-faka', [`https://shop.example/faka/user/index/query?tradeNo=${TRADE}`], TRADE));
    expect(req).toEqual({
      method: 'POST',
      url: 'https://shop.example/faka/user/api/index/query',
      body: `keywords=${TRADE}&page=1&limit=10`,
      headers: {
        'content-type': 'application/x-www-form-urlencoded; charset=UTF-8',
        accept: 'application/json, text/javascript, */*; q=0.01',
        'x-requested-with': 'XMLHttpRequest',
      },
      pageUrl: `https://shop.example/faka/user/index/query?tradeNo=${TRADE}`,
    });
  });

  it('orders seen only on pages without a recipe (lizhipay/faka) are not re-read', () => {
    expect(watchRequest(order('acg-faka', ['https://old.example/index/query'], TRADE))).toBeUndefined();
  });

  const item = (over: Record<string, unknown>): Record<string, unknown> => ({
    id: 1,
    trade_no: TRADE,
    sku: null,
    user_id: 0,
    amount: '190.40',
    pay_id: 1,
    commodity_id: 7,
    create_time: '2024-05-20 21:03:11',
    pay_time: '2024-05-20 21:04:02',
    delivery_status: 1,
    status: 1,
    card_num: 2,
    contact: 'buyer@example.com',
    race: '国区',
    pay: { id: 1, name: '支付宝', icon: '/assets/user/images/cash/alipay.png' },
    commodity: { id: 7, name: 'Steam 钱包码 100', cover: '/x.png', password_status: 0, leave_message: '兑换入口…' },
    secret: 'Y7PQ2-KD4MX-9RZ3T\nH2WLA-8C5NJ-QV6EB',
    password: null,
    leave_message: '兑换入口：Steam 客户端',
    ...over,
  });

  it('gives the order exactly as the live page gave it (heldout-paid-keys, written from the real template)', () => {
    expect(read(answer(item({})), TRADE)).toEqual(fixture('heldout-paid-keys'));
  });

  it('a password-protected, an out-of-stock and a manual order read as their live pages do', () => {
    const [locked, gone, manual] = fixture('cartoon-query-password-and-stock');
    const base = { sku: null, pay_time: null, leave_message: null, contact: 'c@example.com' };
    const list = [
      item({
        ...base,
        trade_no: locked!.orderNo,
        amount: '88.00',
        create_time: '2024-07-01 09:30:12',
        pay_time: '2024-07-01 09:30:40',
        card_num: 2,
        race: '自动发货',
        pay: { name: '微信支付' },
        commodity: { name: 'Adobe 全家桶 月付账号' },
        password: true,
        secret: undefined,
      }),
      item({
        ...base,
        trade_no: gone!.orderNo,
        amount: '12.50',
        create_time: '2024-07-01 10:15:02',
        pay_time: '2024-07-01 10:15:33',
        card_num: 1,
        race: '自动发货',
        commodity: { name: '原神 月卡 激活码' },
        secret: '很抱歉，有人在你付款之前抢走了商品，请联系客服。',
      }),
      item({
        ...base,
        trade_no: manual!.orderNo,
        amount: '30.00',
        create_time: '2024-07-01 11:30:45',
        pay_time: '2024-07-01 11:31:02',
        delivery_status: 0,
        card_num: 1,
        race: '手动发货',
        commodity: { name: 'B站大会员 代开 年卡' },
        secret: '正在发货中，请耐心等待，如有疑问，请联系客服。',
      }),
    ];
    for (const expected of [locked!, gone!, manual!])
      expect(read(answer(...list), expected.orderNo)).toEqual([expected]);
  });

  it('an unpaid order shows no goods', () => {
    const [unpaid] = read(answer(item({ status: 0, delivery_status: 0, pay_time: null, secret: undefined })), TRADE);
    expect(unpaid?.status).toBe('pending_payment');
    expect(unpaid?.cardKeys).toBeUndefined();
  });

  it('the shop’s own markup in the secret is read as the page shows it; fields are text', () => {
    const [o] = read(
      answer(item({ secret: 'KEY-1<br>KEY-2', commodity: { name: '<b>Steam</b> <img src=x onerror=alert(1)>' } })),
      TRADE,
    );
    expect(o?.cardKeys).toEqual(['KEY-1', 'KEY-2']);
    expect(o?.productName).toBe('<b>Steam</b> <img src=x onerror=alert(1)>');
  });

  it('what the answer says instead of an order', () => {
    expect(acgAnswerToPage(JSON.stringify({ code: 0, msg: '请求过于频繁，请稍后再试' }), TRADE)).toEqual({
      result: 'rate_limited',
    });
    expect(acgAnswerToPage(JSON.stringify({ code: 0, msg: '无数据' }), TRADE)).toEqual({ result: 'missing' });
    expect(acgAnswerToPage(JSON.stringify(answer()), TRADE)).toEqual({ result: 'missing' });
    expect(acgAnswerToPage(JSON.stringify(answer(item({ trade_no: '000000000000000000' }))), TRADE)).toEqual({
      result: 'missing',
    });
    expect(acgAnswerToPage(JSON.stringify({ code: 200, data: 'x' }), TRADE)).toEqual({ result: 'unreadable' });
    expect(acgAnswerToPage('not json', TRADE)).toEqual({ result: 'unreadable' });
    // A login or captcha page in front of the API: handed on as a page, for the page reader to tell which.
    expect(acgAnswerToPage('<!DOCTYPE html><title>Just a moment...</title>', TRADE)).toEqual({
      html: '<!DOCTYPE html><title>Just a moment...</title>',
    });
  });
});
