/**
 * The cheap guess that a page may be a shop's buy page: URL shapes of the surveyed systems' product and checkout
 * pages, and title words of card shops. Like the order test (lib/extract/page-probe.ts) it reads only the URL and the
 * title, in the background (lib/background/page-hints.ts). A hit only means "worth looking for a buy form in the page's snapshots",
 * which then looks for a buy form with a recipient field and a price, and otherwise does nothing.
 */
import { containsAny, words } from '@/lib/extract/page-probe';

// The buy-page routes of the surveyed systems: dujiaoka /buy/12 (every theme, morpho too); acg-faka /item/12 and
// /user/index/item?mid=12; 彩虹 ?mod=buy&tid=2 and /?cid=1&tid=2 (its home page is the buy form: its title words catch
// it); ZFAKA /product/12.html and /product/detail/?pid=12; qs-faka /links/<token>; classic 发卡平台 /links/?id=<token>;
// kamiFaka /12/pay (below). Shapes that every kind of site uses (/product/, /goods/, /cart, /shop/, ?tid=, ?pid=: a
// Discuz forum thread is ?tid=…) are no sign of a card shop on their own: an unknown shop is recognised by its title.
// Plain substrings rather than regular expressions: a substring test costs nothing to compile.
const URL_PARTS = words('/buy/ /buy? /item/ index/item ?mod=buy &mod=buy /links/ /product/detail/?pid=');

// Card-shop words in a title. Not 会员 or 充值 alone: ordinary video and phone sites use them on every page.
const TITLE_WORDS = words(
  '发卡 卡密 卡盟 自助下单 代充 代刷 数卡 自动发货 激活码 兑换码 cdk CDK 月卡 季卡 年卡 购买商品 商品购买 立即购买 购卡',
);

// Order, query and payment routes (the order test's ground: order, query, card-view, tracking and payment pages): a
// card shop's title is on these pages too, but they hold an order, not a buy form, and injecting the checkout script
// there cost an order page ~3 ms of main thread for nothing (now it would cost a buy-form search on each snapshot). Only consulted when the title alone would say "buy page".
// trade: trade_no, out_trade_no, tradeNo; submit: epay's submit.php; /pay: /pay/ok/…, /payok
const ORDER_PARTS = words(
  'order query chaxun dingdan trade submit /pay notify /bill/ mod=faka buyok chadan tiqu track search',
);

/** True when the page may be a buy page of a card shop. */
export function looksLikeCheckoutPage(url: string, title: string): boolean {
  const u = url.toLowerCase();
  if (!/^https?:/.test(u)) return false;
  if (containsAny(u, URL_PARTS) || u.endsWith('/buy')) return true;
  // 彩虹's product link (?cid=1&tid=2) and ZFAKA's /product/12.html: the pair, not either half alone.
  if (u.includes('cid=') && u.includes('tid=')) return true;
  if (u.includes('/product/') && /\/product\/\d+\.html/.test(u)) return true;
  // kamiFaka's /12/pay and /12/detail
  if ((u.includes('/pay') || u.includes('/detail')) && /\/\d+\/(?:pay|detail)\b/.test(u)) return true;
  // (not lower-cased: case mapping a Chinese title costs more than the whole test)
  if (!containsAny(title, TITLE_WORDS)) return false;
  // The path and query, not the host: many card shops have 'faka' or 'order' in their domain names.
  const path = u.indexOf('/', u.indexOf('//') + 2);
  if (path < 0) return true;
  const rest = u.slice(path);
  // …and a run of twelve digits is an order number (they start with the date), never a product id.
  return !containsAny(rest, ORDER_PARTS) && !/\d{12}/.test(rest);
}
