/**
 * 骑士虚拟商城 qs-faka (Vue 3 + TDesign SPA). The order page (/order?orderId=…) is rendered after the
 * query: a t-button "订单号：X", `.order-list .h dl > dt/dd` pairs and the keys in `div#copyText`, one
 * line per key. The payment callback page (/callback?out_trade_no=…) names the shop's order number in
 * its URL and says 支付成功 or 订单超时已关闭 once the poll has an answer. A query that finds the order unpaid shows
 * only `.no-order` "订单未支付" (how a failed payment callback looks to the buyer); the order number is then the one
 * searched for.
 */
import { cleanText } from '../normalize';
import {
  adapter,
  all,
  one,
  rawFromPairs,
  readPairs,
  readText,
  textOf,
  valueOf,
  vocab,
  type RawOrder,
} from '../platform';
import { allOutsideAds, textWithout } from '../scope';

const LIST = '.order-list';
const NO_BUTTON = '.t-button';
const PAIRS = { row: '.h dl', label: 'dt', value: 'dd' };
const KEYS = '#copyText';
/** Parts of an order block that never carry its state: the pairs, the keys, the shop's notes. */
const NOT_STATE = '.h, #copyText, .remark, .t-button';
const ORDER_NO = /订单号\s*[:：]\s*([A-Za-z0-9_-]+)/;
const VOCAB = vocab({
  product: '商品名称',
  // "发放卡密N张": one key per unit bought.
  quantity: '已发卡密 购买数量',
  amount: '支付金额 订单金额',
  payment: '付款方式 支付方式',
  orderedAt: '下单时间',
});
/** Where the order page prints a notice instead of the order, and the notice of an order found unpaid. */
const NOTICE = '.no-order';
const UNPAID = '订单未支付';
/** The search box (its first input is the order number or contact searched for). */
const SEARCH = '.orderid_input input';
/** qs-faka's trade_no: an optional prefix (a shop setting, or the user id), yymmddHHMMSS, 8 hex digits. */
const TRADE_NO = /^[A-Za-z0-9]{0,16}\d{12}[0-9a-f]{8}$/;
/** Order states the page prints in place of keys. */
const STATE = /订单(?:未支付|已关闭|已取消|已退款|已冻结|超时已关闭)/;

/** The order-number button of a block (or of the page). */
const noButton = (root: ParentNode): Element | undefined =>
  all(root, NO_BUTTON, 20).find((b) => ORDER_NO.test(textOf(b)));

const lists = (doc: Document): Element[] =>
  allOutsideAds(doc, LIST, 20).filter((list) => one(list, PAIRS.row) && noButton(list));

/** TDesign marks every component with a `t-` class. */
const isTDesign = (doc: Document): boolean => !!one(doc, '[class^="t-"], [class*=" t-"]');

const isCallback = (doc: Document, url: URL): boolean =>
  /\/callback\/?$/.test(url.pathname) && !!url.searchParams.get('out_trade_no') && isTDesign(doc);

const isUnpaid = (doc: Document): boolean =>
  allOutsideAds(doc, NOTICE, 5).some((el) => textOf(el, 32) === UNPAID) && isTDesign(doc);

/**
 * The unpaid order: its number from an 订单号 button, else from the search box when it holds a trade_no, else from
 * the URL's orderId when the box is empty or shows the same value. The box may hold a contact (the query matches
 * both), and then the order it found is not named on the page.
 */
const unpaidOrder = (doc: Document, url: URL): RawOrder => {
  const typed = cleanText(valueOf(allOutsideAds(doc, SEARCH, 2)[0], 100), 100);
  const inUrl = url.searchParams.get('orderId');
  const searched = TRADE_NO.test(typed) ? typed : !typed || typed === inUrl ? inUrl : null;
  return { orderNo: ORDER_NO.exec(textOf(noButton(doc)))?.[1] ?? searched ?? undefined, status: UNPAID };
};

const fromList = (list: Element, keysEl: Element | null | undefined): RawOrder => ({
  ...rawFromPairs(readPairs(list, PAIRS), VOCAB),
  orderNo: ORDER_NO.exec(textOf(noButton(list)))?.[1],
  status: STATE.exec(textWithout(list, NOT_STATE, 2000))?.[0],
  keys: keysEl ? readText(keysEl) : undefined,
});

export default adapter(
  'qs-faka',
  (doc, url) => lists(doc).length > 0 || isUnpaid(doc) || isCallback(doc, url),
  (doc, url) => {
    const found = lists(doc);
    if (!found.length && isUnpaid(doc)) return [unpaidOrder(doc, url)];
    if (!found.length) {
      // What the callback page says once the poll has an answer (请稍等 means no answer yet).
      const state = /支付成功|订单超时已关闭/.exec(cleanText(readText(one(doc, '#app') ?? doc.body, 5000), 5000));
      return state ? [{ orderNo: url.searchParams.get('out_trade_no') ?? '', status: state[0] }] : [];
    }
    // The page shows one order; its keys box may sit outside the block in other builds.
    const loneKeys = found.length === 1 ? allOutsideAds(doc, KEYS, 2)[0] : undefined;
    return found.map((list) => fromList(list, one(list, KEYS) ?? loneKeys));
  },
);
