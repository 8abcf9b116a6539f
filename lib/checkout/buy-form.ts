/**
 * Finds the buy form on a page: recipient fields (lib/checkout/field-kind.ts) in an area that shows a price, and
 * none of what login and order-query forms have (a login password, an SMS code button, an order-number box). This is
 * the real check behind the page test's guess (lib/checkout/page-hint.ts): on every page that fails it no panel comes.
 * It runs on the page's copy in the background (lib/checkout/buy-page-reading.ts), with the page's own answer to
 * `checkVisibility` for each input (lib/extract/snapshot.ts), or in the tab for a page a snapshot cannot carry.
 *
 * DOM in, data out; no extension API. Labels are read where the surveyed systems put them: <label for> (dujiaoka
 * unicorn, morpho), a caption before the input or its wrapper (luna .l-msg, hyper .buy-title, 彩虹
 * .input-group-addon, ZFAKA .layui-form-label, acg-faka and kamiFaka <label> without for, TDesign .t-form__label).
 */
import { foldText, hasAny, readFieldKind, type FieldKind } from './field-kind';
import { collapse, shortText, textUnder } from './page-text';

/** One recipient input of the buy form. */
export interface RecipientField {
  input: HTMLInputElement;
  kind: FieldKind;
  /** Asks to repeat another field (再次输入QQ). */
  confirm: boolean;
  /** The caption the page gives it (for the panel: "「QQ账号」…"), or the placeholder, or the kind. */
  label: string;
}

export interface BuyForm {
  /** The smallest element holding the first recipient field and a price. */
  area: Element;
  fields: RecipientField[];
  /** The product's name as the page shows it, if found. */
  product?: string;
  /** Text around the product (name, badges, stock, price), bounded. */
  productText: string;
  /** The short texts around the product (badges such as 自动发货 / 人工处理), each as the page shows it. */
  badges: string[];
  /** The label of a password box the form asks for that is not an order-query password (代充 上号: 游戏密码). */
  accountPassword?: string;
}

export interface FindOptions {
  /** Whether an element is rendered; defaults to `checkVisibility()` where the browser has it. */
  visible?: (el: Element) => boolean;
}

const MAX_INPUTS = 300;
const MAX_CLIMB = 14;
/** An area larger than this is a page, not a buy form. */
const MAX_AREA_TEXT = 12_000;

// ¥ 10.00, ￥10, $3.50, 10.00元, 价格：10 — and 彩虹's "￥1.5元" in a disabled input.
const PRICE =
  /[¥￥$]\s*\d+(?:\.\d{1,2})?|\d+(?:\.\d{1,2})?\s*元|(?:价格|售价|单价|总价|金额|应付|实付)\s*[:：]?\s*\d+(?:\.\d{1,2})?/;
// Word lists, matched against folded text (lower case, no spaces): plain substring tests, as every regular expression
// here would be compiled again in every page.
// Login and sign-up forms send a code by SMS; buy forms show an image captcha at most.
const SMS_CODE = ['获取验证码', '发送验证码', '短信验证码', '获取短信', '获取动态码', '发送动态码'];
// A password box is a login box, unless it sets the order's query password (acg-faka, ZFAKA, qs-faka, fakanet).
const ORDER_PASSWORD = ['查询', '取卡', '提取', '提卡', '订单'];
const QUERY_BUTTON = ['查询', '查单', '搜索', 'search', 'query'];
const BUY_BUTTON = [
  '购买',
  '下单',
  '支付',
  '付款',
  '结算',
  '订单',
  '加入购物车',
  '下一步',
  'buy',
  'order',
  'pay',
  'checkout',
  'cart',
];
const LOGIN = ['登录', '登入', '注册', 'login', 'signin', 'signup'];
const ORDER_NUMBER = [
  '订单号',
  '订单编号',
  'ordersn',
  'order_sn',
  'orderno',
  'order_no',
  'orderid',
  'order_id',
  'tradeno',
  'trade_no',
];
const PRODUCT_SELECT = ['tid', 'goodid', 'goodsid', 'goods_id', 'gid', 'product', 'item'];

/** A text that is nothing but prices ("¥ 46.50 ¥ 50.00"): no product name, though names may hold "50元". */
function onlyPrice(s: string): boolean {
  let digit = false;
  for (const c of s) {
    if (c >= '0' && c <= '9') digit = true;
    else if (!'¥￥$.元 '.includes(c)) return false;
  }
  return digit;
}

/** Digits only. */
function allDigits(s: string): boolean {
  if (!s) return false;
  for (const c of s) if (c < '0' || c > '9') return false;
  return true;
}

const defaultVisible = (el: Element): boolean =>
  typeof (el as HTMLElement).checkVisibility === 'function' ? (el as HTMLElement).checkVisibility() : true;

/** A caption as shown: no literal "&nbsp;", no required-field stars, one space between words, no trailing colon. */
function clean(s: string): string {
  let t = collapse(s.replaceAll('&nbsp;', '').replaceAll('&nbsp', '').replaceAll('*', '').replaceAll('＊', ''));
  if (t.endsWith(':') || t.endsWith('：')) t = t.slice(0, -1).trimEnd();
  return t;
}

/** The caption of an input, where the surveyed systems put it; '' when none. */
export function labelOf(input: HTMLInputElement): string {
  for (const label of Array.from(input.labels ?? [])) {
    const text = clean(shortText(label, 160)).slice(0, 40);
    if (text) return text;
  }
  const aria = input.getAttribute('aria-label');
  if (aria?.trim()) return clean(aria.slice(0, 40));
  const by = input.getAttribute('aria-labelledby');
  if (by) {
    const text = clean(shortText(input.ownerDocument.getElementById(collapse(by).split(' ')[0]!), 160)).slice(0, 40);
    if (text) return text;
  }
  // The nearest caption before the input, or before one of its wrappers (up to 6 levels: TDesign nests the input in
  // four boxes below the item that holds the label), as long as the wrapper holds no other input.
  let node: Element | null = input;
  for (let depth = 0; node && depth < 6; depth++, node = node.parentElement) {
    for (let sib = node.previousElementSibling; sib; sib = sib.previousElementSibling) {
      if (sib.matches('input[type=hidden], script, style, br')) continue;
      if (sib.matches('input, select, textarea, button, img, hr')) break;
      if (sib.querySelector('input:not([type=hidden]), select, textarea')) return '';
      const text = clean(shortText(sib, 160)).slice(0, 40);
      // A caption is short words, not a price or a count shown above the field.
      if (text && text.length <= 24 && !PRICE.test(text) && !allDigits(text)) return text;
      if (text) return '';
    }
    if ((node.parentElement?.querySelectorAll('input:not([type=hidden]), select, textarea').length ?? 0) > 1) break;
  }
  return '';
}

/** Values of read-only and disabled inputs (彩虹 shows the price and the stock in them), labelled. */
function shownValues(root: Element): string {
  let out = '';
  for (const el of Array.from(root.querySelectorAll<HTMLInputElement>('input[readonly], input[disabled]')).slice(0, 20))
    if (el.type !== 'hidden' && el.value) out += ` ${labelOf(el)} ${el.value}`;
  return out;
}

/** Input types a recipient can be typed into (the `type` property: an unknown type reads as text). */
const TEXT_TYPES = new Set(['text', 'email', 'tel', 'number', 'search']);

/** The recipient fields among a page's inputs, in document order. */
function recipientFields(doc: Document, visible: (el: Element) => boolean): RecipientField[] {
  const out: RecipientField[] = [];
  for (const input of Array.from(doc.querySelectorAll('input')).slice(0, MAX_INPUTS)) {
    if (!TEXT_TYPES.has(input.type) || input.disabled || input.readOnly) continue;
    const label = labelOf(input);
    const reading = readFieldKind({
      label,
      placeholder: input.placeholder,
      name: input.name,
      id: input.id,
      type: input.getAttribute('type') ?? 'text',
    });
    // Visibility last: it asks the browser for styles, and most inputs are no recipient anyway.
    if (reading && visible(input))
      out.push({ input, ...reading, label: label || clean(input.placeholder.slice(0, 24)) });
  }
  return out;
}

/**
 * The smallest ancestor of `start` that shows a price, or undefined when none does before the area gets too big.
 * Each step up reads only the text the new level adds (its other children), not its whole subtree again.
 */
function priceArea(start: Element): { area: Element; text: string } | undefined {
  let text = '';
  let child: Element = start;
  for (let el = start.parentElement, depth = 0; el && depth < MAX_CLIMB; depth++, child = el, el = el.parentElement) {
    text += ` ${textUnder(el, MAX_AREA_TEXT + 1 - text.length, child)}`;
    if (text.length > MAX_AREA_TEXT) return undefined;
    if (PRICE.test(text) || PRICE.test(shownValues(el))) return { area: el, text };
  }
  return undefined;
}

/** A visible password box that is no order-query password (查询密码 / 取卡密码): its label, or undefined. */
function accountPassword(area: Element, visible: (el: Element) => boolean): string | undefined {
  for (const pw of Array.from(area.querySelectorAll<HTMLInputElement>('input[type=password]'))) {
    if (!visible(pw)) continue;
    const label = labelOf(pw);
    if (!hasAny(`${label} ${pw.placeholder} ${pw.name}`, ORDER_PASSWORD))
      return label || clean(pw.placeholder) || 'password';
  }
  return undefined;
}

/**
 * Login, sign-up and order-query forms: a password box with a 登录/注册 button, only search buttons, an SMS code
 * button, or an order-number box. (A password box alone is no login form: 代充 shops that log into the buyer's game ask for one.)
 */
function isLoginOrQuery(
  area: Element,
  areaText: string,
  fields: RecipientField[],
  visible: (el: Element) => boolean,
): boolean {
  const buttons = Array.from(
    area.querySelectorAll<HTMLElement>(
      'button, input[type=submit], input[type=button], a[class*="btn"], a[role="button"]',
    ),
  )
    .map((b) => foldText(b instanceof HTMLInputElement ? b.value : shortText(b, 40)))
    .join('|');
  if (accountPassword(area, visible) && hasAny(buttons, LOGIN)) return true;
  // Only search buttons (立即查询) and none that buys: an order-query form, whatever fields it has.
  if (hasAny(buttons, QUERY_BUTTON) && !hasAny(buttons, BUY_BUTTON)) return true;
  if (hasAny(buttons, SMS_CODE) || hasAny(foldText(areaText), SMS_CODE)) return true;
  for (const el of Array.from(area.querySelectorAll<HTMLInputElement>('input:not([type=hidden])'))) {
    if (fields.some((f) => f.input === el) || !visible(el)) continue;
    if (hasAny(foldText(`${labelOf(el)} ${el.placeholder} ${el.name}`), ORDER_NUMBER)) return true;
  }
  return false;
}

// Headings that name a section, not the product.
const GENERIC_HEADING = new Set([
  '商品详情',
  '产品详细信息',
  '商品信息',
  '商品描述',
  '确认订单',
  '购买',
  '立即购买',
  '选择商品',
  '填写购买信息',
  '商家信息',
  '订单信息',
  '支付方式',
  '购物信息',
  '宝贝详情',
  '商品分类',
  '公告',
  '购买提示',
  '提示',
]);
const NAME_CAPTIONS = ['购物信息', '商品名称', '产品名称', '商品', '名称'];

/** "购物信息: <name>" (kamiFaka): the name after a caption, or undefined. */
function afterCaption(text: string): string | undefined {
  for (const caption of NAME_CAPTIONS) {
    if (!text.startsWith(caption)) continue;
    const rest = text.slice(caption.length).trimStart();
    if (rest.startsWith(':') || rest.startsWith('：')) return rest.slice(1).trim() || undefined;
  }
  return undefined;
}
const NAME_SELECTOR =
  'h1, h2, h3, h4, h5, [class*="goods-name"], [class*="goodname"], [class*="goods_name"], [class*="product-name"], [class*="item-name"], [class*="card-title"], [class*="goods-title"]';

/**
 * The first text an element shows: the product's name, not the badges after it (luna's name span holds "自动发货" and
 * "库存(12)" chips after the name).
 */
function firstText(el: Element): string {
  const text = textUnder(el, 400);
  const walker = el.ownerDocument.createTreeWalker(el, 4 /* SHOW_TEXT */);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const t = collapse(n.nodeValue ?? '');
    if (t && text.includes(t)) return t;
  }
  return text;
}

/** In a list of products the chosen one carries an active/selected class (qs-faka's goods-item--active). */
const chosen = (el: Element): boolean => el.closest('[class*="active"], [class*="selected"]') !== null;

/** The product's name: a selected product option (彩虹, fakanet), a heading or name element, else the page title. */
function productName(doc: Document, root: Element, area: Element): string | undefined {
  for (const select of Array.from(area.querySelectorAll('select'))) {
    if (!hasAny(foldText(`${select.name} ${select.id}`), PRODUCT_SELECT)) continue;
    const option = select.options[select.selectedIndex];
    if (option && option.value && option.value !== '0') return clean(shortText(option, 160)) || undefined;
  }
  // In a list of products the chosen one carries an active/selected class (qs-faka's goods-item--active).
  const all = Array.from(root.querySelectorAll(NAME_SELECTOR)).slice(0, 40);
  const names = [...all.filter(chosen), ...all];
  for (const el of names) {
    // Modal titles ("购买提示") and hidden boxes are not the product.
    if (el.closest('[aria-hidden="true"], [hidden], .modal, [role="dialog"]')) continue;
    // "购物信息: <name>" (kamiFaka): the caption goes, the name stays.
    const text = (afterCaption(clean(textUnder(el, 400))) ?? clean(firstText(el))).slice(0, 160);
    if (text.length >= 2 && !GENERIC_HEADING.has(text) && !onlyPrice(text)) return text;
  }
  // "Name | Shop" (dujiaoka), "Name - Shop" (acg-faka), "Name_购买商品_Shop" (ZFAKA), "Name(Shop)" (fakanet).
  let first = doc.title;
  for (const separator of [' | ', ' - ', ' – ', ' — ', '_', '|']) first = first.split(separator)[0]!;
  if (first.endsWith(')') && first.includes('(')) first = first.slice(0, first.lastIndexOf('('));
  return clean(first).slice(0, 160) || undefined;
}

/**
 * Up to four levels above the area while the text stays short: the card with the name, badges and stock. Returns
 * that element and its text (read level by level, each level adding only its other children).
 */
function productRoot(area: Element): { root: Element; text: string } {
  let root = area;
  let text = textUnder(area, 4001);
  for (let i = 0; i < 4 && root.parentElement && root.parentElement !== area.ownerDocument.body; i++) {
    const parent: Element = root.parentElement;
    const more = ` ${textUnder(parent, 4001 - text.length, root)}`;
    if (text.length + more.length > 4000) break;
    text += more;
    root = parent;
  }
  return { root, text };
}

/** Text nodes of at most 16 characters under `root` (badges, chips, "发货类型：自动发货"), at most 200 of them. */
function shortTexts(root: Element): string[] {
  const out: string[] = [];
  const walker = root.ownerDocument.createTreeWalker(root, 4 /* SHOW_TEXT */);
  for (let n = walker.nextNode(); n && out.length < 200; n = walker.nextNode()) {
    const t = n.nodeValue?.trim();
    const tag = n.parentElement?.tagName;
    if (t && t.length <= 16 && tag !== 'SCRIPT' && tag !== 'STYLE') out.push(t);
  }
  return out;
}

/**
 * The page's buy form, or undefined when the page has none: a recipient field, in an area that shows a price, that
 * is no login or order-query form. Every recipient field inside that area belongs to the form.
 */
export function findBuyForm(doc: Document, options: FindOptions = {}): BuyForm | undefined {
  const visible = options.visible ?? defaultVisible;
  const candidates = recipientFields(doc, visible);
  for (const first of candidates) {
    const priced = priceArea(first.input);
    if (!priced) continue;
    const found = priced.area;
    // The whole <form> is the buy form when the price sits in one of its rows (dujiaoka unicorn puts the 代充
    // fields in a second row below the price).
    const form = first.input.form;
    const area = form && found.contains(form) === false && form.contains(found) ? form : found;
    const fields = candidates.filter((f) => area.contains(f.input));
    if (isLoginOrQuery(area, priced.text, fields, visible)) continue;
    const { root, text } = productRoot(area);
    const password = accountPassword(area, visible);
    return {
      area,
      fields,
      product: productName(doc, root, area),
      productText: `${text} ${shownValues(root)}`.trim(),
      badges: shortTexts(root),
      ...(password ? { accountPassword: password } : {}),
    };
  }
  return undefined;
}
