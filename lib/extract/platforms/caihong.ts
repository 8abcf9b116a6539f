/**
 * 彩虹自助下单系统 (卡盟/代刷 with 发卡): the faka template's query list (/?mod=query), the default
 * template's list, the 订单详细信息 popup (`table#orderItem`) and the 卡密查看 page (/?mod=faka, `#txt_0`).
 * Survey §3. Several views can be on one page (the popup over a list): all are read, the popup first.
 */
import { cleanText, splitCardKeys } from '../normalize';
import {
  all,
  buildOrder,
  isChrome,
  linePairs,
  normLabel,
  one,
  rawFromPairs,
  readText,
  tableRecords,
  textOf,
  valueOf,
  type Pairs,
  type PlatformAdapter,
  type Vocabulary,
} from '../platform';
import { inAd, outsideAds } from '../scope';
import type { ExtractedOrder } from '../types';

const SEL = {
  popup: 'table#orderItem',
  popupLabel: 'td.orderTitle',
  popupValue: 'td.orderContent',
  keyPage: 'div#txt_0',
};

/** The two list layouts, told apart by the header cells they must have. */
const LISTS: ReadonlyArray<{ requires: readonly string[]; vocab: Vocabulary }> = [
  {
    // faka template
    requires: ['订单ID', '名称', '状态'],
    vocab: { orderNo: ['订单ID'], product: ['名称'], quantity: ['数量'], amount: ['金额'], orderedAt: ['日期'] },
  },
  {
    // default template (rows built by main.js)
    requires: ['下单账号', '商品名称', '状态'],
    vocab: { product: ['商品名称'], quantity: ['数量'], orderedAt: ['购买时间'], contact: ['下单账号'] },
  },
];

/** The popup's sections; rows after a title belong to it. */
const SECTIONS = {
  base: '订单基本信息',
  live: '订单实时状态',
  keys: '以下是你的卡密信息',
  result: '处理结果',
  intro: '商品简介',
};
const POPUP_VOCAB: Vocabulary = {
  orderNo: ['订单编号'],
  product: ['商品名称'],
  amount: ['订单金额'],
  orderedAt: ['购买时间'],
  status: ['订单状态'],
  quantity: ['下单数量', '购买数量', '数量'],
};
// The default list has no id column: the id sits in the row's attributes (order_id=, showOrder(id,'skey')).
const ID_ATTRS = ['order_id', 'data-id', 'data-orderid', 'onclick'];
const NOT_KEYS = /点此查看卡密|复制|提卡/;

function listTables(doc: Document): Array<{ table: Element; vocab: Vocabulary }> {
  const found: Array<{ table: Element; vocab: Vocabulary }> = [];
  for (const table of outsideAds(all(doc, 'table', 50))) {
    const heads = new Set(all(table, 'th', 30).map((th) => normLabel(textOf(th, 64))));
    const list = LISTS.find((l) => l.requires.every((h) => heads.has(h)));
    if (list) found.push({ table, vocab: list.vocab });
  }
  return found;
}

function idFromAttributes(row: Element): string | undefined {
  for (const el of [row, ...all(row, '[order_id],[data-id],[data-orderid],[onclick]', 20)]) {
    for (const name of ID_ATTRS) {
      const m = /\d{1,20}/.exec(el.getAttribute(name) ?? '');
      if (m) return m[0];
    }
  }
  return undefined;
}

function fromLists(doc: Document): ExtractedOrder[] {
  return listTables(doc).flatMap(({ table, vocab }) =>
    tableRecords(table).flatMap((rec) => {
      const pairs: Pairs = [...rec].map(([label, cell]) => [label, textOf(cell)]);
      const raw = { ...rawFromPairs(pairs, vocab), currency: 'CNY' };
      const row = [...rec.values()][0]?.parentElement;
      if (!raw.orderNo && row) raw.orderNo = idFromAttributes(row);
      return buildOrder('caihong', raw) ?? [];
    }),
  );
}

function fromPopup(table: Element): ExtractedOrder | undefined {
  const base: Pairs = [];
  const live: Pairs = [];
  const keyLines: string[] = [];
  let section = SECTIONS.base;
  for (const row of all(table, 'tr', 200)) {
    const cells = all(row, 'td,th', 10).filter((c) => c.parentElement === row);
    const label = one(row, SEL.popupLabel);
    const value = one(row, SEL.popupValue);
    if (cells.length === 1) {
      const title = Object.values(SECTIONS).find((s) => textOf(cells[0], 64).includes(s));
      if (title) section = title;
      else if (section === SECTIONS.keys) keyLines.push(...splitCardKeys(valueOf(cells[0])));
      continue;
    }
    if (!label || !value) continue;
    const pair: [string, string] = [normLabel(textOf(label, 64)), cleanText(readText(value), 1024)];
    if (section === SECTIONS.base) base.push(pair);
    else if (section === SECTIONS.live) live.push(pair);
    // 下单信息 is "名称：值" lines; the first one is the account (下单账号 / 联系方式). Masked passwords are skipped.
    if (pair[0] === '下单信息') {
      const first = linePairs(readText(value), 20).find(([, v]) => v && !/^\*+$/.test(v));
      if (first) base.push(['contact', first[1]]);
    }
  }
  const raw = rawFromPairs(base, { ...POPUP_VOCAB, contact: ['contact'] });
  // Supplier data (订单实时状态) only fills what the shop's own section lacks.
  raw.quantity ??= rawFromPairs(live, POPUP_VOCAB).quantity;
  raw.currency = 'CNY';
  raw.keys = keyLines.filter((l) => !NOT_KEYS.test(l));
  return buildOrder('caihong', raw);
}

function fromKeyPage(doc: Document, url: URL): ExtractedOrder | undefined {
  const box = one(doc, SEL.keyPage);
  if (!box) return undefined;
  const raw = rawFromPairs(linePairs(readText(doc.body, { skip: (el) => isChrome(el) || inAd(el) || el === box })));
  raw.orderNo = url.searchParams.get('id') ?? raw.orderNo;
  raw.keys = valueOf(box);
  raw.currency = 'CNY';
  return buildOrder('caihong', raw);
}

function isKeyPage(doc: Document, url: URL): boolean {
  return !!one(doc, SEL.keyPage) && (url.searchParams.get('mod') === 'faka' || /卡密查看/.test(doc.title));
}

const caihong: PlatformAdapter = {
  id: 'caihong',
  detect: (doc, url) =>
    all(doc, SEL.popup, 5).some((t) => one(t, SEL.popupLabel)) || isKeyPage(doc, url) || listTables(doc).length > 0,
  extract(doc, url) {
    const popups = outsideAds(all(doc, SEL.popup, 5)).flatMap((t) => fromPopup(t) ?? []);
    const keyPage = isKeyPage(doc, url) ? fromKeyPage(doc, url) : undefined;
    return [...popups, ...(keyPage ? [keyPage] : []), ...fromLists(doc)];
  },
};

export default caihong;
