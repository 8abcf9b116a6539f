/**
 * 独角数卡 dujiaoka (SSR, Laravel): detail pages (/detail-order-sn/{SN}, /order/detail/{SN}) and the
 * search results (/search-order-by-*), which render one block per order. Themes are data; see survey §1.
 */
import { parseDeliveryMode, parseStatus, splitCardKeys } from '../normalize';
import {
  adapter,
  all,
  labelOf,
  linePairs,
  one,
  orderBlocks,
  rawFromPairs,
  readPairs,
  textOf,
  valueOf,
  vocab,
  type PairSpec,
  type RawOrder,
} from '../platform';
import { allOutsideAds, inAd, ownText } from '../scope';
import type { OrderStatus } from '../types';

/**
 * hyper's orderinfo.blade.php status switch (assimon/dujiaoka, resources/views/hyper): 1 待处理 (pending), 3 已处理 — its
 * PROCESSING state, not a finished one —, 4 已完成, 5 已失败, -1 已过期, 0 待支付; 6 (异常) has no case and prints nothing.
 */
const HYPER_WORDS: Readonly<Record<string, OrderStatus>> = {
  待支付: 'pending_payment',
  待处理: 'processing',
  已处理: 'processing',
  已完成: 'delivered',
  已失败: 'abnormal',
  已过期: 'closed',
};

interface Theme {
  /** Element holding "订单号：SN" once per order. */
  anchor: string;
  rows: PairSpec;
  /** The key area (textarea, or a div with <br/> lines in the old layui theme). */
  keys: string;
  /** hyper prints nothing for status 6 (异常): an empty status row means abnormal there. */
  emptyStatus?: OrderStatus;
  /** The theme's status words where they differ from what the words alone say (see RawOrder.words). */
  words?: Readonly<Record<string, OrderStatus>>;
  /** morpho: a cart whose items each have a name heading, a badge and "单价：¥a × n = ¥b". */
  item?: string;
}

const THEMES: readonly Theme[] = [
  {
    // hyper, and avatar as Lulu-Grant/dujiaoka HEAD prints it
    anchor: 'h3 .badge',
    rows: { row: '.orderinfo-info div.mb-1', label: 'label', value: 'span' },
    keys: '.orderinfo-kami textarea',
    emptyStatus: 'abnormal',
    words: HYPER_WORDS,
  },
  {
    // avatar as the survey describes it. The fork's own avatar theme (Lulu-Grant/dujiaoka HEAD) prints hyper's markup
    // (h3 .badge, div.mb-1 > label + span, one row and one card per order) and is read by the entry above.
    anchor: '.avatar-orderinfo-row',
    rows: { row: '.avatar-orderinfo-row', label: 'span', value: 'strong' },
    keys: 'textarea.avatar-kami-textarea',
  },
  {
    // morpho (fork hiouttime/dujiaoka; multi-item cart)
    anchor: 'h2',
    rows: { row: '.justify-content-between', label: 'span.text-muted', value: 'span:not(.text-muted)' },
    keys: 'textarea[id^="kami-textarea"]',
    item: 'h4.h6',
  },
  {
    // unicorn (default theme)
    anchor: 'h5 small.text-muted',
    rows: { row: 'div.mb-1', label: 'label', value: 'span' },
    keys: 'textarea.form-control',
  },
  {
    // luna and the old layui theme share `ul.info-ui > li > strong "X:"` + a bare value text node.
    anchor: 'ul.info-ui > li',
    rows: { row: 'ul.info-ui > li', label: 'strong' },
    keys: 'textarea.order-info, div.order-info',
  },
];

/** The labels dujiaoka's zh_CN language files use across themes. */
const VOCAB = vocab({
  orderNo: '订单号 订单编号',
  product: '订单名称 商品名称',
  quantity: '购买数量 下单数量',
  amount: '实际支付价格 订单总价 订单金额 支付金额',
  payment: '支付方式',
  orderedAt: '订单创建时间 下单时间 创建时间',
  paidAt: '',
  status: '订单状态',
  contact: '下单邮箱 邮箱 订单邮箱',
  delivery: '订单类型',
});

const ORDER_NO = /订单(?:编)?号\s*[:：]?\s*([A-Za-z0-9_-]{6,64})/;
// "QQ账号:123": a buyer-input line of a manual product (its label is the shop's own, from the goods' other_ipu_cnf).
const INPUT_LINE = /^[^:：]{1,20}[:：]\s*\S/;
const KEY_FALLBACK = 'textarea[readonly], textarea[disabled]';
const notAd = (el: Element): boolean => !inAd(el);
const UNIT_PRICE = /单价\s*[:：]?\s*[¥￥]?\s*[\d.,]+\s*[×xX*]\s*(\d+)/;

/** The fields every theme's rows print: with all of them read from the rows, the block's text adds nothing. */
const FILLED = ['product', 'quantity', 'amount', 'payment', 'orderedAt', 'status', 'contact', 'delivery'] as const;

/** Labels of which at least one must be in the theme's rows: an order number alone could be any page. */
const ROW_PROOF = ['订单状态', '下单时间', '订单创建时间', '实际支付价格', '订单总价', '订单名称'];

/** The theme's order-number elements; else its rows that hold "订单号：SN" (the bill page prints it as a row). */
const hasNo = (el: Element): boolean => ORDER_NO.test(textOf(el, 200));

const anchorsOf = (doc: Document, theme: Theme): Element[] => {
  const anchors = allOutsideAds(doc, theme.anchor, 100).filter(hasNo);
  return anchors.length ? anchors : allOutsideAds(doc, theme.rows.row, 500).filter(hasNo);
};

/** True when one of the theme's rows outside ads is labelled with a ROW_PROOF label (labels only: values unread). */
const hasProof = (doc: Document, theme: Theme): boolean =>
  all(doc, theme.rows.row, 500).some((row) => ROW_PROOF.includes(labelOf(one(row, theme.rows.label))) && notAd(row));

type Found = { theme: Theme; anchors: Element[] };

const themeOf = (doc: Document): Found | undefined => {
  for (const theme of THEMES) {
    const anchors = anchorsOf(doc, theme);
    if (anchors.length && hasProof(doc, theme)) return { theme, anchors };
  }
  return undefined;
};

/**
 * What detect found, for the extract that extractOrders calls right after it on the same document (nothing runs in
 * between): finding the theme is most of the adapter's cost on a page, and the extractor runs on every shop page.
 */
let detected: { doc: Document; found: Found } | undefined;

/**
 * morpho carts: one order number, several items. The rule for carts: productName = the item names joined with "、",
 * quantity = the sum of the items' units ("单价：¥a × n"), amount = the order total (read from the order's rows), the
 * keys of all items, and deliveryMode from the items' 自动发货 / 人工发货 badges: manual when any item waits for a
 * person, auto only when every item is automatic. Each item's unit count and badge are read from the nearest
 * ancestor of its heading that holds no other item, so a lone item never picks up text from the rest of the page.
 */
const cartItems = (block: ParentNode, selector: string): { product?: string; quantity?: number; delivery?: string } => {
  const heads = all(block, selector, 50);
  if (!heads.length) return {};
  // What `read` finds in the nearest ancestor of an item's heading, inside the order and holding no other item.
  const near = <T>(head: Element, read: (el: Element) => T | undefined): T | undefined => {
    for (let el = head.parentElement; el && (block as Node).contains(el); el = el.parentElement) {
      const box = el;
      if (heads.some((h) => h !== head && box.contains(h))) break;
      const found = read(box);
      if (found !== undefined) return found;
    }
    return undefined;
  };
  const items = heads.map((head) => ({
    name: textOf(head),
    qty: Number(near(head, (el) => UNIT_PRICE.exec(textOf(el, 2000))?.[1]) ?? 0),
    mode: near(head, (el) =>
      parseDeliveryMode(
        all(el, '.badge', 10)
          .map((b) => textOf(b, 32))
          .join(' '),
      ),
    ),
  }));
  const modes = new Set(items.map((i) => i.mode));
  return {
    product: items.map((i) => i.name).join('、'),
    quantity: items.reduce((sum, i) => sum + i.qty, 0) || undefined,
    delivery: modes.has('manual') ? '人工发货' : modes.has('auto') && modes.size === 1 ? '自动发货' : undefined,
  };
};

const readBlock = (block: ParentNode, anchor: Element, theme: Theme, url: URL): RawOrder => {
  const structured = readPairs(block, theme.rows, notAd);
  // Forks wrap rows differently; the block's own "X：value" lines fill what the row selectors missed. Read only when
  // something is missing: walking the whole block is the adapter's largest cost, and the themes' own rows hold it all.
  let raw = rawFromPairs(structured, VOCAB);
  if (FILLED.some((f) => !raw[f])) raw = rawFromPairs([...structured, ...linePairs(ownText(block))], VOCAB);
  raw.orderNo = ORDER_NO.exec(textOf(anchor, 200))?.[1] ?? raw.orderNo;
  const statusRow = structured.find(([l]) => l === '订单状态');
  if (statusRow && !statusRow[1] && theme.emptyStatus) raw.emptyStatus = theme.emptyStatus;
  // The checkout page (/bill/{SN}, /order/bill/{SN}) shows no status: the order waits for payment.
  else if (!statusRow && /\/bill\//.test(url.pathname)) raw.emptyStatus = 'pending_payment';

  if (theme.item) {
    const cart = cartItems(block, theme.item);
    Object.assign(raw, { product: cart.product ?? raw.product, quantity: cart.quantity, delivery: cart.delivery });
  }

  if (theme.words) raw.words = theme.words;
  // Forks rename the key box; a read-only textarea in the order's block is the key area too.
  const keyEls = allOutsideAds(block, theme.keys, 50);
  const lines = splitCardKeys(
    (keyEls.length ? keyEls : allOutsideAds(block, KEY_FALLBACK, 50)).map((el) => valueOf(el)).join('\n'),
  );
  // A manual product's key area is the buyer's input ("desc:value" lines, OrderService::validatorChargeInput) until
  // someone fills it in, whatever the shop named its fields: before delivery, such lines are all input. After it,
  // the shared rule in buildOrder still tells the vocabulary's input labels (QQ账号, 充值账号 …) from keys.
  const status = (raw.status && theme.words?.[raw.status]) || parseStatus(raw.status);
  if (lines.length && /^(pending_payment|paid|processing)$/.test(status) && lines.every((l) => INPUT_LINE.test(l)))
    raw.input = lines;
  else raw.keys = lines;
  return raw;
};

export default adapter(
  'dujiaoka',
  (doc) => {
    const found = themeOf(doc);
    detected = found && { doc, found };
    return found !== undefined;
  },
  (doc, url) => {
    const found = detected?.doc === doc ? detected.found : themeOf(doc);
    detected = undefined;
    return found
      ? orderBlocks(found.anchors).map((block, i) => readBlock(block, found.anchors[i]!, found.theme, url))
      : [];
  },
);
