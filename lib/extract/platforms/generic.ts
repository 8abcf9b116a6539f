/**
 * The generic extractor, for shops no adapter knows. It reads the label vocabulary (LABELS, plus English labels of its
 * own) wherever shops put it: "Label：value" text (full-width and ASCII colons), a label alone on its line with the
 * value on the next (a th or td before its value cell, a dt before its dd, a <strong>, <label>, <i> or span before the
 * value element, with or without a colon), "label value" without a colon where a line or a "·"/"｜" part starts with
 * the label, a tile whose value comes before its label, bilingual labels ("Order No. / 订单号", "Total / 合计"), readonly
 * inputs, and header tables (header row → columns). Keys are read from a key box headed by a caption ("您的卡密（请及时
 * 保存）": whatever follows it, each line sorted by readKeyArea); a cart's item table gives the product and quantity, and
 * an unlabelled status badge beside the order number the status, where no label gave them. With several orders on a
 * page, each order's block is read on its own, so no field can move to a neighbour.
 * Precision over recall: an order needs an order-number label with a plausible number and at least two of status /
 * amount / product / time, or nothing is returned; a sample order in a help page (a table or list captioned or
 * introduced as 示例 / 演示 / example) is none.
 */
import { cleanText, MAX_KEY, parseStatus } from '../normalize';
import {
  all,
  buildOrder,
  hasToken,
  isBlock,
  isChrome,
  LABELS,
  MAX_ORDERS,
  normLabel,
  one,
  orderBlocks,
  readText,
  tableRecords,
  textOf,
  type Field,
  type PlatformAdapter,
  type RawOrder,
} from '../platform';
import { readPaymentStop } from '../payment-stop';
import type { ExtractedOrder } from '../types';

/**
 * English labels of bilingual and translated shops, '|' between labels, one group per field in the order of LABELS'
 * fields (a list, not a record: the field names cost the size budget; extract-generic-layouts.test.ts checks each
 * group's field). They are matched without case, spaces and dots ("Order No." = "order no"); "#" reads as "no".
 */
const ENGLISH = [
  'order no|order number|order id|trade no|transaction no', // orderNo
  'product|product name|item|item name|goods', // product
  'qty|quantity', // quantity
  'total|total amount|grand total|amount|amount paid|paid amount|order total', // amount
  'payment|payment method|paid with|payment channel', // payment
  'order time|order date|date|created|created at|placed at|placed on|time', // orderedAt
  'paid at|paid on|payment time|payment date', // paidAt
  'status|order status|state', // status
  'email|e-mail|contact|account|recipient|phone', // contact
  'delivery|delivery method|delivery type', // delivery
  'key|keys|card key|card keys|code|codes|license key|cdk|redeem code', // keys
];

/** An English label as a lookup key: lower case, no spaces, dots, dashes or colons; "#" reads as "no". */
const englishKey = (s: string): string =>
  s
    .toLowerCase()
    .replace(/[#＃]/g, 'no')
    .replace(/[\s.:：*_-]/g, '');

/**
 * Marks a value the reader inferred rather than read: after a label written without a colon ("订单号 YM2509…"). Such a
 * value fills its field only where no label with a colon gave one, and never starts the next order.
 */
const WEAK = '\uE002';

/**
 * label → field (the shared vocabulary by its words, the English labels by their keys), and the regex of "Label："
 * pairs. Built on first use: the extractor runs on every shop page, and most are read by a system's own adapter.
 */
/** Labels as one alternation, longest first: "订单号" is never read as "单号". */
const any = (labels: string[]): string => labels.sort((a, b) => b.length - a.length).join('|');

let vocabulary: { fieldOf: Map<string, Field>; labelRe: RegExp; bareRe: RegExp } | undefined;
const vocabularyTables = (): NonNullable<typeof vocabulary> => {
  if (vocabulary) return vocabulary;
  const han = Object.values(LABELS).flat();
  return (vocabulary = {
    fieldOf: new Map<string, Field>(
      (Object.keys(LABELS) as Field[]).flatMap((f, i) => [
        ...LABELS[f].map((l): [string, Field] => [l, f]),
        ...ENGLISH[i]!.split('|').map((l): [string, Field] => [englishKey(l), f]),
      ]),
    ),
    // A vocabulary label followed by a colon, at a line start or after a separator: "您的订单号：" in prose (label
    // glued to a preceding word) is not a label. Chinese labels are plain words (a test checks), so they need no
    // escaping; English ones allow spaces and a dot between their words. WEAK stands for a colon the reader inferred.
    labelRe: new RegExp(
      `(?<=^|[\\s|｜/,，;；、()（）\\[\\]【】<>《》·•])(${any([
        ...han,
        ...ENGLISH.flatMap((l) => l.split('|').map((w) => w.replace(/\s+/g, '\\.?\\s*'))),
      ])})\\.?\\s*[:：${WEAK}]`,
      'gi',
    ),
    // A Chinese label and its value without a colon, where a line or a "·"/"|" separated part starts with the label and
    // a space ("订单号 YM250920…", "订单编号 TX-A7Q29K · 数量 2"), and "订单 #QG88120394": a colon is inferred (WEAK).
    // English labels never: "Total 3 items" is prose.
    bareRe: new RegExp(`(?<=^|[·•|｜]\\s*)(?:(${any(han)})\\s+(?=[^\\s:：])|(订单|order)\\s*[#＃]\\s*(?=\\w))`, 'gi'),
  });
};

// Han characters: the boundary between the two halves of a bilingual label written without a separator.
const HAN = /[\u3400-\u9fff]+/g;

/**
 * The field a whole piece of text labels, if it is nothing but a label: "订单号", "Status", "Order No. / 订单号",
 * "订单号 Order No.", "Total / 合计：". Every part must be a label of the same field: "订单号 LS123" is no label.
 */
const fieldOf = (text: string): Field | undefined => {
  const t = cleanText(text, 80).replace(/\s*[:：]$/, '');
  if (!t || t.length > 48) return undefined;
  let found: Field | undefined;
  for (const part of t.split(/\s*[/|／｜]\s*/)) {
    // A part is one label, or a Han label beside an English one ("订单号 Order No.").
    const pieces = [part, ...(part.match(HAN) ?? []), part.replace(HAN, ' ')].map((p) => p.trim()).filter(Boolean);
    const { fieldOf: known } = vocabularyTables();
    const fields = pieces.map((p) => known.get(normLabel(p)) ?? known.get(englishKey(p)));
    const f = fields[0] ?? (fields.slice(1).every((x) => x && x === fields[1]) ? fields[1] : undefined);
    if (!f || (found && f !== found)) return undefined;
    found = f;
  }
  return found;
};

/** Stands for a line break inside one value (a textarea of keys) while text is handled line by line. */
const NL = '\uE000';
/** Opens a text line that a `<br>` started: it may continue the value before it (key lines in one cell). */
const BR = '\uE001';
/** Longer lines are prose, not a label/value row. */
const MAX_LINE = 300;
/** Class/id tokens of ads, recommendations and comment threads (quoted orders live there). */
const AD_TOKENS =
  /(?:^|[-_\s])(?:ad|ads|advert|advertisement|banner|sponsor|promo|gg|guanggao|recommend|comments?|reply|replies|postmessage|thread)(?:[-_\s]|$)/i;
/** Quoted, interactive and hidden elements. */
const NEVER = 'blockquote,pre,code,button,dialog,marquee,[hidden],[aria-hidden="true"]';

/** Words that mark what follows as made-up data: a help article's sample order. */
const DEMO = /示例|演示|样例|范例|\b(?:example|sample|demo)\b/i;

/** The text of an element with at most two children and no deeper markup (a caption, a tile's parts), else undefined. */
const leafText = (el: Element | null | undefined): string | undefined =>
  el && el.children.length < 3 && ![...el.children].some((c) => c.children.length)
    ? cleanText(el.textContent, 80)
    : undefined;

/**
 * A table, list or figure that its caption or the short line just before it calls an example ("示例订单", "下面是一张订单
 * 详情页的示例（数据为演示）：") holds no real order, however order-like it looks.
 */
const isDemo = (el: Element): boolean =>
  /^(?:table|dl|ul|ol|figure)$/.test(el.localName) &&
  DEMO.test(textOf([...el.children].find((c) => c.localName.endsWith('caption')) ?? el.previousElementSibling, 80));

/** Hidden, quoted, advertising, chrome and example elements are not the order. A `<code>` that is a definition's or a
 * cell's whole value (`<dd><code>LS24…</code></dd>`, common in Bootstrap shops) is the order's own value, unlike code in
 * docs. */
const skip = (el: Element): boolean =>
  (el.matches(NEVER) && !(el.localName === 'code' && /^(?:dd|td)$/.test(el.parentElement?.localName ?? ''))) ||
  isChrome(el) ||
  /display\s*:\s*none|visibility\s*:\s*hidden/i.test(el.getAttribute('style') ?? '') ||
  hasToken(el, AD_TOKENS) ||
  isDemo(el);

const CONTROL = /^(?:textarea|input)$/;

/** Shop-shown values in form controls: readonly/disabled inputs and textareas, never what a user types. */
const shownValue = (el: Element): string | undefined =>
  CONTROL.test(el.localName) &&
  el.matches('[readonly],[disabled]') &&
  (el.localName !== 'input' || /^(text|)$/i.test(el.getAttribute('type') ?? ''))
    ? ((el as HTMLInputElement).value ?? '').slice(0, MAX_KEY * 50)
    : undefined;

/** A caption that names a key area: "卡密", "卡密信息", "您的卡密（请及时保存）", "卡密 / 礼物链接", "License Key 激活码". */
const isKeyCaption = (t = ''): boolean => {
  // The cheap test first: this runs on every element's first child.
  if (!/卡密|码|发货|key|code|cdk/i.test(t)) return false;
  const c = t.replace(/\s*[（(【[].*$/, '').replace(/^(?:您的|你的|your)\s*/i, '');
  return [c, c.split(/\s*[/|／｜]\s*/)[0]!].some((x) => fieldOf(x) === 'keys');
};

/** Inside a key area, code and pre blocks are the keys; headings (an item's name) and buttons are not. */
const keySkip = (el: Element): boolean =>
  /^h\d$/.test(el.localName) || (!/^(?:pre|code)$/.test(el.localName) && skip(el));

/** A field that no key line labels (a sold account's "邮箱：… 密码：…" is a key, its contact label no field). */
const other = (f?: Field): boolean => !!f && f !== 'keys' && f !== 'contact';

/**
 * A key box: an element whose first child is a caption naming keys, and whatever follows the caption inside it (a
 * textarea, a pre, a list of keys, item blocks with their keys, the shop's notes). Read as a bare keys label and one
 * multi-line value, so each line reaches the key-area rules (readKeyArea) and none becomes a label. Not one when what
 * follows labels other fields: then it is the order's whole card, read line by line.
 */
const keyBox = (el: Element): string | undefined => {
  const cap = el.firstElementChild;
  if (!isKeyCaption(leafText(cap))) return;
  const area = readText(el, MAX_KEY * 50, (e) => e === cap || keySkip(e), shownValue)
    .split('\n')
    .map((l) => cleanText(l, MAX_KEY))
    .filter(Boolean);
  return area.some((l) => {
    const { pairs, bare } = linePairs(l);
    return other(bare) || pairs.some(([f]) => other(f));
  })
    ? undefined
    : `卡密\n${area.join(NL)}${NL}`;
};

/**
 * A tile whose value comes first and its label after it ("<b>¥36.50</b><small>实付金额</small>"), read as "label：value":
 * two child elements and no text of its own, the second a label and the first none.
 */
const tile = (el: Element): string | undefined => {
  if (el.children.length !== 2) return;
  const [value, label] = [...el.children].map(leafText);
  return ![...el.childNodes].some((n) => n.nodeType === 3 && n.nodeValue!.trim()) &&
    value &&
    label &&
    fieldOf(label) &&
    !fieldOf(value)
    ? `${label}：${value}`
    : undefined;
};

/**
 * What the reader takes whole from an element (see readText's `control`): a control's shown value (an empty one still
 * fills its slot, a lone NL, so a label over an empty key box does not take the next line), a key box, a tile.
 */
const control = (el: Element): string | undefined => {
  const v = shownValue(el);
  return v !== undefined ? v.replace(/\r?\n/g, NL) || NL : CONTROL.test(el.localName) ? v : (keyBox(el) ?? tile(el));
};

/** Inline elements that shops use as labels. */
const LABEL_TAGS = /^(?:strong|b|i|label|em|span|th|td|dt)$/;

/** True when nothing but blank text comes before `el` on its rendered line. */
const startsLine = (el: Element): boolean => {
  for (let n: Element = el; ; n = n.parentElement!) {
    let prev = n.previousSibling;
    while (prev && prev.nodeType === 3 && !prev.nodeValue?.trim()) prev = prev.previousSibling;
    if (prev) return prev.nodeType === 1 && isBlock(prev as Element);
    if (!n.parentElement || isBlock(n.parentElement)) return true;
  }
};

/**
 * A label element set on a line of its own: "<strong>订单号</strong> LS123", "<span class="label">状态</span> <span
 * class="badge">已完成</span>", "<li><span>订单号</span><em>KM2509…</em></li>". Only an element whose whole text is a label
 * and that starts its line: "请保存好<strong>订单号</strong>" in prose is no label. (Spans only with a label-like class or
 * with the value in an element after them: spans are everywhere.)
 */
const isolate = (el: Element): boolean =>
  LABEL_TAGS.test(el.localName) &&
  (el.localName !== 'span' ||
    !!el.nextElementSibling ||
    hasToken(el, /(?:^|[-_\s])(?:label|key|name|title|field)(?:[-_\s]|$)/i)) &&
  (el.textContent?.length ?? 99) < 64 &&
  fieldOf(el.textContent ?? '') !== undefined &&
  startsLine(el);

/** A field and its value; a value that opens with WEAK was inferred (see WEAK). */
type Pair = [Field, string];

/**
 * A value after a label without a colon must look like one: "订单状态 说明" is a heading, not a status. A free-text field
 * (product, payment, contact …) counts only on a line of several such pairs: "商品 推荐" alone is a heading too.
 */
const plausible = (f: Field, v: string, several: boolean): boolean =>
  f === 'status'
    ? parseStatus(v) !== 'unknown'
    : /^(?:orderNo|amount|quantity|\w+At)$/.test(f)
      ? /\d/.test(v)
      : several;

/** Label/value pairs of one text line, plus whether the line is a bare label (value on the next line). */
const linePairs = (line: string): { pairs: Pair[]; bare?: Field } => {
  const bare = line.length <= 48 ? fieldOf(line) : undefined;
  // "卡密信息：" or "Order No. / 订单号" with nothing after it: the value is on the next line (a textarea, a dd).
  if (bare) return { pairs: [], bare };
  const { labelRe, bareRe } = vocabularyTables();
  const text = line.replace(bareRe, (_, label?: string) => (label ?? '订单号') + WEAK);
  const marks = [...text.matchAll(labelRe)];
  return {
    pairs: marks.flatMap((m, i): Pair[] => {
      const end = marks[i + 1]?.index ?? text.length;
      // "（联系方式：138****5678）": the pair ends before the bracket or separator that closes it.
      const value = text.slice(m.index! + m[0].length, end).replace(/[\s)）\]】|｜/,，;；。、·•]+$/, '');
      const field = fieldOf(m[1]!)!;
      if (!m[0].endsWith(WEAK)) return [[field, value]];
      return plausible(field, value, marks.length > 1) ? [[field, WEAK + value]] : [];
    }),
  };
};

type Rec = Partial<Record<Field, string[]>>;
const read = (v: string): boolean => v[0] !== WEAK;

/**
 * Records from a stream of pairs: a repeated field, once an order number is known, starts the next order (a field read
 * again, not one inferred: an inferred value only fills a gap).
 */
const group = (pairs: readonly Pair[]): Rec[] => {
  const records: Rec[] = [];
  let cur: Rec = {};
  for (const [field, value] of pairs) {
    if (!value || value === WEAK) continue;
    // Keys come in several lines and contacts in several kinds (邮箱 and 充值账号): neither starts an order.
    if (read(value) && field !== 'keys' && field !== 'contact' && cur[field]?.some(read) && cur.orderNo) {
      records.push(cur);
      cur = {};
    }
    (cur[field] ??= []).push(value);
  }
  records.push(cur);
  return records;
};

/**
 * The first value read of each field, else the first inferred; the key values split back into their lines. Of several
 * contacts the first that is no e-mail address wins: a recipient account (充值账号) is what drafts need, an e-mail only
 * where there is nothing else.
 */
const toRaw = (rec: Rec): RawOrder => {
  const raw: Record<string, unknown> = {};
  for (const f in LABELS) {
    const vals = rec[f as Field];
    raw[f] = vals?.find(read) ?? vals?.[0]?.slice(1);
  }
  raw.contact = rec.contact?.find((c) => read(c) && !c.includes('@')) ?? raw.contact;
  raw.keys = (rec.keys ?? []).flatMap((v) => v.replace(WEAK, '').split(NL));
  return raw;
};

/**
 * Enough evidence that this is an order and not prose that happens to say 订单号: a number of at least 6 characters with
 * at least 3 digits (short mixed numbers such as TX-A7Q29K are real; words and "000000" are not), and two facts.
 */
const confident = (o: ExtractedOrder): boolean => {
  if (o.orderNo.length < 6 || !/(?:\d\D*){3}/.test(o.orderNo) || /^(.)\1+$/.test(o.orderNo)) return false;
  const facts = [
    o.statusText !== undefined && o.status !== 'unknown',
    o.amount !== undefined,
    o.productName !== undefined,
    o.orderedAt !== undefined || o.paidAt !== undefined,
  ];
  return facts.filter(Boolean).length >= 2;
};

/**
 * Tables with a header row naming the order number and at least two other known fields, every header cell a label
 * (a label/value table whose first row is "单号 | X | 状态 | Y" is read as lines instead).
 */
const headerTables = (doc: Document): Element[] =>
  tablesBy(
    doc,
    (fields, cells) =>
      fields.includes('orderNo') && new Set(fields).size >= 3 && fields.filter(Boolean).length >= cells - 1,
  );

/** Tables (not nested, not skipped) whose header row's fields pass `test`. */
const tablesBy = (doc: Document, test: (fields: Array<Field | undefined>, cells: number) => boolean): Element[] =>
  all(doc.body, 'table', 50).filter((t) => {
    const cells = all(one(t, 'tr'), 'th,td', 30);
    return (
      test(
        cells.map((c) => fieldOf(textOf(c, 64))),
        cells.length,
      ) &&
      !t.parentElement?.closest('table') &&
      !skipped(t)
    );
  });

/**
 * A cart's item table: a header row naming the product and the quantity, no order number ("商品 | 单价 | 数量 | 小计").
 * The order's product is its items' names joined with "、", its quantity their sum (as dujiaoka's cart); its prices are
 * the items', never the order's amount.
 */
const itemTables = (doc: Document): Element[] =>
  tablesBy(doc, (fields) => fields.includes('product') && fields.includes('quantity') && !fields.includes('orderNo'));

const BADGE = /(?:^|[-_\s])(?:status|state|badge|pill|tag|label)(?:[-_\s]|$)/i;

/**
 * A status badge without a label, set beside the order number or the product, as a card's header shows them ("订单号
 * YM… [待支付]"): a short status word without digits ("库存 99" is a product fact, never a stock status). A badge
 * elsewhere (a progress stepper, a filter) says nothing about this order. It fills only what no label gave.
 */
const badgeOf = (block: ParentNode, near: ReadonlyArray<string | undefined>): string | undefined =>
  all(block, '[class]', 1000)
    .filter((el) => !el.children.length && hasToken(el, BADGE))
    .map((el): [Element, string] => [el, textOf(el, 9)])
    .find(
      ([el, t]) =>
        t.length < 9 &&
        !/\d/.test(t) &&
        !/^(?:un|out_of_)/.test(parseStatus(t)) &&
        near.some((n) => n && textOf(el.parentElement, 300).includes(n)) &&
        !skipped(el),
    )?.[1];

const fromTables = (tables: readonly Element[]): RawOrder[] =>
  tables.flatMap((t) =>
    tableRecords(t).map((rec) => {
      const pairs: Pair[] = [];
      for (const [label, cell] of rec) {
        const field = fieldOf(label);
        // A key cell keeps its lines ("K1<br>K2" is two keys): buildOrder splits the key text by line.
        if (field && !skip(cell)) pairs.push([field, field === 'keys' ? readText(cell, MAX_KEY * 50) : textOf(cell)]);
      }
      return toRaw(group(pairs)[0] ?? {});
    }),
  );

/** A line that can be a value: short, or one multi-line control value. */
const isValue = (l: string): boolean => l.includes(NL) || l.length <= MAX_LINE;

/** The label/value pairs of `root`'s text, in reading order (tables in `tables` left out). */
const pairsOf = (root: Node, tables: ReadonlySet<Element>): Pair[] => {
  const text = readText(root, 200_000, (el) => tables.has(el) || skip(el), control, false, BR, isolate);
  // A multi-line control value (NL inside) is one value, never prose and never a label.
  const marked = text
    .split('\n')
    .map((l) => cleanText(l, l.includes(NL) ? MAX_KEY * 50 : MAX_LINE + 1))
    .filter((l) => l && l !== BR);
  const lines = marked.map((l) => (l[0] === BR ? l.slice(1).trim() : l));
  const parsed = lines.map((l) => (l.length > MAX_LINE || l.includes(NL) ? { pairs: [] } : linePairs(l)));
  // Line i + 1 holds no label and a <br> started it.
  const plain = (i: number): boolean =>
    marked[i + 1]?.[0] === BR && !parsed[i + 1]!.bare && !parsed[i + 1]!.pairs.length && isValue(lines[i + 1]!);
  const pairs: Pair[] = [];
  for (let i = 0; i < lines.length; i++) {
    const { pairs: found, bare } = parsed[i]!;
    const start = pairs.length;
    pairs.push(...found);
    const next = parsed[i + 1];
    // A label alone on its line (a th/td, dt, label or strong element) takes the next line as its value.
    if (bare && next && !next.bare && !next.pairs.length && isValue(lines[i + 1]!)) {
      pairs.push([bare, lines[i + 1]!]);
      i++;
    }
    // Key lines split by <br> in one value ("卡密：K1<br>K2", <dd>K1<br>K2</dd>) are all keys, one per line.
    const last = pairs.length > start ? pairs.at(-1) : undefined;
    if (last?.[0] === 'keys') for (; plain(i); i++) last[1] += NL + lines[i + 1];
  }
  return pairs;
};

// Every order-number label of the vocabulary (订单号 is covered by 单号), English ones of bilingual shops too.
// English by case, since textContent glues neighbouring elements ("Order ID" + "PV7781025" = "Order IDPV7781025"): a
// lower-case letter after it makes a word ("Order now"), anything else a label.
const ORDER_WORD =
  /单号|流水号|交易号|订单(?:编号|编码|ID|id|\s*[#＃])|(?:[Oo]rder|ORDER)\s*(?:[Nn][Oo]|I[Dd]|[Nn]umber|#)(?![a-z])/;
const ZERO_WIDTH = /[\u200B-\u200F\u2060\uFEFF]/g;

/** True when `el` or an ancestor is hidden, quoted, an ad or page chrome (see skip). */
const skipped = (el: Element): boolean => {
  for (let n: Element | null = el; n && n.localName !== 'body'; n = n.parentElement) if (skip(n)) return true;
  return false;
};

/** Pairs of a few plain lines (a bare label takes the line after it). */
const pairsFromLines = (lines: readonly string[]): Pair[] =>
  lines.flatMap((line, i): Pair[] => {
    const { pairs, bare } = linePairs(line);
    return bare && lines[i + 1] ? [[bare, lines[i + 1]!]] : pairs;
  });

/**
 * The elements that label an order number outside the header tables, one per distinct number in page order: the
 * anchors of the page's order blocks. Found from the text nodes that hold an order-number word; each is read with
 * its line (a th, td or dt label with its row or list, where the value follows).
 */
const orderAnchors = (doc: Document, tables: readonly Element[]): Element[] => {
  const walker = doc.createTreeWalker(doc.body, 4 /* NodeFilter.SHOW_TEXT */);
  const anchors: Element[] = [];
  const numbers = new Set<string>();
  for (let n = walker.nextNode(); n && anchors.length < MAX_ORDERS; n = walker.nextNode()) {
    const el = n.parentElement;
    if (!el || !ORDER_WORD.test(n.nodeValue ?? '') || el.closest('script,style,template,textarea,noscript')) continue;
    if (tables.some((t) => t.contains(el)) || skipped(el)) continue;
    // The text itself when it holds the number ("订单号 YM250920…" in a card's header), else its line.
    const orderNo = (lines: string[]): string | undefined => pairsFromLines(lines).find(([f]) => f === 'orderNo')?.[1];
    let no = orderNo([cleanText(n.nodeValue)]);
    if (!no) {
      let line: Element = isBlock(el) ? el : (el.closest('p,li,div,dd,dt,td,th,tr,h1,h2,h3,h4,h5,h6') ?? el);
      if (/^(?:th|td|dt)$/.test(line.localName) && line.parentElement) line = line.parentElement;
      no = orderNo(
        readText(line, 600, undefined, control, false, '', isolate)
          .split('\n')
          .map((l) => cleanText(l))
          .filter(Boolean),
      );
    }
    const key = no && cleanText(no.replace(WEAK, ''), 64).split(' ')[0];
    if (key && !numbers.has(key)) {
      numbers.add(key);
      anchors.push(el);
    }
  }
  return anchors;
};

/** The order `raw` makes, if the reader is confident it is one. */
const build = (raw: RawOrder): ExtractedOrder[] => {
  const order = buildOrder('generic', raw);
  return order && confident(order) ? [order] : [];
};

const generic: PlatformAdapter = {
  id: 'generic',
  detect(doc) {
    const text = doc.body?.textContent ?? '';
    return ORDER_WORD.test((text.length > 2_000_000 ? text.slice(0, 2_000_000) : text).replace(ZERO_WIDTH, ''));
  },
  extract(doc, url) {
    if (!doc.body) return [];
    // Articles about 卡盟 problems quote order numbers; they are never the reader's order page. A gateway's 支付成功 page
    // that names a trade number is a payment stop page, no order either (see payment-stop.ts).
    if (one(doc, 'meta[property="og:type"][content="article"]') || readPaymentStop(doc, url)) return [];
    const tables = headerTables(doc);
    const items = itemTables(doc);
    const inTables = new Set([...tables, ...items]);
    // Several orders: each is read from its own block (the widest element around its order number that holds no other
    // one), so a status or a key can never move to a neighbour. One order: the whole page.
    const anchors = orderAnchors(doc, tables);
    const blocks = anchors.length > 1 ? orderBlocks(anchors) : [doc.body];
    return [
      ...fromTables(tables).flatMap(build),
      ...blocks.flatMap((b) => {
        const raws = group(pairsOf(b, inTables))
          .map(toRaw)
          .filter((r) => build(r).length);
        // A block's one order, once the labels make it one, takes what the block shows without a label: its cart's
        // items and a status badge (a gap only: what a label gave stays).
        if (raws.length > 1) return raws.flatMap(build);
        return raws.flatMap((raw) => {
          const cart = fromTables(items.filter((t) => b.contains(t)));
          const product = raw.product ?? (cart.map((r) => r.product).join('、') || undefined);
          const quantity = raw.quantity ?? cart.reduce((n, r) => n + (Number(r.quantity) || 0), 0);
          const status = raw.status ?? badgeOf(b, [build(raw)[0]!.orderNo, product]);
          return build({ ...raw, product, quantity, status });
        });
      }),
    ];
  },
};

export default generic;
