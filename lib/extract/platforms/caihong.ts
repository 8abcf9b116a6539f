/**
 * 彩虹自助下单系统 (卡盟/代刷 with 发卡): the faka template's query list (/?mod=query), the default
 * template's list, the 订单详细信息 popup (`table#orderItem`) and the 卡密查看 page (/?mod=faka&id=…, keys in
 * `#txt_0`: a readonly textarea in the real template, a div in the survey; the product name in the block's h2).
 * Survey §3. Several views can be on one page (the popup over a list): all are read, the popup first.
 */
import { cleanText, splitCardKeys } from '../normalize';
import {
  adapter,
  all,
  labelOf,
  linePairs,
  one,
  pick,
  rawFromPairs,
  readText,
  recordPairs,
  statusOf,
  tableRecords,
  textOf,
  valueOf,
  vocab,
  type Pairs,
  type RawOrder,
  type Vocabulary,
} from '../platform';
import { allOutsideAds, ownText } from '../scope';

const POPUP = 'table#orderItem';
const POPUP_LABEL = 'td.orderTitle';
const POPUP_VALUE = 'td.orderContent';
const KEY_PAGE = '#txt_0';
/** The key page's heading (`.block-title h2` in the real template): the product (tool) name. */
const KEY_PAGE_TITLE = 'h2';

/** The two list layouts, told apart by the header cells they must have. */
const LISTS: ReadonlyArray<{ requires: readonly string[]; vocab: Vocabulary }> = [
  {
    // faka template
    requires: ['订单ID', '名称', '状态'],
    vocab: vocab({ orderNo: '订单ID', product: '名称', quantity: '数量', amount: '金额', orderedAt: '日期' }),
  },
  {
    // default template (rows built by main.js)
    requires: ['下单账号', '商品名称', '状态'],
    vocab: vocab({ product: '商品名称', quantity: '数量', orderedAt: '购买时间', contact: '下单账号' }),
  },
];

/**
 * The popup's section titles; rows after a title belong to it. Index 0: the shop's own data,
 * 1: the supplier's live data, 2: the keys.
 */
const SECTIONS = ['订单基本信息', '订单实时状态', '以下是你的卡密信息', '处理结果', '商品简介'];
const POPUP_VOCAB = vocab({
  orderNo: '订单编号',
  product: '商品名称',
  amount: '订单金额',
  orderedAt: '购买时间',
  status: '订单状态',
  quantity: '下单数量 购买数量 数量',
});
// The default list has no id column: the id sits in the row's attributes (order_id=, showOrder(id,'skey')).
const ID_ATTRS = ['order_id', 'data-id', 'data-orderid', 'onclick'];
const NOT_KEYS = /点此查看卡密|复制|提卡/;

const listTables = (doc: Document): Array<{ table: Element; vocab: Vocabulary }> =>
  allOutsideAds(doc, 'table', 50).flatMap((table) => {
    const heads = all(table, 'th', 30).map(labelOf);
    const list = LISTS.find((l) => l.requires.every((h) => heads.includes(h)));
    return list ? [{ table, vocab: list.vocab }] : [];
  });

const idFromAttributes = (row: Element): string | undefined => {
  for (const el of [row, ...all(row, ID_ATTRS.map((a) => `[${a}]`).join(), 20)]) {
    for (const name of ID_ATTRS) {
      const m = /\d{1,20}/.exec(el.getAttribute(name) ?? '');
      if (m) return m[0];
    }
  }
  return undefined;
};

const fromLists = (doc: Document): RawOrder[] =>
  listTables(doc).flatMap(({ table, vocab: words }) =>
    tableRecords(table).map((rec) => {
      const raw: RawOrder = rawFromPairs(recordPairs(rec), words);
      const row = [...rec.values()][0]?.parentElement;
      if (!raw.orderNo && row) raw.orderNo = idFromAttributes(row);
      return raw;
    }),
  );

const fromPopup = (table: Element): RawOrder => {
  const base: Pairs = [];
  const live: Pairs = [];
  const keyLines: string[] = [];
  let contact: string | undefined;
  let section = 0;
  for (const row of all(table, 'tr', 200)) {
    const cells = all(row, 'td,th', 10).filter((c) => c.parentElement === row);
    const label = one(row, POPUP_LABEL);
    const value = one(row, POPUP_VALUE);
    if (cells.length === 1) {
      const title = SECTIONS.findIndex((s) => textOf(cells[0], 64).includes(s));
      if (title >= 0) section = title;
      else if (section === 2) keyLines.push(...splitCardKeys(valueOf(cells[0])));
      continue;
    }
    if (!label || !value) continue;
    const name = labelOf(label);
    const pair: [string, string] = [name, name === '订单状态' ? statusOf(value) : cleanText(readText(value), 1024)];
    if (section < 2) (section ? live : base).push(pair);
    // 下单信息 is "名称：值" lines; the first one is the account (下单账号 / 联系方式). Masked passwords are skipped.
    if (pair[0] === '下单信息') contact ??= linePairs(readText(value), 20).find(([, v]) => v && !/^\*+$/.test(v))?.[1];
  }
  return {
    ...rawFromPairs(base, POPUP_VOCAB),
    contact,
    // Supplier data (订单实时状态) only fills what the shop's own section lacks.
    quantity: pick(base, POPUP_VOCAB.quantity) ?? pick(live, POPUP_VOCAB.quantity),
    keys: keyLines.filter((l) => !NOT_KEYS.test(l)),
  };
};

const fromKeyPage = (doc: Document, url: URL, box: Element): RawOrder => {
  const raw = rawFromPairs(linePairs(ownText(doc.body, box)));
  raw.orderNo = url.searchParams.get('id') ?? raw.orderNo;
  // The real template names the product only in its heading; a page that labels it (商品名称：) is read first.
  const title = allOutsideAds(doc, KEY_PAGE_TITLE, 5)
    .map((h) => textOf(h))
    .find((t) => t && !/^卡密(?:查看|信息)$/.test(t));
  raw.product ??= title;
  raw.keys = valueOf(box);
  return raw;
};

/** The 卡密查看 page's key box, if this is that page. */
const keyPage = (doc: Document, url: URL): Element | null | false =>
  (url.searchParams.get('mod') === 'faka' || /卡密查看/.test(doc.title)) && one(doc, KEY_PAGE);

export default adapter(
  'caihong',
  (doc, url) =>
    all(doc, POPUP, 5).some((t) => one(t, POPUP_LABEL)) || !!keyPage(doc, url) || listTables(doc).length > 0,
  (doc, url) => {
    const box = keyPage(doc, url);
    return [
      ...allOutsideAds(doc, POPUP, 5).map(fromPopup),
      ...(box ? [fromKeyPage(doc, url, box)] : []),
      ...fromLists(doc),
    ];
  },
);
