/**
 * 骑士虚拟商城 qs-faka (Vue 3 + TDesign SPA). The order page (/order?orderId=…) is rendered after the
 * query: a t-button "订单号：X", `.order-list .h dl > dt/dd` pairs and the keys in `div#copyText`, one
 * line per key. The payment callback page (/callback?out_trade_no=…) names the shop's order number in
 * its URL and says 支付成功 or 订单超时已关闭 once the poll has an answer.
 */
import { cleanText } from '../normalize';
import {
  all,
  buildOrder,
  one,
  rawFromPairs,
  readPairs,
  readText,
  textOf,
  type PlatformAdapter,
  type RawOrder,
} from '../platform';
import { outsideAds, textWithout } from '../scope';
import type { ExtractedOrder } from '../types';

const SEL = {
  list: '.order-list',
  orderNo: '.t-button',
  pairs: { row: '.h dl', label: 'dt', value: 'dd' },
  keys: '#copyText',
  /** Parts of an order block that never carry its state: the pairs, the keys, the shop's notes. */
  notState: '.h, #copyText, .remark, .t-button',
  /** TDesign marks every component with a `t-` class. */
  tdesign: '[class^="t-"], [class*=" t-"]',
  app: '#app',
};
const ORDER_NO = /订单号\s*[:：]\s*([A-Za-z0-9_-]+)/;
const VOCAB = {
  product: ['商品名称'],
  // "发放卡密N张": one key per unit bought.
  quantity: ['已发卡密', '购买数量'],
  amount: ['支付金额', '订单金额'],
  payment: ['付款方式', '支付方式'],
  orderedAt: ['下单时间'],
};
/** Order states the page prints in place of keys. */
const STATE = /订单(?:未支付|已关闭|已取消|已退款|已冻结|超时已关闭)/;
/** What the callback page says once the poll has an answer (请稍等 means no answer yet). */
const CALLBACK_STATE = /支付成功|订单超时已关闭/;

function lists(doc: Document): Element[] {
  return outsideAds(all(doc, SEL.list, 20)).filter(
    (list) => one(list, SEL.pairs.row) !== null && all(list, SEL.orderNo, 20).some((b) => ORDER_NO.test(textOf(b))),
  );
}

function isCallback(doc: Document, url: URL): boolean {
  return /\/callback\/?$/.test(url.pathname) && !!url.searchParams.get('out_trade_no') && !!one(doc, SEL.tdesign);
}

function fromList(list: Element, keysEl: Element | null): RawOrder {
  const button = all(list, SEL.orderNo, 20).find((b) => ORDER_NO.test(textOf(b)));
  const state = STATE.exec(textWithout(list, SEL.notState, 2000))?.[0];
  return {
    ...rawFromPairs(readPairs(list, SEL.pairs), VOCAB),
    orderNo: ORDER_NO.exec(textOf(button))?.[1],
    status: state,
    keys: keysEl ? readText(keysEl) : undefined,
  };
}

const adapter: PlatformAdapter = {
  id: 'qs-faka',
  detect: (doc, url) => lists(doc).length > 0 || isCallback(doc, url),
  extract(doc, url) {
    const found = lists(doc);
    if (!found.length) {
      const state = CALLBACK_STATE.exec(cleanText(readText(one(doc, SEL.app) ?? doc.body, { max: 5000 }), 5000));
      const order =
        state && buildOrder('qs-faka', { orderNo: url.searchParams.get('out_trade_no') ?? '', status: state[0] });
      return order ? [order] : [];
    }
    // The page shows one order; its keys box may sit outside the block in other builds.
    const loneKeys = found.length === 1 ? outsideAds(all(doc, SEL.keys, 2))[0] : undefined;
    return found
      .map((list) => buildOrder('qs-faka', fromList(list, one(list, SEL.keys) ?? loneKeys ?? null)))
      .filter((o): o is ExtractedOrder => o !== undefined);
  },
};
export default adapter;
