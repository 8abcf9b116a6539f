/**
 * ZFAKA (z-pay/zfaka, layui themes hyacinth & co.): the query page's desktop `table#query-table`, the
 * mobile cards whose values sit in readonly `<input value>` (not text), and the 提取卡密 popup that
 * shows one `p#km` per key. Themes print the same order twice (table for wide screens, card for
 * small ones); extractOrders merges the duplicates.
 */
import { parseStatus } from '../normalize';
import {
  adapter,
  all,
  labelOf,
  one,
  rawFromPairs,
  readPairs,
  recordPairs,
  tableRecords,
  textOf,
  vocab,
  type RawOrder,
} from '../platform';
import { allOutsideAds } from '../scope';

/** The mobile card's header reads "订单信息-{status}"; its rows are label + readonly input. */
const CARD_HEADER = '.layui-card-header';
const CARD_TITLE = '订单信息';
/** The desktop table's order-number column (订单ID in hyacinth; other themes may say 订单号). */
const TABLE_KEYS = ['订单ID', '订单号'];
/** Desktop headers and mobile labels (the mobile ones are single words: 订单, 商品, 时间). */
const VOCAB = vocab({
  orderNo: '订单ID 订单号 订单',
  product: '订单名称 商品',
  quantity: '数量',
  amount: '金额',
  orderedAt: '下单时间 时间',
  status: '状态',
});

const tables = (doc: Document): Element[] =>
  allOutsideAds(doc, 'table#query-table', 5).filter((t) =>
    all(t, 'th', 20).some((th) => TABLE_KEYS.includes(labelOf(th))),
  );

const cards = (doc: Document): Element[] =>
  allOutsideAds(doc, '.layui-card', 100).filter(
    (card) => textOf(one(card, CARD_HEADER), 64).startsWith(CARD_TITLE) && one(card, 'input'),
  );

const fromTable = (table: Element): RawOrder[] =>
  tableRecords(table).map((rec) => rawFromPairs(recordPairs(rec), VOCAB));

const fromCard = (card: Element): RawOrder => ({
  ...rawFromPairs(readPairs(card, { row: '.layui-form-item', label: 'label', value: 'input' }), VOCAB),
  status: textOf(one(card, CARD_HEADER), 64)
    .slice(CARD_TITLE.length)
    .replace(/^[\s\-—:：]+/, ''),
});

/** The distinct order numbers of `list`. */
const orderNos = (list: readonly RawOrder[]): Array<string | undefined> => [...new Set(list.map((r) => r.orderNo))];

/**
 * The popup does not name its order: its keys belong to the only order on the page, or else to the
 * only completed one. With several candidates the keys are left out rather than guessed.
 */
const keyOwner = (raws: readonly RawOrder[]): string | undefined => {
  const every = orderNos(raws);
  const done = orderNos(raws.filter((r) => parseStatus(r.status) === 'delivered'));
  return every.length === 1 ? every[0] : done.length === 1 ? done[0] : undefined;
};

export default adapter(
  'zfaka',
  (doc) => tables(doc).length > 0 || cards(doc).length > 0,
  (doc) => {
    const raws = [...tables(doc).flatMap(fromTable), ...cards(doc).map(fromCard)];
    const keys = allOutsideAds(doc, 'p#km', 500).map((p) => textOf(p, 1024));
    const owner = keys.length ? keyOwner(raws) : undefined;
    return raws.map((raw) => (owner !== undefined && raw.orderNo === owner ? { ...raw, keys } : raw));
  },
  // This system always prices in CNY.
  'CNY',
);
