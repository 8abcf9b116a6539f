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
  parseChinaTime,
  parseDeliveryMode,
  parseStatus,
  readKeyArea,
  splitProductName,
} from './normalize';
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
export function one(root: ParentNode | null | undefined, selector: string): Element | null {
  try {
    return root?.querySelector(selector) ?? null;
  } catch {
    return null;
  }
}

/**
 * querySelectorAll as an array, never throwing, bounded. Elements inside <noscript> are dropped: a
 * browser running scripts treats that content as text, so a decoy there must not count.
 */
export function all(root: ParentNode | null | undefined, selector: string, max = 500): Element[] {
  try {
    if (!root) return [];
    const found = Array.from(root.querySelectorAll(selector));
    return (found.length > max ? found.slice(0, max) : found).filter((el) => !el.closest('noscript'));
  } catch {
    return [];
  }
}

// Elements whose text is never page content: code, styles, inert templates, and controls whose
// text is not what the user sees as a value (select options list every search type).
const SKIP = new Set(['script', 'style', 'noscript', 'template', 'svg', 'canvas', 'iframe', 'object', 'select']);
// Elements that start a new line when rendered. Table cells too: one cell, one line.
const BLOCK = new Set(
  'address article aside blockquote br dd details dialog div dl dt fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section table tbody thead tfoot tr td th ul caption legend'.split(
    ' ',
  ),
);

/** Options for {@link readText}. */
export interface ReadTextOptions {
  /** Stop after this many characters. */
  max?: number;
  /** Skip an element and everything inside it (e.g. ads). */
  skip?: (el: Element) => boolean;
  /** Text for form controls; default: textareas and inputs contribute nothing. */
  control?: (el: Element) => string | undefined;
}

/**
 * Rendered-like text of a node: text nodes only, script/style/template content skipped,
 * a `\n` at every block boundary and `<br>`. Bounded, iterative (deep hostile trees cannot overflow the stack).
 */
export function readText(node: Node | null | undefined, opts: ReadTextOptions = {}): string {
  if (!node) return '';
  const max = opts.max ?? MAX_TEXT;
  const out: string[] = [];
  let size = 0;
  const stack: Array<Node | '\n'> = [node];
  while (stack.length && size < max) {
    const cur = stack.pop()!;
    if (cur === '\n') {
      out.push('\n');
      continue;
    }
    if (cur.nodeType === 3) {
      const v = (cur.nodeValue ?? '').slice(0, max - size);
      out.push(v);
      size += v.length;
      continue;
    }
    if (cur.nodeType !== 1 && cur.nodeType !== 9 && cur.nodeType !== 11) continue;
    const el = cur as Element;
    const name = cur.nodeType === 1 ? el.localName : '';
    if (SKIP.has(name) || (cur.nodeType === 1 && opts.skip?.(el))) continue;
    if (name === 'textarea' || name === 'input') {
      const v = opts.control?.(el);
      if (v) {
        out.push('\n', v.slice(0, max - size), '\n');
        size += v.length;
      }
      continue;
    }
    const block = BLOCK.has(name);
    if (block) {
      out.push('\n');
      stack.push('\n');
    }
    const kids = cur.childNodes;
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
  }
  return out.join('');
}

/** Page chrome (nav, header, footer, aside, menus): its "联系方式：…" is the shop's, never the order's. */
export function isChrome(el: Element): boolean {
  if (/^(nav|header|footer|aside)$/.test(el.localName)) return true;
  const cls = `${el.getAttribute('class') ?? ''} ${el.id}`;
  return cls.length > 1 && CHROME_CLASS.test(cls);
}
// Class/id tokens of page chrome; "card-header" or "modal-footer" are content and do not match.
const CHROME_CLASS =
  /(?:^|\s)(?:(?:site|page|main|layui|global|top|bottom)[-_])?(?:header|footer|nav|navbar|topbar|menu|sidebar)(?:\s|$)/i;

/** One-line cleaned text of an element (see cleanText), '' when absent. */
export function textOf(el: Node | null | undefined, max: number = MAX_FIELD): string {
  return el ? cleanText(readText(el, { max: max * 4 + 64 }), max) : '';
}

/** Value of a form control (input/textarea `.value`), else the element's text; raw lines kept, bounded. */
export function valueOf(el: Element | null | undefined, max: number = MAX_AREA): string {
  if (!el) return '';
  if (el.localName === 'textarea' || el.localName === 'input') {
    const v = (el as HTMLInputElement | HTMLTextAreaElement).value ?? '';
    return v.slice(0, max);
  }
  return readText(el, { max });
}

/** Normalise a label for lookup: no whitespace, no trailing or leading colons. */
export function normLabel(text: string): string {
  return cleanText(text, 64)
    .replace(/\s+/g, '')
    .replace(/^[:：*]+|[:：*]+$/g, '');
}

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
export function readPairs(root: ParentNode, spec: PairSpec, keep?: (row: Element) => boolean): Pairs {
  const pairs: Pairs = [];
  for (const row of all(root, spec.row)) {
    if (keep && !keep(row)) continue;
    const labelEl = one(row, spec.label);
    if (!labelEl) continue;
    const label = normLabel(textOf(labelEl, 64));
    if (!label) continue;
    let value: string;
    if (spec.value) {
      const els = all(row, spec.value, 20).filter((e) => e !== labelEl && !e.contains(labelEl));
      value = els[0] ? textOf(els[0]) : '';
    } else {
      const whole = textOf(row, 1024);
      const head = textOf(labelEl, 64);
      value = cleanText(whole.startsWith(head) ? whole.slice(head.length) : whole.replace(/^[^:：]*[:：]/, ''));
    }
    pairs.push([label, value.replace(/^[:：]\s*/, '')]);
  }
  return pairs;
}

/** "Label：value" pairs in lines of text, for rows whose label and value share one text line. */
export function linePairs(text: string, maxLabel = 12): Pairs {
  const pairs: Pairs = [];
  for (const line of text.split('\n')) {
    const m = new RegExp(`^\\s*([^:：\\n]{1,${maxLabel}}?)\\s*[:：]\\s*(.*)$`).exec(cleanText(line, 1024));
    if (m?.[1]) pairs.push([normLabel(m[1]), cleanText(m[2])]);
  }
  return pairs;
}

/** First non-empty value among `labels` (in the order the labels are given). */
export function pick(pairs: Pairs, labels: readonly string[]): string | undefined {
  for (const label of labels) {
    for (const [l, v] of pairs) if (l === label && v) return v;
  }
  return undefined;
}

/** Header text → cell, one map per data row of a table with a header row. */
export function tableRecords(table: Element): Array<Map<string, Element>> {
  const rows = all(table, 'tr', 1000).filter((r) => r.closest('table') === table);
  const headerIdx = rows.findIndex((r) => all(r, 'th', 50).length > 0);
  const head = rows[headerIdx >= 0 ? headerIdx : 0];
  if (!head) return [];
  const headers = all(head, 'th,td', 50).map((c) => normLabel(textOf(c, 64)));
  const records: Array<Map<string, Element>> = [];
  for (const row of rows.slice((headerIdx >= 0 ? headerIdx : 0) + 1)) {
    const cells = all(row, 'td,th', 50).filter((c) => c.parentElement === row);
    if (cells.length < 2) continue;
    const rec = new Map<string, Element>();
    cells.forEach((cell, i) => {
      const h = headers[i];
      if (h && !rec.has(h)) rec.set(h, cell);
    });
    records.push(rec);
  }
  return records;
}

/**
 * For each anchor (one per order, e.g. the order-number element), the widest ancestor that holds no
 * other anchor: the order's block on a page listing several orders.
 */
export function orderBlocks(anchors: readonly Element[]): Element[] {
  const list = anchors.slice(0, MAX_ORDERS);
  return list.map((anchor) => {
    let block = anchor;
    for (let p = anchor.parentElement; p && p.localName !== 'body' && p.localName !== 'html'; p = p.parentElement) {
      if (list.some((other) => other !== anchor && p.contains(other))) break;
      block = p;
    }
    return block;
  });
}

/** The label vocabulary of the survey, by field; lists are ordered most specific first. */
export const LABELS = {
  orderNo: ['订单号', '订单编号', '订单ID', '订单Id', '订单id', '商户订单号', '当前订单号', '订单号码', '交易单号'],
  product: ['商品名称', '订单名称', '购买物品', '商品名', '产品名称', '宝贝名称', '名称', '商品'],
  quantity: ['购买数量', '下单数量', '商品数量', '数量'],
  amount: [
    '实际支付价格',
    '订单总价',
    '订单金额',
    '支付金额',
    '实付金额',
    '付款金额',
    '下单金额',
    '需要支付金额',
    '需支付',
    '总价',
    '金额',
  ],
  payment: ['支付方式', '付款方式', '支付类型', '支付通道', '支付渠道'],
  orderedAt: ['订单创建时间', '下单时间', '购买时间', '创建时间', '订单时间', '订单日期', '交易时间', '日期', '时间'],
  paidAt: ['付款时间', '支付时间'],
  status: ['订单状态', '状态', '支付状态', '交易状态'],
  contact: [
    '下单邮箱',
    '订单邮箱',
    '邮箱地址',
    '联系邮箱',
    '邮箱',
    '联系方式',
    '下单账号',
    '充值账号',
    'QQ账号',
    'QQ号',
    '手机号',
    '微信号',
    '收货信息',
  ],
  delivery: ['订单类型', '商品类型', '发货模式', '发货方式', '发货类型'],
  keys: ['卡密', '卡密信息', '卡号卡密', '发货内容'],
} as const satisfies Record<string, readonly string[]>;

/** Field → labels; adapters pass their own when a system uses other words. */
export type Vocabulary = { readonly [K in keyof typeof LABELS]?: readonly string[] };

/** Raw page strings for one order, before normalisation. */
export interface RawOrder {
  orderNo?: string;
  product?: string;
  quantity?: string | number;
  amount?: string;
  /** Used when the amount text has no currency marker (systems that always price in CNY). */
  currency?: string;
  payment?: string;
  orderedAt?: string;
  paidAt?: string;
  status?: string;
  /** Status to use when the page shows no status text at all (dujiaoka hyper prints '' for 异常). */
  emptyStatus?: OrderStatus;
  contact?: string;
  delivery?: string;
  /** The key area's text (or lines); stock and waiting messages in it set the status instead. */
  keys?: string | readonly string[];
}

/** Map pairs to raw fields with a vocabulary (defaults to the survey's). */
export function rawFromPairs(pairs: Pairs, vocab: Vocabulary = LABELS): RawOrder {
  const v = { ...LABELS, ...vocab };
  return {
    orderNo: pick(pairs, v.orderNo),
    product: pick(pairs, v.product),
    quantity: pick(pairs, v.quantity),
    amount: pick(pairs, v.amount),
    payment: pick(pairs, v.payment),
    orderedAt: pick(pairs, v.orderedAt),
    paidAt: pick(pairs, v.paidAt),
    status: pick(pairs, v.status),
    contact: pick(pairs, v.contact),
    delivery: pick(pairs, v.delivery),
  };
}

/** An order number as shops print them: one token of letters, digits, '_' or '-' (6–64 chars). */
export function cleanOrderNo(text: string | undefined): string | undefined {
  const token = cleanText(text, 200)
    .replace(/^[#＃]\s*/, '')
    .split(' ')[0];
  return token && /^[A-Za-z0-9][A-Za-z0-9_-]{2,63}$/.test(token) ? token : undefined;
}

// Placeholders shops print for "nothing here".
const EMPTY_VALUE = /^(?:-+|—+|无|暂无|null|undefined|N\/A)$/i;

function field(text: string | undefined, max = MAX_FIELD): string | undefined {
  const t = cleanText(text, max);
  return t && !EMPTY_VALUE.test(t) ? t : undefined;
}

/**
 * Normalise raw page strings into an ExtractedOrder (undefined when there is no valid order number).
 * Status rules: key-area stock messages → out_of_stock; shown card keys → delivered unless the
 * status says refunded / frozen / out of stock.
 */
export function buildOrder(platform: string, raw: RawOrder): ExtractedOrder | undefined {
  const orderNo = cleanOrderNo(raw.orderNo);
  if (!orderNo) return undefined;
  const order: ExtractedOrder = { platform, orderNo, status: 'unknown' };

  const product = field(raw.product, 200);
  const split = product ? splitProductName(product) : undefined;
  if (split?.name) order.productName = split.name;
  const qty =
    typeof raw.quantity === 'number' ? raw.quantity : Number(/\d{1,6}/.exec(cleanText(raw.quantity, 50))?.[0]);
  const quantity = Number.isInteger(qty) && qty > 0 ? qty : split?.quantity;
  if (quantity) order.quantity = quantity;

  const amount = parseAmount(raw.amount, raw.currency);
  if (amount) {
    order.amount = amount.amount;
    if (amount.currency) order.currency = amount.currency;
  }
  const payment = field(raw.payment, 64);
  if (payment) order.paymentMethod = payment;
  const orderedAt = parseChinaTime(raw.orderedAt);
  if (orderedAt) order.orderedAt = orderedAt;
  const paidAt = parseChinaTime(raw.paidAt);
  if (paidAt) order.paidAt = paidAt;

  const statusText = field(raw.status, 64);
  let status: OrderStatus = statusText ? parseStatus(statusText) : (raw.emptyStatus ?? 'unknown');
  if (statusText) order.statusText = statusText;

  const area = typeof raw.keys === 'string' ? readKeyArea(raw.keys) : readKeyArea((raw.keys ?? []).join('\n'));
  if (area.status === 'out_of_stock' && status !== 'refunded') status = 'out_of_stock';
  else if (area.keys.length && !['refunded', 'frozen', 'out_of_stock'].includes(status)) status = 'delivered';
  else if (area.status && ['unknown', 'paid'].includes(status)) status = area.status;
  if (area.keys.length) order.cardKeys = area.keys;
  order.status = status;

  const contact = field(capContact(raw.contact), 256);
  if (contact) order.contact = contact;
  const mode = parseDeliveryMode(raw.delivery);
  if (mode) order.deliveryMode = mode;
  return order;
}
