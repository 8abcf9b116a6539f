import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  handleCheckoutHide,
  handleCheckoutSeen,
  loadShopClocks,
  type CheckoutContext,
} from '@/lib/background/checkout';
import { summarizeShop } from '@/lib/checkout/shop-summary';
import { formatMessage, type ChromeMessage } from '@/lib/reminders/messages';
import { handleOrdersSeen } from '@/lib/background/orders-seen';
import { openDb, upsertSighting, type KamiGuardDb } from '@/lib/db';
import { loadCheckoutSettings, saveCheckoutSettings } from '@/lib/checkout/settings';
import { productKey, promiseFor, withPromise, MAX_PROMISES } from '@/lib/checkout/promise-memory';
import type { SenderLike } from '@/lib/messaging/sender';
import type { ExtractedOrder } from '@/lib/extract/types';
import type { ShopRecord } from '@/lib/db/types';

const OWN_ID = 'abcdefghijklmnopabcdefghijklmnop';
const OWN_ORIGIN = `chrome-extension://${OWN_ID}`;
const HOST = 'shop.example.com';
const BUY = `https://${HOST}/buy/7`;
const sender = (url = BUY): SenderLike => ({ id: OWN_ID, url, tab: { id: 3 }, frameId: 0 });
const HOUR = 3600_000;
const T0 = Date.parse('2026-11-01T10:00:00+08:00');

const dbs: KamiGuardDb[] = [];
function ctx(now = T0 + 30 * 24 * HOUR): CheckoutContext {
  const db = openDb(`test-${crypto.randomUUID()}`);
  dbs.push(db);
  return { db, ownId: OWN_ID, ownOrigin: OWN_ORIGIN, now, t: zh, locale: 'zh_CN' };
}
const zhMessages = JSON.parse(
  readFileSync(join(__dirname, '../../public/_locales/zh_CN/messages.json'), 'utf8'),
) as Record<string, ChromeMessage>;
/** browser.i18n.getMessage with the shipped zh_CN texts. */
const zh = (key: string, subs?: string[]): string => (zhMessages[key] ? formatMessage(zhMessages[key], subs) : key);
/** A buy page as the checkout script sends it. */
const page = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
  url: BUY,
  productText: '',
  badges: [],
  pageText: '',
  footerText: '',
  ...over,
});
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

/** An order paid at `paidAt`, delivered `hours` later (or still waiting when `hours` is undefined). */
async function order(db: KamiGuardDb, no: string, product: string, paidAt: number, hours?: number): Promise<void> {
  const base: ExtractedOrder = {
    platform: 'dujiaoka',
    orderNo: no,
    productName: product,
    status: 'processing',
    paidAt: new Date(paidAt).toISOString(),
  };
  await upsertSighting(db, {
    order: base,
    site: HOST,
    url: `https://${HOST}/detail-order-sn/${no}`,
    at: paidAt + 60_000,
  });
  if (hours !== undefined)
    await upsertSighting(db, {
      order: { ...base, status: 'delivered', cardKeys: ['K'] },
      site: HOST,
      url: `https://${HOST}/detail-order-sn/${no}`,
      at: paidAt + hours * HOUR,
    });
}

describe('handleCheckoutSeen', () => {
  it('refuses messages from anything but a content script of a web page, and bad data', async () => {
    const c = ctx();
    await expect(handleCheckoutSeen(page(), { ...sender(), tab: undefined }, c)).rejects.toThrow(/tab/);
    await expect(handleCheckoutSeen(page(), { ...sender(), id: 'other' }, c)).rejects.toThrow(/extension/);
    await expect(handleCheckoutSeen(page({ pageText: 'x'.repeat(20_001) }), sender(), c)).rejects.toThrow(/pageText/);
    await expect(handleCheckoutSeen(page({ badges: ['x'.repeat(17)] }), sender(), c)).rejects.toThrow(/badges/);
    await expect(handleCheckoutSeen(page({ promiseMinutes: 60 }), sender(), c)).rejects.toThrow(/promiseMinutes/);
    await expect(handleCheckoutSeen(page({ url: 'https://other.example/buy/1' }), sender(), c)).rejects.toThrow(
      /sender page/,
    );
    expect(await c.db.shops.count()).toBe(0);
  });

  it('says "first order here" for a shop never seen, and counts the buy page as a page of the shop', async () => {
    const c = ctx();
    const reply = await handleCheckoutSeen(page({ product: 'QQ会员 月卡' }), sender(), c);
    expect(reply.mode).toBe('full');
    expect(reply.messages?.checkout_problem_qq_length).toBe('「$1」：QQ号是 5 到 11 位数字，这里是 $2 位。');
    expect(reply.lines).toEqual({
      terms: ['商品：QQ会员 月卡', '时长：月卡（约 30 天）'],
      shop: ['你第一次在这家店下单。'],
      signals: ['这家店的页面上没有看到 ICP 备案号。'],
    });
    expect(await c.db.shops.get(HOST)).toMatchObject({ site: HOST, icpCheckedAt: c.now });

    const withIcp = await handleCheckoutSeen(page({ footerText: '© 小店 京ICP备12345678号-1' }), sender(), c);
    expect(withIcp.lines?.shop).toEqual(['你第一次在这家店下单。', '页面上的备案号：京ICP备12345678号-1']);
    expect(withIcp.lines?.signals).toEqual([]);
    expect((await c.db.shops.get(HOST))?.icp).toBe('京ICP备12345678号-1');
  });

  it("sums up the buyer's own orders at the shop: two late, one on time, one waiting", async () => {
    const c = ctx();
    await order(c.db, 'A1', '腾讯视频VIP 月卡', T0, 30);
    await order(c.db, 'A2', '腾讯视频VIP 月卡', T0 + 48 * HOUR, 2);
    await order(c.db, 'A3', 'QQ音乐 绿钻', T0 + 96 * HOUR, 40);
    await order(c.db, 'A4', 'QQ会员', c.now - HOUR);
    // another shop's orders do not count
    await upsertSighting(c.db, {
      order: { platform: 'generic', orderNo: 'X', status: 'delivered' },
      site: 'elsewhere.example',
      url: 'https://elsewhere.example/o/X',
      at: T0,
    });
    const summary = summarizeShop(await loadShopClocks(c.db, HOST, c.now), 24 * 60);
    expect(summary).toMatchObject({ orders: 4, onTime: 1, late: 2, never: 0, open: 1, slowerThanPromise: 2 });
    expect(summary.medianDeliveryMs).toBe(30 * HOUR);
    expect(summary.lastProblem).toMatchObject({ kind: 'late', product: 'QQ音乐 绿钻', overdueMs: 16 * HOUR });

    const reply = await handleCheckoutSeen(page({ pageText: '付款后 24小时内到账。' }), sender(), c);
    expect(reply.lines?.shop.slice(0, 3)).toEqual([
      '在这里下过 4 单：按时到 1，超时 2，没到 0。',
      '到货时间中位数：30 小时。',
      '还有 1 单在等。',
    ]);
    expect(reply.lines?.shop[3]).toMatch(/^最近一次问题（.+）：「QQ音乐 绿钻」超过承诺时间 16 小时。$/);
    expect(reply.lines?.signals).toContain('本页承诺「24小时内到账」；你在这家店有 2 单用时超过了这个时间。');
  });

  it('answers with less as the buyer set: recipient warnings only on a hidden shop, nothing when all is off', async () => {
    const c = ctx();
    await saveCheckoutSettings(c.db, { panel: true, recipientCheck: true, hiddenShops: [HOST] });
    const recipient = await handleCheckoutSeen(page(), sender(), c);
    expect(recipient.mode).toBe('recipient');
    expect(recipient.messages).toBeDefined();
    expect(recipient.lines).toBeUndefined();
    await saveCheckoutSettings(c.db, { panel: false, recipientCheck: false, hiddenShops: [] });
    expect(await handleCheckoutSeen(page(), sender(), c)).toEqual({ mode: 'off' });
  });
});

describe('handleCheckoutHide', () => {
  it("turns the panel off on the sender's own shop", async () => {
    const c = ctx();
    expect(await handleCheckoutHide(sender(`https://www.${HOST}/buy/1`), c)).toEqual({ mode: 'recipient' });
    expect((await loadCheckoutSettings(c.db)).hiddenShops).toEqual([HOST]);
    await expect(handleCheckoutHide({ id: OWN_ID, url: OWN_ORIGIN + '/popup.html' }, c)).rejects.toThrow();
  });
});

const ordersSeen = (c: CheckoutContext, no: string, product: string | undefined, pageWindowMinutes?: number) =>
  handleOrdersSeen(
    {
      url: `https://${HOST}/detail-order-sn/${no}`,
      orders: [
        {
          platform: 'dujiaoka',
          orderNo: no,
          status: 'pending_payment',
          ...(product ? { productName: product } : {}),
        },
      ],
      ...(pageWindowMinutes ? { pageWindowMinutes } : {}),
    },
    sender(`https://${HOST}/detail-order-sn/${no}`),
    { db: c.db, ownId: OWN_ID, ownOrigin: OWN_ORIGIN, now: c.now + 60_000 },
  );

describe('the promise seen on the buy page', () => {
  it('is kept for the order that follows when its page states none, and gives way to one its page states', async () => {
    const c = ctx();
    await handleCheckoutSeen(
      page({ product: '腾讯视频VIP会员 月卡 代充', pageText: '付款后 24小时内到账' }),
      sender(),
      c,
    );
    const [id] = (await ordersSeen(c, 'KG1', '腾讯视频VIP会员 月卡 代充')).orderIds;
    expect(await c.db.orders.get(id!)).toMatchObject({ pageWindowMinutes: 1440, pageWindowFrom: 'buy_page' });

    await ordersSeen(c, 'KG1', '腾讯视频VIP会员 月卡 代充', 600);
    const after = await c.db.orders.get(id!);
    expect(after?.pageWindowMinutes).toBe(600);
    expect(after?.pageWindowFrom).toBeUndefined();
  });

  it('is not given to an order of another product, nor to one whose page states its own', async () => {
    const c = ctx();
    await handleCheckoutSeen(
      page({ product: '腾讯视频VIP会员 月卡 代充', pageText: '付款后 24小时内到账' }),
      sender(),
      c,
    );
    const [other] = (await ordersSeen(c, 'KG2', 'Steam 充值卡 50元')).orderIds;
    expect((await c.db.orders.get(other!))?.pageWindowMinutes).toBeUndefined();
    const [own] = (await ordersSeen(c, 'KG3', '腾讯视频VIP会员 月卡 代充', 60)).orderIds;
    expect(await c.db.orders.get(own!)).toMatchObject({ pageWindowMinutes: 60 });
    expect((await c.db.orders.get(own!))?.pageWindowFrom).toBeUndefined();
  });
});

describe('promise memory', () => {
  it('compares product names loosely, keeps one promise per product and a bounded list', () => {
    expect(productKey('QQ超级会员 1个月 x 2')).toBe(productKey('ＱＱ超级会员1个月'));
    let shop: ShopRecord = { site: HOST };
    for (let i = 0; i < MAX_PROMISES + 3; i++) shop = withPromise(shop, { product: `P${i}`, minutes: 60, seenAt: i });
    shop = withPromise(shop, { product: `P${MAX_PROMISES + 2}`, minutes: 90, seenAt: 99 });
    expect(shop.checkouts).toHaveLength(MAX_PROMISES);
    expect(shop.checkouts?.[0]).toEqual({ product: `P${MAX_PROMISES + 2}`, minutes: 90, seenAt: 99 });
  });

  it('matches a shortened or lengthened name, not a short one inside another, and only within 48 hours', () => {
    const shop = withPromise({ site: HOST }, { product: 'QQ超级会员 1个月 自动发货', minutes: 30, seenAt: T0 });
    expect(promiseFor(shop, { productName: 'QQ超级会员 1个月' }, T0 + HOUR)).toBe(30);
    expect(promiseFor(shop, { productName: 'QQ' }, T0 + HOUR)).toBeUndefined();
    expect(promiseFor(shop, { productName: 'QQ超级会员 1个月' }, T0 + 49 * HOUR)).toBeUndefined();
    expect(promiseFor(shop, { productName: 'QQ超级会员 1个月' }, T0 - HOUR)).toBeUndefined();
    // an order page without a product name: the one buy page seen in the last two hours
    expect(promiseFor(shop, {}, T0 + HOUR)).toBe(30);
    expect(promiseFor(shop, {}, T0 + 3 * HOUR)).toBeUndefined();
  });
});
