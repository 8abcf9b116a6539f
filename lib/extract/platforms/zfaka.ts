/**
 * ZFAKA (z-pay/zfaka, layui themes hyacinth & co.): the query page's desktop `table#query-table`, the
 * mobile cards whose values sit in readonly `<input value>` (not text), and the 提取卡密 popup that
 * shows one `p#km` per key. Themes print the same order twice (table for wide screens, card for
 * small ones); extractOrders merges the duplicates.
 */
import { parseStatus } from '../normalize';
import {
  all,
  buildOrder,
  normLabel,
  one,
  rawFromPairs,
  tableRecords,
  textOf,
  valueOf,
  type Pairs,
  type PlatformAdapter,
  type RawOrder,
} from '../platform';
import { outsideAds } from '../scope';
import type { ExtractedOrder } from '../types';

const SEL = {
  table: 'table#query-table',
  card: '.layui-card',
  cardHeader: '.layui-card-header',
  cardRow: '.layui-form-item',
  cardLabel: 'label',
  cardValue: 'input',
  keys: 'p#km',
};
/** The mobile card's header reads "订单信息-{status}". */
const CARD_TITLE = '订单信息';
/** The desktop table's order-number column (订单ID in hyacinth; other themes may say 订单号). */
const TABLE_KEYS = ['订单ID', '订单号'];
/** Desktop headers and mobile labels (the mobile ones are single words: 订单, 商品, 时间). */
const VOCAB = {
  orderNo: ['订单ID', '订单号', '订单'],
  product: ['订单名称', '商品'],
  quantity: ['数量'],
  amount: ['金额'],
  orderedAt: ['下单时间', '时间'],
  status: ['状态'],
};

function tables(doc: Document): Element[] {
  return outsideAds(all(doc, SEL.table, 5)).filter((t) =>
    all(t, 'th', 20).some((th) => TABLE_KEYS.includes(normLabel(textOf(th, 64)))),
  );
}

function cards(doc: Document): Element[] {
  return outsideAds(all(doc, SEL.card, 100)).filter(
    (card) => textOf(one(card, SEL.cardHeader), 64).startsWith(CARD_TITLE) && one(card, SEL.cardValue) !== null,
  );
}

function fromTable(table: Element): RawOrder[] {
  return tableRecords(table).map((rec) => {
    const pairs: Pairs = [...rec].map(([label, cell]) => [label, textOf(cell)]);
    return { ...rawFromPairs(pairs, VOCAB), currency: 'CNY' };
  });
}

function fromCard(card: Element): RawOrder {
  const pairs: Pairs = [];
  for (const row of all(card, SEL.cardRow, 30)) {
    const label = normLabel(textOf(one(row, SEL.cardLabel), 64));
    if (label) pairs.push([label, valueOf(one(row, SEL.cardValue), 1024)]);
  }
  const header = textOf(one(card, SEL.cardHeader), 64);
  const status = header.slice(CARD_TITLE.length).replace(/^[\s\-—:：]+/, '');
  return { ...rawFromPairs(pairs, VOCAB), status, currency: 'CNY' };
}

function nos(list: readonly RawOrder[]): Set<string | undefined> {
  return new Set(list.map((r) => r.orderNo));
}

/**
 * The popup does not name its order: its keys belong to the only order on the page, or else to the
 * only completed one. With several candidates the keys are left out rather than guessed.
 */
function keyOwner(raws: readonly RawOrder[]): string | undefined {
  const every = nos(raws);
  if (every.size === 1) return raws[0]?.orderNo;
  const done = nos(raws.filter((r) => parseStatus(r.status) === 'delivered'));
  return done.size === 1 ? [...done][0] : undefined;
}

const adapter: PlatformAdapter = {
  id: 'zfaka',
  detect: (doc) => tables(doc).length > 0 || cards(doc).length > 0,
  extract(doc) {
    const raws = [...tables(doc).flatMap(fromTable), ...cards(doc).map(fromCard)];
    const keys = outsideAds(all(doc, SEL.keys, 500)).map((p) => textOf(p, 1024));
    const owner = keys.length ? keyOwner(raws) : undefined;
    return raws
      .map((raw) => buildOrder('zfaka', owner !== undefined && raw.orderNo === owner ? { ...raw, keys } : raw))
      .filter((o): o is ExtractedOrder => o !== undefined);
  },
};
export default adapter;
