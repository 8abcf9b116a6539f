/**
 * ZFAKA (z-pay/zfaka, layui themes hyacinth & co.): the query page's desktop `table#query-table`, the
 * mobile views whose values sit in readonly `<input value>` (not text), and the 提取卡密 popup that
 * shows one `p#km` per key. Themes print the same order twice (table for wide screens, mobile view for
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
  tableRecords,
  textOf,
  vocab,
  type RawOrder,
} from '../platform';
import { allOutsideAds, textWithout } from '../scope';

/**
 * Mobile views: a heading, then label + readonly-input rows in the heading's parent. The heading is a card
 * header "订单信息-{status}" (SSR page: inside a .layui-card; order-number and cookie searches: a bare div built
 * by productquery.js) or, after a contact search, an accordion title "订单{no} --- {status}" per order.
 */
const HEADINGS = '.layui-card-header, .layui-colla-title';
const HEADING = /^订单(?:信息\s*[-—:：]\s*|\s*([A-Za-z0-9_-]{6,64})\s*-{2,}\s*)(.*)$/;
const ROWS = { row: '.layui-form-item', label: 'label', value: 'input' };
/** Beside the status badge: 提取卡密 / 未支付订单 buttons and layui's accordion arrow (an icon-font glyph). */
const NOT_STATUS = 'button, .layui-btn, .layui-icon';
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

/** The mobile orders: their block, and what the heading says (an accordion title also names the order). */
const mobile = (doc: Document): Array<{ block: Element; no?: string; status: string }> =>
  allOutsideAds(doc, HEADINGS, 100).flatMap((heading) => {
    const m = HEADING.exec(textWithout(heading, NOT_STATUS, 128));
    const block = heading.parentElement;
    return m && block && one(block, `${ROWS.row} input`) ? [{ block, no: m[1], status: m[2]! }] : [];
  });

// The status cell of the AJAX-built table also holds the 提取卡密 button: cells are read without buttons.
const fromTable = (table: Element): RawOrder[] =>
  tableRecords(table).map((rec) =>
    rawFromPairs(
      [...rec].map(([label, cell]) => [label, textWithout(cell, NOT_STATUS)]),
      VOCAB,
    ),
  );

const fromMobile = ({ block, no, status }: { block: Element; no?: string; status: string }): RawOrder => {
  const raw = rawFromPairs(readPairs(block, ROWS), VOCAB);
  return { ...raw, orderNo: raw.orderNo ?? no, status };
};

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
  (doc) => tables(doc).length > 0 || mobile(doc).length > 0,
  (doc) => {
    const raws = [...tables(doc).flatMap(fromTable), ...mobile(doc).map(fromMobile)];
    const keys = allOutsideAds(doc, 'p#km', 500).map((p) => textOf(p, 1024));
    const owner = keys.length ? keyOwner(raws) : undefined;
    return raws.map((raw) => (owner !== undefined && raw.orderNo === owner ? { ...raw, keys } : raw));
  },
);
