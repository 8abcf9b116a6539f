/**
 * 彩虹自助下单系统 (卡盟/代刷 with 发卡): the faka template's query list (/?mod=query), the default
 * template's list, the store template's order cards, the 订单详细信息 popup (`table#orderItem`) and the 卡密查看 page
 * (/?mod=faka&id=…, keys in `#txt_0`: a readonly textarea in the real template, a div in the survey; the product name
 * in the block's h2).
 * Survey §3. Several views can be on one page (the popup over a list): all are read, the popup first.
 */
import { cleanText, splitCardKeys } from '../normalize';
import {
  adapter,
  all,
  labelOf,
  linePairs,
  MAX_ORDERS,
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
/**
 * The popup's label cells: td.info.orderTitle in the shop's section, td.warning in the supplier's. A value is the cell
 * after its label: showOrder (assets/js/main.js, assets/faka/js/query.js, assets/store/js/query.js) gives the 购买时间
 * value no orderContent class, and the supplier rows hold several label/value pairs.
 */
const POPUP_LABEL = 'td.orderTitle, td.info, td.warning';
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

/**
 * The store template's order cards (template/store/query.php): a `.layui-card` per order with the product in its
 * header's `p`, the status beside it, "下单时间：" and "商品总价：x元" lines, and the 查看详情 button `.xiangqing` whose
 * data-id is the order's id (the popup's 订单编号) — the only place the card names its order.
 */
const STORE_BUTTON = '.xiangqing[data-id][data-skey]';
const STORE_VOCAB = vocab({ orderedAt: '下单时间', amount: '商品总价 订单金额' });

const fromStore = (doc: Document): RawOrder[] =>
  allOutsideAds(doc, STORE_BUTTON, MAX_ORDERS).flatMap((button) => {
    const card = button.closest('.layui-card');
    const header = one(card, '.layui-card-header');
    if (!card || !header) return [];
    return {
      ...rawFromPairs(linePairs(ownText(card)), STORE_VOCAB),
      orderNo: /^\d{1,20}$/.exec(button.getAttribute('data-id') ?? '')?.[0],
      product: textOf(one(header, 'p')),
      status: statusOf(one(header, 'span')),
    };
  });

/** Label → value pairs of one popup row: each label cell with the cell after it. */
const rowPairs = (cells: readonly Element[]): Pairs =>
  cells.flatMap((cell, i): Pairs => {
    const value = cells[i + 1];
    if (!value || !cell.matches(POPUP_LABEL) || value.matches(POPUP_LABEL)) return [];
    const name = labelOf(cell);
    return [[name, name === '订单状态' ? statusOf(value) : cleanText(readText(value), 1024)]];
  });

const fromPopup = (table: Element): RawOrder => {
  const base: Pairs = [];
  const live: Pairs = [];
  const keyLines: string[] = [];
  let input: string[] | undefined;
  let section = 0;
  for (const row of all(table, 'tr', 200)) {
    const cells = all(row, 'td,th', 10).filter((c) => c.parentElement === row);
    if (cells.length === 1) {
      const title = SECTIONS.findIndex((s) => textOf(cells[0], 64).includes(s));
      if (title >= 0) section = title;
      else if (section === 2) keyLines.push(...splitCardKeys(valueOf(cells[0])));
      continue;
    }
    if (section < 2) (section ? live : base).push(...rowPairs(cells));
    // 下单信息 is "名称：值" lines, the buyer's input; the first is the account (下单账号 / 联系方式).
    const info = cells.findIndex((c) => c.matches(POPUP_LABEL) && labelOf(c) === '下单信息');
    if (info >= 0 && cells[info + 1]) input ??= splitCardKeys(readText(cells[info + 1]));
  }
  return {
    ...rawFromPairs(base, POPUP_VOCAB),
    input,
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
    all(doc, POPUP, 5).some((t) => one(t, POPUP_LABEL)) ||
    !!keyPage(doc, url) ||
    listTables(doc).length > 0 ||
    allOutsideAds(doc, STORE_BUTTON, 1).length > 0,
  (doc, url) => {
    const box = keyPage(doc, url);
    return [
      ...allOutsideAds(doc, POPUP, 5).map(fromPopup),
      ...(box ? [fromKeyPage(doc, url, box)] : []),
      ...fromLists(doc),
      ...fromStore(doc),
    ];
  },
);
