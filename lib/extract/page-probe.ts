/**
 * The cheap first test of every http(s) page: does it look like a shop's order, query or payment page? It reads
 * only the URL and the title, which the browser knows without the page's help, so the background runs it
 * (lib/background/page-hints.ts) and a page that is not a shop page runs nothing of ours; a hit only means "worth
 * reading", and the extractor then decides. Plain substring tests first, and two small patterns only for URLs that
 * hold their words: it once ran in every page, where one large case-insensitive pattern cost more to compile than the
 * rest of the test took to run.
 */

// Routes of the surveyed systems (dujiaoka, acg-faka, 彩虹, ZFAKA, qs-faka, kamiFaka, epay, fakanet) and the words
// order/query pages tend to use, matched in the lower-cased URL. ('query' and 'faka' also cover 彩虹's ?mod=query and
// ?mod=faka; 'trade_no' covers out_trade_no.) Lists are written as one string each.
const URL_PARTS = words(
  'detail-order-sn order-search search-order /bill/ query chaxun dingdan cashier submit.php payok return_url notify ' +
    'trade_no tradeno orderid ordersn order_sn buyok kami faka zlkbmethod checkgoods',
);

const TITLE_WORDS = words('订单 卡密 查询 提卡 取卡 发卡 卡盟 自助下单 支付 付款 收银台');

/** A list written as one space-separated string. */
export function words(list: string): string[] {
  return list.split(' ');
}

/** Whether `text` contains one of `parts` (a plain loop: nothing to compile). */
export function containsAny(text: string, parts: readonly string[]): boolean {
  for (let i = 0; i < parts.length; i++) if (text.includes(parts[i]!)) return true;
  return false;
}

/** True when the page is worth reading for orders. */
export function looksLikeShopPage(url: string, title: string): boolean {
  const u = url.toLowerCase();
  if (!/^https?:/.test(u)) return false;
  if (containsAny(title, TITLE_WORDS) || containsAny(u, URL_PARTS)) return true;
  // Two small patterns, compiled only for URLs that hold their words: /order, /detail and /pay as whole words (not
  // /orderly or /payment), and order pages such as order-detail, orders/list, order_info.
  return (
    (u.includes('order') || u.includes('/detail') || u.includes('/pay')) &&
    /\/(?:order|detail|pay)\b|orders?[-_/.]?(?:search|detail|info|list)/.test(u)
  );
}
