/**
 * The cheap first test run on every http(s) page: does this page look like a shop's order, query or payment page?
 * It reads only the URL and the title (no DOM walk), so a page that is not a shop page costs almost nothing; a hit
 * only means "worth running the real extractor", which then decides.
 */

// Routes of the surveyed systems (dujiaoka, acg-faka, 彩虹, ZFAKA, qs-faka, kamiFaka, epay, fakanet) and the
// generic words order/query pages tend to use.
const URL_PATTERN =
  /detail-order-sn|\/detail\b|order-search|search-order|\/bill\/|\/order\b|orders?[-_/.]?(?:query|search|detail|info|list)|query|chaxun|dingdan|cashier|submit\.php|\/pay\b|payok|return_url|notify|trade_?no|out_trade_no|orderid|order_?sn|tradeno|[?&]mod=(?:query|faka)|buyok|kami|faka|zlkbmethod|checkgoods/i;

const TITLE_PATTERN = /订单|卡密|查询|提卡|取卡|发卡|卡盟|自助下单|支付|付款|收银台|易支付/;

/** True when the page is worth running the extractor on. */
export function looksLikeShopPage(url: string, title: string): boolean {
  if (!/^https?:/i.test(url)) return false;
  return URL_PATTERN.test(url) || TITLE_PATTERN.test(title);
}

/** What the probe sends the background (a plain object: the probe carries no messaging library). */
export const PROBE_MESSAGE = { kamiguard: 'probe' } as const;

export function isProbeMessage(message: unknown): boolean {
  return typeof message === 'object' && message !== null && (message as { kamiguard?: unknown }).kamiguard === 'probe';
}
