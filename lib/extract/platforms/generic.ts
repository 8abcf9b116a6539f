/**
 * The generic extractor, for shops no adapter knows. It reads the label vocabulary (LABELS, plus English labels of its
 * own) wherever shops put it: "Label：value" text (full-width and ASCII colons), a label alone on its line with the
 * value on the next (a th or td before its value cell, a dt before its dd, a <strong>, <label> or span.label before
 * the value, with or without a colon), bilingual labels ("Order No. / 订单号", "Total / 合计"), readonly inputs, and
 * header tables (header row → columns). With several orders on a page, each order's block is read on its own, so no
 * field can move to a neighbour.
 * Precision over recall: an order needs an order-number label with a plausible number and at least two of status /
 * amount / product / time, or nothing is returned.
 */
import { cleanText, MAX_KEY } from '../normalize';
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
 * English labels of bilingual and translated shops, by field, '|' between labels. They are matched without case,
 * spaces and dots ("Order No." = "order no"); "#" reads as "no" ("Order #").
 */
const ENGLISH: Readonly<Record<Field, string>> = {
  orderNo: 'order no|order number|order id|trade no|transaction no',
  product: 'product|product name|item|item name|goods',
  quantity: 'qty|quantity',
  amount: 'total|total amount|grand total|amount|amount paid|paid amount|order total',
  payment: 'payment|payment method|paid with|payment channel',
  orderedAt: 'order time|order date|date|created|created at|placed at|placed on|time',
  paidAt: 'paid at|paid on|payment time|payment date',
  status: 'status|order status|state',
  contact: 'email|e-mail|contact|account|recipient|phone',
  delivery: 'delivery|delivery method|delivery type',
  keys: 'key|keys|card key|card keys|code|codes|license key|cdk|redeem code',
};

/** An English label as a lookup key: lower case, no spaces, dots, dashes or colons; "#" reads as "no". */
const englishKey = (s: string): string =>
  s
    .toLowerCase()
    .replace(/[#＃]/g, 'no')
    .replace(/[\s.:：*_-]/g, '');

/**
 * label → field (the shared vocabulary by its words, the English labels by their keys), and the regex of "Label："
 * pairs. Built on first use: the extractor runs on every shop page, and most are read by a system's own adapter.
 */
let vocabulary: { fieldOf: Map<string, Field>; labelRe: RegExp } | undefined;
const vocabularyTables = (): NonNullable<typeof vocabulary> =>
  (vocabulary ??= {
    fieldOf: new Map<string, Field>(
      (Object.keys(LABELS) as Field[]).flatMap((f) => [
        ...LABELS[f].map((l): [string, Field] => [l, f]),
        ...ENGLISH[f].split('|').map((l): [string, Field] => [englishKey(l), f]),
      ]),
    ),
    // A vocabulary label followed by a colon, at a line start or after a separator: "您的订单号：" in prose (label
    // glued to a preceding word) is not a label. Chinese labels are plain words (a test checks), so they need no
    // escaping; English ones allow spaces and a dot between their words. The longest label comes first.
    labelRe: new RegExp(
      `(?<=^|[\\s|｜/,，;；、()（）\\[\\]【】<>《》·•])(${[
        ...Object.values(LABELS).flat(),
        ...Object.values(ENGLISH).flatMap((l) => l.split('|').map((w) => w.replace(/\s+/g, '\\.?\\s*'))),
      ]
        .sort((a, b) => b.length - a.length)
        .join('|')})\\.?\\s*[:：]`,
      'gi',
    ),
  });

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

/** Hidden, quoted, advertising and chrome elements are not the order. A `<code>` that is a definition's or a cell's
 * whole value (`<dd><code>LS24…</code></dd>`, common in Bootstrap shops) is the order's own value, unlike code in docs. */
const skip = (el: Element): boolean =>
  (el.matches(NEVER) && !(el.localName === 'code' && /^(?:dd|td)$/.test(el.parentElement?.localName ?? ''))) ||
  isChrome(el) ||
  /display\s*:\s*none|visibility\s*:\s*hidden/i.test(el.getAttribute('style') ?? '') ||
  hasToken(el, AD_TOKENS);

/**
 * Shop-shown values in form controls: readonly/disabled inputs and textareas, never what a user types. An empty one
 * still fills its slot (a lone NL), so a label over an empty key box does not take the next link or line as its value.
 */
const control = (el: Element): string | undefined =>
  el.matches('[readonly],[disabled]') && (el.localName !== 'input' || /^(text|)$/i.test(el.getAttribute('type') ?? ''))
    ? ((el as HTMLInputElement).value ?? '').slice(0, MAX_KEY * 50).replace(/\r?\n/g, NL) || NL
    : undefined;

/** Inline elements that shops use as labels. */
const LABEL_TAGS = /^(?:strong|b|label|em|span|th|td|dt)$/;

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
 * class="badge">已完成</span>". Only an element whose whole text is a label and that starts its line: "请保存好<strong>订单号
 * </strong>" in prose is no label. (Spans only with a label-like class: spans are everywhere.)
 */
const isolate = (el: Element): boolean =>
  LABEL_TAGS.test(el.localName) &&
  (el.localName !== 'span' || hasToken(el, /(?:^|[-_\s])(?:label|key|name|title|field)(?:[-_\s]|$)/i)) &&
  (el.textContent?.length ?? 99) < 64 &&
  fieldOf(el.textContent ?? '') !== undefined &&
  startsLine(el);

type Pair = [Field, string];

/** Label/value pairs of one text line, plus whether the line is a bare label (value on the next line). */
const linePairs = (line: string): { pairs: Pair[]; bare?: Field } => {
  const marks = [...line.matchAll(vocabularyTables().labelRe)];
  const bare = line.length <= 48 ? fieldOf(line) : undefined;
  // "卡密信息：" or "Order No. / 订单号" with nothing after it: the value is on the next line (a textarea, a dd).
  if (bare) return { pairs: [], bare };
  return {
    pairs: marks.map((m, i) => {
      const end = marks[i + 1]?.index ?? line.length;
      // "（联系方式：138****5678）": the pair ends before the bracket or separator that closes it.
      const value = line.slice(m.index! + m[0].length, end).replace(/[\s)）\]】|｜/,，;；。、]+$/, '');
      return [fieldOf(m[1]!)!, value];
    }),
  };
};

/** Records from a stream of pairs: a repeated field, once an order number is known, starts the next order. */
const group = (pairs: readonly Pair[]): Array<Partial<Record<Field, string[]>>> => {
  const records: Array<Partial<Record<Field, string[]>>> = [];
  let cur: Partial<Record<Field, string[]>> = {};
  for (const [field, value] of pairs) {
    if (!value) continue;
    // Keys come in several lines and contacts in several kinds (邮箱 and 充值账号): neither starts an order.
    if (field !== 'keys' && field !== 'contact' && cur[field] && cur.orderNo) {
      records.push(cur);
      cur = {};
    }
    (cur[field] ??= []).push(value);
  }
  records.push(cur);
  return records;
};

/**
 * The first value of each field; the key values split back into their lines. Of several contacts the first that is
 * no e-mail address wins: a recipient account (充值账号) is what drafts need, an e-mail only where there is nothing else.
 */
const toRaw = (rec: Partial<Record<Field, string[]>>): RawOrder => {
  const raw: Record<string, unknown> = {};
  for (const f in LABELS) raw[f] = rec[f as Field]?.[0];
  raw.contact = rec.contact?.find((c) => !c.includes('@')) ?? raw.contact;
  raw.keys = (rec.keys ?? []).flatMap((v) => v.split(NL));
  return raw;
};

/** Enough evidence that this is an order and not prose that happens to say 订单号. */
const confident = (o: ExtractedOrder): boolean => {
  if (o.orderNo.length < 6 || !/(?:\d\D*){4}/.test(o.orderNo) || /^(.)\1+$/.test(o.orderNo)) return false;
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
  all(doc.body, 'table', 50).filter((t) => {
    const cells = all(one(t, 'tr'), 'th,td', 30);
    const fields = cells.map((c) => fieldOf(textOf(c, 64)));
    return (
      fields.includes('orderNo') &&
      new Set(fields).size >= 3 &&
      fields.filter(Boolean).length >= cells.length - 1 &&
      !t.parentElement?.closest('table')
    );
  });

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
const ORDER_WORD = /单号|流水号|交易号|订单(?:编号|编码|ID|id)|order\s*(?:no\b|id\b|number|#)/i;
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
    let line: Element = isBlock(el) ? el : (el.closest('p,li,div,dd,dt,td,th,tr,h1,h2,h3,h4,h5,h6') ?? el);
    if (/^(?:th|td|dt)$/.test(line.localName) && line.parentElement) line = line.parentElement;
    const lines = readText(line, 600, undefined, control, false, '', isolate)
      .split('\n')
      .map((l) => cleanText(l))
      .filter(Boolean);
    const no = pairsFromLines(lines).find(([f]) => f === 'orderNo')?.[1];
    const key = no && cleanText(no, 64).split(' ')[0];
    if (key && !numbers.has(key)) {
      numbers.add(key);
      anchors.push(el);
    }
  }
  return anchors;
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
    const inTables = new Set(tables);
    // Several orders: each is read from its own block (the widest element around its order number that holds no other
    // one), so a status or a key can never move to a neighbour. One order: the whole page.
    const anchors = orderAnchors(doc, tables);
    const blocks = anchors.length > 1 ? orderBlocks(anchors) : [doc.body];
    const raws = [...fromTables(tables), ...blocks.flatMap((b) => group(pairsOf(b, inTables)).map(toRaw))];
    return raws.flatMap((raw) => {
      const order = buildOrder('generic', raw);
      return order && confident(order) ? [order] : [];
    });
  },
};

export default generic;
