/**
 * The generic extractor, for shops no adapter knows. It reads the survey's label vocabulary from
 * "Label：value" text (full-width and ASCII colons), label/value cells and dl/dt/dd (a label alone on
 * its line, the value on the next), readonly inputs, and header tables (header row → columns).
 * Precision over recall: an order needs an order-number label with a plausible number and at least
 * two of status / amount / product / time, or nothing is returned.
 */
import { cleanText, MAX_KEY } from '../normalize';
import {
  all,
  buildOrder,
  hasToken,
  isChrome,
  labelOf,
  LABELS,
  normLabel,
  one,
  readText,
  tableRecords,
  textOf,
  type Field,
  type PlatformAdapter,
  type RawOrder,
} from '../platform';
import type { ExtractedOrder } from '../types';

/** label → field, from the shared vocabulary. */
const FIELD_OF = new Map<string, Field>(
  Object.entries(LABELS).flatMap(([f, labels]) => labels.map((l): [string, Field] => [l, f as Field])),
);
// A vocabulary label followed by a colon, at a line start or after a separator: "您的订单号：" in prose
// (label glued to a preceding word) is not a label. Labels are plain words (a test checks), so they
// need no escaping; the longest label comes first.
const LABEL_RE = new RegExp(
  `(?<=^|[\\s|｜/,，;；、()（）\\[\\]【】<>《》·•])(${[...FIELD_OF.keys()]
    .sort((a, b) => b.length - a.length)
    .join('|')})\\s*[:：]`,
  'g',
);
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

/** Hidden, quoted, advertising and chrome elements are not the order. A `<code>` that is a definition's whole value
 * (`<dd><code>LS24…</code></dd>`, common in Bootstrap shops) is the order's own value, unlike code in docs and tables. */
const skip = (el: Element): boolean =>
  (el.matches(NEVER) && !(el.localName === 'code' && el.parentElement?.localName === 'dd')) ||
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

type Pair = [Field, string];

/** Label/value pairs of one text line, plus whether the line is a bare label (value on the next line). */
const linePairs = (line: string): { pairs: Pair[]; bare?: Field } => {
  const marks = [...line.matchAll(LABEL_RE)];
  if (!marks.length) {
    const bare = FIELD_OF.get(normLabel(line));
    return bare && line.length <= 16 ? { pairs: [], bare } : { pairs: [] };
  }
  // "卡密信息：" with nothing after it: the value is on the next line (a textarea, a dd).
  if (marks.length === 1 && marks[0]!.index! + marks[0]![0].length >= line.length && line.length <= 16)
    return { pairs: [], bare: FIELD_OF.get(marks[0]![1]!) };
  return {
    pairs: marks.map((m, i) => {
      const end = marks[i + 1]?.index ?? line.length;
      // "（联系方式：138****5678）": the pair ends before the bracket or separator that closes it.
      const value = line.slice(m.index! + m[0].length, end).replace(/[\s)）\]】|｜,，;；。、]+$/, '');
      return [FIELD_OF.get(m[1]!)!, value];
    }),
  };
};

/** Records from a stream of pairs: a repeated field, once an order number is known, starts the next order. */
const group = (pairs: readonly Pair[]): Array<Partial<Record<Field, string[]>>> => {
  const records: Array<Partial<Record<Field, string[]>>> = [];
  let cur: Partial<Record<Field, string[]>> = {};
  for (const [field, value] of pairs) {
    if (!value) continue;
    if (field !== 'keys' && cur[field] && cur.orderNo) {
      records.push(cur);
      cur = {};
    }
    (cur[field] ??= []).push(value);
  }
  records.push(cur);
  return records;
};

/** The first value of each field; the key values split back into their lines. */
const toRaw = (rec: Partial<Record<Field, string[]>>): RawOrder => {
  const raw: Record<string, unknown> = {};
  for (const f in LABELS) raw[f] = rec[f as Field]?.[0];
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

/** Tables with a header row naming the order number and at least two other known fields. */
const headerTables = (doc: Document): Element[] =>
  all(doc.body, 'table', 50).filter((t) => {
    const row = one(t, 'tr');
    const fields = new Set(all(row, 'th,td', 30).map((c) => FIELD_OF.get(labelOf(c))));
    return fields.has('orderNo') && fields.size >= 3 && !t.parentElement?.closest('table');
  });

const fromTables = (tables: readonly Element[]): RawOrder[] =>
  tables.flatMap((t) =>
    tableRecords(t).map((rec) => {
      const pairs: Pair[] = [];
      for (const [label, cell] of rec) {
        const field = FIELD_OF.get(label);
        // A key cell keeps its lines ("K1<br>K2" is two keys): buildOrder splits the key text by line.
        if (field && !skip(cell)) pairs.push([field, field === 'keys' ? readText(cell, MAX_KEY * 50) : textOf(cell)]);
      }
      return toRaw(group(pairs)[0] ?? {});
    }),
  );

/** A line that can be a value: short, or one multi-line control value. */
const isValue = (l: string): boolean => l.includes(NL) || l.length <= MAX_LINE;

const fromText = (doc: Document, tables: ReadonlySet<Element>): RawOrder[] => {
  const text = readText(doc.body, 200_000, (el) => tables.has(el) || skip(el), control, false, BR);
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
    // A label alone on its line (a th/td, dt or label element) takes the next line as its value.
    if (bare && next && !next.bare && !next.pairs.length && isValue(lines[i + 1]!)) {
      pairs.push([bare, lines[i + 1]!]);
      i++;
    }
    // Key lines split by <br> in one value ("卡密：K1<br>K2", <dd>K1<br>K2</dd>) are all keys, one per line.
    const last = pairs.length > start ? pairs.at(-1) : undefined;
    if (last?.[0] === 'keys') for (; plain(i); i++) last[1] += NL + lines[i + 1];
  }
  return group(pairs).map(toRaw);
};

// 订单号 is covered by 单号.
const ORDER_WORD = /单号|订单(?:编号|ID|id)/;
const ZERO_WIDTH = /[\u200B-\u200F\u2060\uFEFF]/g;

const generic: PlatformAdapter = {
  id: 'generic',
  detect(doc) {
    const text = doc.body?.textContent ?? '';
    return ORDER_WORD.test((text.length > 2_000_000 ? text.slice(0, 2_000_000) : text).replace(ZERO_WIDTH, ''));
  },
  extract(doc) {
    if (!doc.body) return [];
    // Articles about 卡盟 problems quote order numbers; they are never the reader's order page.
    if (one(doc, 'meta[property="og:type"][content="article"]')) return [];
    const tables = headerTables(doc);
    const raws = [...fromTables(tables), ...fromText(doc, new Set(tables))];
    return raws.flatMap((raw) => {
      const order = buildOrder('generic', raw);
      return order && confident(order) ? [order] : [];
    });
  },
};

export default generic;
