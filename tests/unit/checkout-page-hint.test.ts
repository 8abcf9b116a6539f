import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { looksLikeCheckoutPage } from '@/lib/checkout/page-hint';
import { looksLikeShopPage } from '@/lib/extract/page-probe';

const FIXTURES = join(__dirname, '..', 'fixtures-checkout');
const ORDER_FIXTURES = join(__dirname, '..', 'fixtures');

describe('looksLikeCheckoutPage', () => {
  it.each([
    'https://shop.example.com/buy/7',
    'https://faka.example.cn/item/21',
    'https://faka.example.cn/user/index/item?mid=21',
    'https://dl.example.cn/?cid=3&tid=15',
    'https://dl.example.cn/?mod=buy&tid=15',
    'https://z.example.cn/product/8.html',
    'https://z.example.cn/product/detail/?pid=8',
    'https://qs.example.cn/links/Vb8kQ2',
    'http://old.example.cn/links/?id=a8f3c2',
    'https://kami.example.com/4/pay',
  ])('accepts the buy-page URL %s', (url) => {
    expect(looksLikeCheckoutPage(url, '')).toBe(true);
  });

  it('accepts an unknown shop by its title, whatever its URL', () => {
    expect(looksLikeCheckoutPage('https://unknown.example.top/goods/305.html', 'Steam 充值卡 自动发货 - 小店')).toBe(
      true,
    );
    expect(looksLikeCheckoutPage('https://unknown.example.com/checkout', '爱奇艺黄金会员 月卡')).toBe(true);
  });

  it('accepts a card shop by its title (彩虹 serves its buy form on the home page)', () => {
    expect(looksLikeCheckoutPage('https://caihong.example.com/', '彩虹云商城 - 自助下单平台')).toBe(true);
    expect(looksLikeCheckoutPage('https://x.example.com/', '小雨发卡网')).toBe(true);
  });

  it('accepts every buy page of the checkout fixtures by its URL or title', () => {
    for (const file of readdirSync(FIXTURES).filter((f) => f.endsWith('.json'))) {
      const { url, form } = JSON.parse(readFileSync(join(FIXTURES, file), 'utf8')) as { url: string; form: unknown };
      if (!form) continue;
      const html = readFileSync(join(FIXTURES, file.replace(/\.json$/, '.html')), 'utf8');
      const title = /<title>([^<]*)<\/title>/.exec(html)?.[1] ?? '';
      expect(looksLikeCheckoutPage(url, title), file).toBe(true);
    }
  });

  it("does not take a card shop's order, query or card-view page for a buy page because of its title", () => {
    expect(
      looksLikeCheckoutPage('https://shop.example.com/detail-order-sn/KG7Q2M9X4A1B3C5D', '订单详情 - 星河发卡'),
    ).toBe(false);
    expect(looksLikeCheckoutPage('https://km.example.cn/?mod=faka&id=10492&skey=4c8e', '七彩云卡盟 - 卡密查看')).toBe(
      false,
    );
    expect(looksLikeCheckoutPage('https://kami.example.top/2024050920145512a7f3/detail', '卡密发卡网')).toBe(false);
    // …but the host may say 'order' or 'faka': only the path and query count.
    expect(looksLikeCheckoutPage('https://order-faka.example.com/', '小雨发卡网')).toBe(true);
    // Every order-holding page of the extractor's fixtures, but 彩虹's home page, where the buy form and the
    // order list share one page.
    const walk = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
        d.isDirectory() ? walk(join(dir, d.name)) : d.name.endsWith('.json') ? [join(dir, d.name)] : [],
      );
    let checked = 0;
    for (const file of walk(ORDER_FIXTURES)) {
      const { url, orders } = JSON.parse(readFileSync(file, 'utf8')) as { url?: unknown; orders?: unknown[] };
      if (typeof url !== 'string' || !orders?.length || new URL(url).pathname === '/') continue;
      const html = readFileSync(file.replace(/\.json$/, '.html'), 'utf8');
      const title = /<title>([^<]*)<\/title>/.exec(html)?.[1] ?? '';
      expect(looksLikeCheckoutPage(url, title), file).toBe(false);
      checked++;
    }
    expect(checked).toBeGreaterThan(100);
  });

  it.each([
    ['https://news.example.com/2026/11/30/weather', '明天的天气'],
    ['https://video.example.com/vip', '开通会员 - 某视频'],
    ['https://www.example.com/travel/zhejiang-10-days.html', '浙江十日游：西湖、乌镇和千岛湖'],
    ['https://passport.example.com/login', '登录'],
    ['https://item.jd.example.com/100012.html', '某商品 - 京东'],
    // Shapes every kind of site uses, without a card-shop title: a forum thread, shops of physical goods, a cart.
    ['https://bbs.example.com/forum.php?mod=viewthread&tid=123456', '周末去哪儿玩 - 本地论坛'],
    ['https://www.example.com/product/123', '某品牌手机 - 官方商城'],
    ['https://shop.example.com/goods/305.html', '纯棉T恤 - 服装小店'],
    ['https://shop.example.com/cart', '购物车'],
    ['https://www.example.com/page?pid=42', '关于我们'],
    ['chrome://extensions/', '发卡'],
  ])('rejects %s', (url, title) => {
    expect(looksLikeCheckoutPage(url, title)).toBe(false);
  });
});

describe('the two tests together', () => {
  it('leaves the order test as it is: a buy page alone does not bring the snapshot sender', () => {
    expect(looksLikeShopPage('https://shop.example.com/buy/7', '腾讯视频VIP会员 月卡 代充 | 星河')).toBe(false);
  });
});
