/**
 * The adapter contract and the small DOM readers every adapter shares. Adapters describe their
 * selectors and labels as data; these helpers do the reading. Only `textContent`-equivalent text
 * (text nodes) and form `value`s are ever read — never HTML — so markup in a value stays literal text.
 */
import {
  capContact,
  cleanText,
  MAX_FIELD,
  parseAmount,
  parseDeliveryMode,
  parseStatus,
  inputRecipient,
  readKeyArea,
  settleStatus,
  splitProductName,
} from './normalize';
import { readShopTime } from '@/lib/time';
import type { ExtractedOrder, OrderStatus } from './types';

/** One shop system. `id` equals the adapter's file name under lib/extract/platforms/. */
export interface PlatformAdapter {
  id: string;
  /** Cheap and strict: true only when this system's order/query page structure is present. */
  detect(doc: Document, url: URL): boolean;
  /** Every order on the page; [] when the page turns out to hold none. May throw: the caller falls back. */
  extract(doc: Document, url: URL): ExtractedOrder[];
}

/** Most orders read from one page; a search result shows at most a handful. */
export const MAX_ORDERS = 50;
/** Default bound for the text read from one element. */
export const MAX_TEXT = 20_000;
/** Bound for a key area: one hostile 100 KB line must not push the real keys after it out of reach. */
export const MAX_AREA = 256_000;

/** querySelector that never throws (a bad selector in adapter data must not break the page). */
export const one = (root: ParentNode | null | undefined, selector: string): Element | null => {
  try {
    return root?.querySelector(selector) ?? null;
  } catch {
    return null;
  }
};

/**
 * querySelectorAll as an array, never throwing, bounded. Elements inside <noscript> are dropped: a
 * browser running scripts treats that content as text, so a decoy there must not count.
 */
export const all = (root: ParentNode | null | undefined, selector: string, max = 500): Element[] => {
  try {
    return [...(root?.querySelectorAll(selector) ?? [])].slice(0, max).filter((el) => !el.closest('noscript'));
  } catch {
    return [];
  }
};

// Elements whose text is never page content: code, styles, inert templates, and controls whose
// text is not what the user sees as a value (select options list every search type).
const SKIP = /^(?:script|style|noscript|template|svg|canvas|iframe|object|select)$/;
// Elements that start a new line when rendered. Table cells too: one cell, one line.
// (address article aside blockquote br caption dd dl dt details dialog div fieldset figcaption figure footer
// form h1–h6 hr header legend li main nav ol p pre section table tbody tfoot thead td th tr ul)
const BLOCK =
  /^(?:address|article|aside|blockquote|br|caption|d[dlt]|details|dialog|div|fieldset|fig(?:caption|ure)|footer|form|h[1-6r]|header|legend|li|main|nav|ol|p|pre|section|t(?:able|body|foot|head|[dhr])|ul)$/;

/**
 * Rendered-like text of a node: text nodes only, script/style/template content skipped, a `\n` at
 * every block boundary and `<br>`, at most `max` characters. `skip` drops an element and everything
 * inside it (e.g. ads); `control` gives the text of a textarea or input (default: none), or of any other element it
 * returns a string for (its children are then not read: the generic reader's key boxes and tiles). Line breaks inside
 * text nodes are kept (keys in a `white-space: pre-line` box are lines) unless `flat`: then, outside `<pre>`, they are
 * spaces, as a browser renders them, so a pretty-printed "Label：\n  value" stays one line. With `brMark`, a line
 * that a `<br>` starts opens with it (the generic reader keeps such lines with the value before them). `isolate` puts
 * an inline element on a line of its own, as if it were a block (the generic reader's label elements: "<strong>订单号
 * </strong> X" reads as a label line and a value line).
 * Iterative, so deep hostile trees cannot overflow the stack, and nothing per node looks at the node's ancestors
 * (whether a text is inside a `<pre>` is carried down the walk): that cost the depth of the tree at every node, 10 s
 * of the page's main thread on a 10,000-deep page. `skip` and `isolate` are asked of each element on the way down, so
 * they need only test the element itself (see `isAd`).
 */
/** Marks the end of a `<pre>` element's children on readText's stack. */
const END_PRE = 0;

export const readText = (
  node: Node | null | undefined,
  max = MAX_TEXT,
  skip?: (el: Element) => boolean,
  control?: (el: Element) => string | undefined,
  flat = false,
  brMark = '',
  isolate?: (el: Element) => boolean,
): string => {
  let out = '';
  let size = 0;
  // How many <pre> elements the walk is inside (the root's own ancestors looked up once).
  let pre = flat && node?.parentElement?.closest('pre') ? 1 : 0;
  const stack: Array<Node | '\n' | typeof END_PRE> = node ? [node] : [];
  while (stack.length && size < max) {
    const cur = stack.pop()!;
    if (cur === '\n') {
      out += cur;
      continue;
    }
    if (cur === END_PRE) {
      pre--;
      continue;
    }
    const type = cur.nodeType;
    if (type === 3) {
      let v = (cur.nodeValue ?? '').slice(0, max - size);
      if (flat && !pre) v = v.replace(/[\r\n]+/g, ' ');
      out += v;
      size += v.length;
      continue;
    }
    if (type !== 1 && type !== 9 && type !== 11) continue;
    const el = cur as Element;
    const name = type === 1 ? el.localName : '';
    if (SKIP.test(name) || (type === 1 && skip?.(el))) continue;
    // A control's text is what `control` gives, or none; any other element whose text `control` gives is read as that.
    const v = type === 1 ? control?.(el) : undefined;
    if (v !== undefined || name === 'textarea' || name === 'input') {
      if (v) {
        out += `\n${v.slice(0, max - size)}\n`;
        size += v.length;
      }
      continue;
    }
    if (BLOCK.test(name) || (type === 1 && isolate?.(el))) {
      out += '\n';
      if (brMark && name === 'br') {
        out += brMark;
        continue;
      }
      stack.push('\n');
    }
    if (name === 'pre') {
      pre++;
      stack.push(END_PRE);
    }
    const kids = cur.childNodes;
    for (let i = kids.length; i--;) stack.push(kids[i]!);
  }
  return out;
};

/** True for elements that start a new line when rendered (see readText). */
export const isBlock = (el: Element): boolean => BLOCK.test(el.localName);

/** True when a class or the id of `el` matches `tokens`. */
export const hasToken = (el: Element, tokens: RegExp): boolean => {
  const cls = `${el.getAttribute('class') ?? ''} ${el.id}`;
  return cls.length > 1 && tokens.test(cls);
};

// Class/id tokens of page chrome; "card-header" or "modal-footer" are content and do not match.
const CHROME_CLASS =
  /(?:^|\s)(?:(?:site|page|main|layui|global|top|bottom)[-_])?(?:header|footer|nav|navbar|topbar|menu|sidebar)(?:\s|$)/i;

/** Page chrome (nav, header, footer, aside, menus): its "联系方式：…" is the shop's, never the order's. */
export const isChrome = (el: Element): boolean =>
  // An article's own header and footer (an order card's number and status) are its content, not the page's chrome.
  (el.matches('nav,header,footer,aside') &&
    !(/^(?:header|footer)$/.test(el.localName) && el.parentElement?.closest('article'))) ||
  hasToken(el, CHROME_CLASS);

/** One-line cleaned text of an element (see cleanText), '' when absent. */
export const textOf = (el: Node | null | undefined, max: number = MAX_FIELD): string =>
  cleanText(readText(el, max * 4 + 64), max);

/** One-line text of `el` without the text of its descendants matching the selector `skip` (e.g. "点击查看" links). */
export const textWithout = (el: Element | null | undefined, skip: string, max: number = MAX_FIELD): string =>
  cleanText(
    readText(el, max * 4 + 64, (e) => e !== el && e.matches(skip)),
    max,
  );

// Controls that sit beside a status: 补交 / 提取卡密 / 复制 buttons.
const BUTTONS = 'button,.btn,.button,.layui-btn,[role="button"]';

/**
 * The text of a status element without the actions beside the status: buttons (彩虹's "异常" + 补交 reads "异常") and
 * links that say no status (fakanet's 点击查看). Links that are part of the status stay (fakanet's "部分付款/继续支付",
 * 彩虹's "异常" linked to its reason). A cell that is nothing but a button keeps its text only if that is a status.
 */
export const statusOf = (el: Element | null | undefined): string => {
  const text = cleanText(
    readText(
      el,
      MAX_FIELD * 4,
      (e) => e !== el && (e.matches(BUTTONS) || (e.localName === 'a' && parseStatus(textOf(e, 64)) === 'unknown')),
    ),
  );
  const whole = text || textOf(el);
  return text || parseStatus(whole) !== 'unknown' ? whole : '';
};

/** Value of a form control (input/textarea `.value`), else the element's text; raw lines kept, bounded. */
export const valueOf = (el: Element | null | undefined, max: number = MAX_AREA): string =>
  el && /^(textarea|input)$/.test(el.localName)
    ? ((el as HTMLInputElement).value ?? '').slice(0, max)
    : readText(el, max);

/** Normalise a label for lookup: no whitespace, no trailing or leading colons. */
export const normLabel = (text: string): string =>
  cleanText(text, 64)
    .replace(/\s+/g, '')
    .replace(/^[:：*]+|[:：*]+$/g, '');

/** The normalised text of a label element (see normLabel). */
export const labelOf = (el: Node | null | undefined): string => normLabel(readText(el, 320));

/** Ordered label → value pairs; lookups take the first value of a label. */
export type Pairs = Array<[label: string, value: string]>;

/** Where label/value pairs sit: rows, the label inside a row, optionally the value inside a row. */
export interface PairSpec {
  row: string;
  label: string;
  /** Without it, the value is the row's text after the label (luna's bare text node, "X：<b>v</b>"). */
  value?: string;
}

/** Read label → value pairs of the rows inside `root` described by `spec` (rows failing `keep` are ignored). */
export const readPairs = (root: ParentNode, spec: PairSpec, keep?: (row: Element) => boolean): Pairs => {
  const pairs: Pairs = [];
  for (const row of all(root, spec.row)) {
    const labelEl = keep && !keep(row) ? null : one(row, spec.label);
    const head = textOf(labelEl, 64);
    const label = normLabel(head);
    if (!label) continue;
    const status = isStatusLabel(label);
    let value: string;
    if (spec.value) {
      // The value element's text, or its value when it is a form control (ZFAKA's readonly inputs).
      const el = all(row, spec.value, 20).find((e) => e !== labelEl && !e.contains(labelEl));
      value = status && el?.localName !== 'input' ? statusOf(el) : cleanText(valueOf(el, 1088));
    } else {
      const whole = status ? statusOf(row) : textOf(row, 1024);
      value = cleanText(whole.startsWith(head) ? whole.slice(head.length) : whole.replace(/^[^:：]*[:：]/, ''));
    }
    pairs.push([label, value.replace(/^[:：]\s*/, '')]);
  }
  return pairs;
};

/** "Label：value" pairs in lines of text, for rows whose label and value share one text line. */
export const linePairs = (text: string, maxLabel = 12): Pairs => {
  const re = new RegExp(`^\\s*([^:：\\n]{1,${maxLabel}}?)\\s*[:：]\\s*(.*)$`);
  return text.split('\n').flatMap((line): Pairs => {
    const m = re.exec(cleanText(line, 1024));
    return m?.[1] ? [[normLabel(m[1]), cleanText(m[2])]] : [];
  });
};

/** First non-empty value among `labels` (in the order the labels are given). */
export const pick = (pairs: Pairs, labels: readonly string[]): string | undefined => {
  for (const label of labels) {
    for (const [l, v] of pairs) if (l === label && v) return v;
  }
  return undefined;
};

/**
 * The rows of `table` itself (not of tables nested in it), the index of its header row (the first
 * with th cells, else the first row) and the normalised header texts.
 */
const tableParts = (table: Element): { rows: Element[]; head: number; headers: string[] } => {
  const rows = all(table, 'tr', 1000).filter((r) => r.closest('table') === table);
  const head = Math.max(
    0,
    rows.findIndex((r) => all(r, 'th', 50).length > 0),
  );
  return { rows, head, headers: all(rows[head], 'th,td', 50).map(labelOf) };
};

/** The normalised header texts of a table with a header row. */
export const tableHeaders = (table: Element): string[] => tableParts(table).headers;

/** Header text → cell, one map per data row of a table with a header row. */
export const tableRecords = (table: Element): Array<Map<string, Element>> => {
  const { rows, head, headers } = tableParts(table);
  return rows.slice(head + 1).flatMap((row) => {
    const cells = all(row, 'td,th', 50).filter((c) => c.parentElement === row);
    const rec = new Map<string, Element>();
    cells.forEach((cell, i) => {
      const h = headers[i];
      if (h && !rec.has(h)) rec.set(h, cell);
    });
    return cells.length < 2 ? [] : [rec];
  });
};

/** Label → cell text pairs of one table record (a status cell without its buttons and links, see statusOf). */
export const recordPairs = (rec: Map<string, Element>): Pairs =>
  [...rec].map(([label, cell]) => [label, isStatusLabel(label) ? statusOf(cell) : textOf(cell)]);

/**
 * For each anchor (one per order, e.g. the order-number element), the widest ancestor that holds no other anchor:
 * the order's block on a page listing several orders.
 * Some themes put an order's parts side by side instead of in one wrapper (dujiaoka avatar/hyper: a row with the
 * number, then a card with the fields; morpho: two columns per order). There the block is the run of siblings from
 * the anchor's element up to the next order's; the last order takes as many siblings as the one before it. Such a
 * run is read from a detached copy, so the page itself is never changed.
 */
export const orderBlocks = (anchors: readonly Element[]): ParentNode[] => {
  const list = anchors.slice(0, MAX_ORDERS);
  const blocks = list.map((anchor) => {
    let block = anchor;
    for (let p = anchor.parentElement; p && !/^(body|html)$/.test(p.localName); p = p.parentElement) {
      if (list.some((other) => other !== anchor && p.contains(other))) break;
      block = p;
    }
    return block;
  });
  // Elements in the current run; the last block keeps the run of the one before (1 unless they are siblings).
  let run = 1;
  return blocks.map((first, i) => {
    const next = blocks[i + 1];
    if (next) {
      let el = first.nextElementSibling;
      for (run = 1; el && el !== next; el = el.nextElementSibling) run++;
      if (!el) run = 1;
    }
    if (run < 2) return first;
    const copy = first.ownerDocument.createDocumentFragment();
    for (let n: Node | null = first, els = 0; n && els < run; n = n.nextSibling) {
      if (n.nodeType === 1) els++;
      copy.append(n.cloneNode(true));
    }
    return copy;
  });
};

/** The fields of the label vocabulary (RawOrder's names for them). */
export type Field =
  | 'orderNo'
  | 'product'
  | 'quantity'
  | 'amount'
  | 'payment'
  | 'orderedAt'
  | 'paidAt'
  | 'status'
  | 'contact'
  | 'delivery'
  | 'keys';

/** Field → labels, most specific first; adapters pass their own when a system uses other words. */
export type Vocabulary = { readonly [K in Field]?: readonly string[] };

/** A vocabulary written as space-separated labels per field (labels never contain spaces). */
export const vocab = <K extends Field>(lists: Record<K, string>): Record<K, string[]> => {
  const out = {} as Record<K, string[]>;
  for (const f in lists) out[f] = lists[f].match(/\S+/g) ?? [];
  return out;
};

/**
 * The label vocabulary, by field: the survey's words and the families real shops use around them (订单号 订单编号 单号
 * 流水号; 实付 实际支付 应付金额 合计 总价; 状态 当前状态 …). Lists are ordered most specific first; adapters whose system
 * uses other words pass their own (rawFromPairs). The generic reader adds English labels of its own.
 */
export const LABELS: Record<Field, string[]> = vocab({
  orderNo:
    '订单号 订单编号 订单ID 订单Id 订单id 商户订单号 当前订单号 订单号码 订单流水号 交易单号 交易流水号 交易号 订单编码 流水号 单号',
  product: '商品名称 订单名称 购买物品 商品名 产品名称 宝贝名称 商品信息 购买商品 商品标题 名称 商品 产品 宝贝',
  quantity: '购买数量 下单数量 商品数量 购买数 数量 件数',
  amount:
    '实际支付价格 实际支付金额 实际支付 实际付款 实付金额 实付款 实付 订单总价 订单金额 订单总额 支付金额 支付总额 付款金额 下单金额 应付金额 应付 需要支付金额 需支付 商品总价 总金额 合计 总计 总价 金额',
  payment: '支付方式 付款方式 支付类型 支付通道 支付渠道 付款渠道 支付平台',
  orderedAt: '订单创建时间 下单时间 购买时间 创建时间 提交时间 成交时间 订单时间 下单日期 订单日期 交易时间 日期 时间',
  paidAt: '付款时间 支付时间 付款日期 支付日期',
  status: '订单状态 当前状态 处理状态 发货状态 支付状态 交易状态 状态',
  contact:
    '充值账号 充值号码 收货账号 接收账号 游戏账号 下单账号 QQ账号 QQ号码 QQ号 联系QQ 手机号 微信号 联系电话 下单邮箱 订单邮箱 收货邮箱 邮箱地址 联系邮箱 邮箱 联系方式 收货信息',
  delivery: '订单类型 商品类型 发货模式 发货方式 发货类型 发货形式 交付方式',
  keys: '卡密 卡密信息 卡密内容 卡号卡密 发货内容 发货信息 激活码 兑换码',
});

/** True for the labels of a status row or column. */
const isStatusLabel = (label: string): boolean => LABELS.status.includes(label);

/** Raw page strings for one order, before normalisation. */
export interface RawOrder {
  orderNo?: string;
  product?: string;
  quantity?: string | number;
  amount?: string;
  payment?: string;
  orderedAt?: string;
  paidAt?: string;
  status?: string;
  /**
   * A second badge beside the status (acg-faka's shipment badge 已发货 / 等待发货): it informs `status` but is
   * not part of `statusText`, which stays the order's own status text.
   */
  stage?: string;
  /** Status to use when the page shows no status text at all (dujiaoka hyper prints '' for 异常). */
  emptyStatus?: OrderStatus;
  /**
   * The theme's own status words, from its template, where a word alone would mislead (dujiaoka hyper prints its
   * processing state as 已处理): a status text equal to one of them maps by this table, any other by parseStatus.
   */
  words?: Readonly<Record<string, OrderStatus>>;
  /** The contact as the page labels it (下单邮箱, 联系方式 …). */
  contact?: string;
  delivery?: string;
  /**
   * The key area's text (or lines). Not all of it is keys: stock messages, the shop's notes and the buyer's echoed
   * input are sorted out by readKeyArea, and settleStatus weighs them against the status (see buildOrder).
   */
  keys?: string | readonly string[];
  /**
   * Lines the adapter knows to be the buyer's own input (acg-faka's 隐私内容 block, a dujiaoka manual order's echo, whose
   * labels the shop defines): never keys; their recipient account becomes the contact where the page labels none.
   */
  input?: readonly string[];
}

/** Map pairs to raw fields (all but the keys) with a vocabulary; fields it lacks use the survey's labels. */
export const rawFromPairs = (pairs: Pairs, words: Vocabulary = LABELS): RawOrder => {
  const raw: Record<string, string | undefined> = {};
  for (const f in LABELS) if (f !== 'keys') raw[f] = pick(pairs, words[f as Field] ?? LABELS[f as Field]);
  return raw;
};

/**
 * Field → selector, read as the text of each selector's element under `root`: the first match, or
 * what `find` picks (e.g. the first match outside ads).
 */
export const readFields = (
  root: ParentNode,
  selectors: { readonly [K in Field]?: string },
  find: (root: ParentNode, selector: string) => Element | null | undefined = one,
): RawOrder => {
  const raw: Record<string, string> = {};
  for (const f in selectors) raw[f] = textOf(find(root, selectors[f as Field]!));
  return raw;
};

/**
 * An order number as shops print them: one token of letters, digits, '_' or '-' (3–64 chars), ended by a space, the end
 * of the text or Chinese text glued to it (a status badge after it in minified markup: "YM2509…待支付").
 */
export const cleanOrderNo = (text: string | undefined): string | undefined =>
  /^[A-Za-z0-9][\w-]{2,63}(?=[\s\u3400-\u9fff]|$)/.exec(cleanText(text, 200).replace(/^[#＃]\s*/, ''))?.[0];

// Placeholders shops print for "nothing here".
const EMPTY_VALUE = /^(?:-+|—+|无|暂无|null|undefined|N\/A)$/i;

const field = (text: string | undefined, max = MAX_FIELD): string | undefined => {
  const t = cleanText(text, max);
  return t && !EMPTY_VALUE.test(t) ? t : undefined;
};

/**
 * Normalise raw page strings into an ExtractedOrder (undefined when there is no valid order number). The status is
 * DESIGN.md's precedence, for every adapter alike: the shop's explicit status (its text, else `emptyStatus`) weighed
 * against the key area by settleStatus — an explicit not-done status wins over anything in the area, keys make an order
 * delivered only under no status or a paid/unknown one, a stock message means out_of_stock unless refunded. The key area
 * is sorted by readKeyArea: the buyer's echoed input and the shop's notes are never keys, and the recipient account in
 * that input becomes the contact only where the page labels none: the contact the shop labels (下单邮箱, 联系方式, QQ …)
 * is what the buyer gave the shop, and comes first.
 */
export const buildOrder = (platform: string, raw: RawOrder): ExtractedOrder | undefined => {
  const orderNo = cleanOrderNo(raw.orderNo);
  if (!orderNo) return undefined;
  const split = splitProductName(field(raw.product, 200));
  const qty =
    typeof raw.quantity === 'number' ? raw.quantity : Number(/\d{1,6}/.exec(cleanText(raw.quantity, 50))?.[0]);
  const amount = parseAmount(raw.amount);
  const statusText = field(raw.status, 64);
  // The later stage wins ("已付款" + "已发货" → delivered): parseStatus tries the most decisive words first.
  const shown = [statusText, field(raw.stage, 64)].filter(Boolean).join(' / ');
  const explicit: OrderStatus =
    (statusText && raw.words?.[statusText] && !raw.stage ? raw.words[statusText] : undefined) ??
    (shown ? parseStatus(shown) : (raw.emptyStatus ?? 'unknown'));
  const labelled = field(capContact(raw.contact), 256);
  const area = readKeyArea([raw.keys ?? []].flat().join('\n'), labelled);
  const recipient = (raw.input?.length ? inputRecipient(raw.input) : undefined) ?? area.recipient;
  // Built in one literal (fields in the contract's order), then the absent ones are dropped.
  const order: ExtractedOrder = {
    platform,
    orderNo,
    status: settleStatus(explicit, area),
    productName: split.name || undefined,
    quantity: Number.isInteger(qty) && qty > 0 ? qty : split.quantity,
    amount: amount?.amount,
    currency: amount?.currency,
    paymentMethod: field(raw.payment, 64),
    orderedAt: readShopTime(cleanText(raw.orderedAt, 100)),
    paidAt: readShopTime(cleanText(raw.paidAt, 100)),
    statusText,
    cardKeys: area.keys.length ? area.keys : undefined,
    contact: labelled ?? recipient,
    deliveryMode: parseDeliveryMode(raw.delivery) ?? (area.manual ? 'manual' : undefined),
  };
  for (const k in order) if (order[k as keyof ExtractedOrder] === undefined) delete order[k as keyof ExtractedOrder];
  return order;
};

/**
 * An adapter whose reader returns raw orders: each becomes an order of platform `id` (raw orders
 * without a valid order number are dropped). No currency is assumed: an order has one only when the page
 * shows a marker (￥ ¥ 元 USDT …) with its amount.
 */
export const adapter = (
  id: string,
  detect: PlatformAdapter['detect'],
  read: (doc: Document, url: URL) => RawOrder[],
): PlatformAdapter => ({
  id,
  detect,
  extract: (doc, url) => read(doc, url).flatMap((raw) => buildOrder(id, raw) ?? []),
});
