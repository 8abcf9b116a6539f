/**
 * The terms a buyer should confirm before paying, read from a product title ("腾讯视频VIP月卡 代充 仅限安卓 24小时内
 * 到账"): how long it lasts, top-up or card key, platform and region limits, automatic or manual delivery, a
 * delivery promise, and a few phrases that change what the buyer gets (不退不换, 需要上号). Pure: a string in,
 * terms out, each with the words it was read from so the panel can show the shop's own words.
 */
import { halfWidth } from './field-kind';

/** What a term is about. */
export type TermKind =
  | 'duration' // 月卡 / 季卡 / 半年卡 / 年卡 / N天
  | 'topup' // 代充 / 直充: the shop tops up the account the buyer enters
  | 'card_key' // 卡密 / 激活码 / 兑换码 / CDK: the buyer receives a code
  | 'platform' // 仅限安卓 / iOS
  | 'region' // 指定区服 / 国服 / 限区
  | 'delivery_auto' // 自动发货 / 秒发
  | 'delivery_manual' // 人工发货 / 人工充值
  | 'promise' // 24小时内到账
  | 'no_refund' // 不退不换
  | 'needs_login'; // 上号: the shop logs into the buyer's account

export interface Term {
  kind: TermKind;
  /** The words as the title has them. */
  text: string;
  /** duration: its length in days (月卡 = 30); promise: its window in minutes. */
  value?: number;
}

const digit = (c: string | undefined): number => (c ? '零一二三四五六七八九'.indexOf(c.replace('两', '二')) : 0);
/** 1–999 in digits or Chinese numerals (十五, 两, 一百二十). */
const cnToNumber = (s: string): number => {
  if (/^\d+$/.test(s)) return Number(s);
  const m = /^(?:([一二两三四五六七八九])?(百))?(?:([一二两三四五六七八九])?(十))?([一二两三四五六七八九])?$/.exec(s);
  if (!m) return NaN;
  const hundreds = m[2] ? (m[1] ? digit(m[1]) : 1) * 100 : 0;
  const tens = m[4] ? (m[3] ? digit(m[3]) : 1) * 10 : 0;
  return hundreds + tens + digit(m[5]);
};

/**
 * Where one of `words` first occurs in `text` (the leftmost, the longest there), with `ok` deciding on each
 * occurrence. Plain substring search: regular expressions would be compiled again in every page.
 */
function findWord(
  text: string,
  words: readonly string[],
  ok: (at: number, word: string) => boolean = () => true,
): { at: number; word: string } | undefined {
  let best: { at: number; word: string } | undefined;
  for (const word of words) {
    for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
      if (!ok(at, word)) continue;
      if (!best || at < best.at || (at === best.at && word.length > best.word.length)) best = { at, word };
      break;
    }
  }
  return best;
}

// A number of days followed by these is a promise or an after-sales rule, not a duration: "3天内到账", "7天无理由".
const NOT_DURATION = ['内', '之内', '以内', '无理由', '包退', '包换', '售后'];
const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
/** A duration word at `at`: not a promise ("7天内"), and "1个月" not inside "11个月" nor "1年" inside "2021年". */
const durationAt =
  (text: string) =>
  (at: number, word: string): boolean =>
    !(isDigit(word[0]) && isDigit(text[at - 1])) && !NOT_DURATION.some((n) => text.startsWith(n, at + word.length));

/** Duration words, most specific first, and their length in days (a month counts 30). */
const DURATIONS: readonly [words: readonly string[], days: number][] = [
  [['半年卡', '半年', '六个月', '6个月'], 180],
  [['年卡', '年费', '包年', '一年', '1年', '12个月', '十二个月', '年度'], 365],
  [['季卡', '季度', '包季', '三个月', '3个月'], 90],
  [['月卡', '包月', '月度', '一个月', '1个月', '30天'], 30],
  [['周卡', '一周', '7天', '七天'], 7],
  [['日卡', '天卡', '1天', '一天'], 1],
];
// "3天体验", "两个月", "15日".
const N_DAYS = /(\d{1,4}|[一二两三四五六七八九十百]+)\s*(个月|天|日)(?!内|之内|以内|无理由|包退|包换|售后)/;

/** Word lists: [kind, words]; the words found are what the panel shows. */
const WORDS: readonly [TermKind, readonly string[]][] = [
  ['topup', ['代充', '直充', '代开', '帮充', '代下单', '充值到账号', '充到账号', '官方充值']],
  ['card_key', ['卡密', '激活码', '兑换码', 'cdkey', 'cd-key', 'cdk', '礼品卡', '兑换卡', '充值卡', '点卡']],
  ['delivery_auto', ['自动发货', '自动充值', '自动到账', '秒发', '秒到', '秒充', '即时到账', '自动发卡']],
  [
    'delivery_manual',
    ['人工发货', '人工充值', '人工处理', '人工代充', '手工发货', '手动发货', '手工充值', '在线发货', '人工'],
  ],
  ['no_refund', ['不退不换', '不支持退款', '不退款', '概不退', '售出不退', '不予退款']],
];
/** The kinds whose wording varies too much for a word list. */
const PATTERNS: readonly [TermKind, RegExp][] = [
  ['platform', /(?:仅限|限)?(?:安卓|苹果|ios\b|android)(?:专用|区|端|系统)?|双端通用|全平台|仅限pc|电脑端/],
  [
    'region',
    /指定区服|限区|限服|仅限[^\s，,。]{1,6}[区服]|全区全服|国服|港服|台服|日服|韩服|美服|外服|国际服|亚服|欧服|官服|渠道服|b服|[美港日台韩国外欧俄]区|qq区|微信区|wx区|区服/,
  ],
  ['needs_login', /上号|需要?账号密码|提供(?:账号)?密码|需密码|登号|需要?登录(?:您|你)?的?(?:游戏)?账号/],
];

/** The word 人工 alone, not in 人工智能 or 人工客服. */
const manualAt =
  (text: string) =>
  (at: number, word: string): boolean =>
    word !== '人工' || !(text.startsWith('智能', at + 2) || text.startsWith('客服', at + 2));

/** Every word-list and pattern term of `lower` (lower case), with the original text `t` for the words shown. */
function readWords(t: string, lower: string, kinds?: ReadonlySet<TermKind>): Term[] {
  const out: Term[] = [];
  for (const [kind, words] of WORDS) {
    if (kinds && !kinds.has(kind)) continue;
    const hit = findWord(lower, words, kind === 'delivery_manual' ? manualAt(lower) : undefined);
    if (!hit) continue;
    // The bare word 人工 gives way to an explicit 自动发货 in the same text.
    if (hit.word === '人工' && out.some((x) => x.kind === 'delivery_auto')) continue;
    out.push({ kind, text: t.slice(hit.at, hit.at + hit.word.length) });
  }
  for (const [kind, re] of PATTERNS) {
    if (kinds && !kinds.has(kind)) continue;
    const m = re.exec(lower);
    if (m) out.push({ kind, text: t.slice(m.index, m.index + m[0].length) });
  }
  return out;
}

/** The order a buyer confirms terms in: what it is, how it is delivered, limits, when, then the fine print. */
export const TERM_ORDER: readonly TermKind[] = [
  'duration',
  'topup',
  'card_key',
  'platform',
  'region',
  'delivery_auto',
  'delivery_manual',
  'promise',
  'no_refund',
  'needs_login',
];

/** Bounded: titles are short, but a page may put a paragraph in its heading. */
const MAX_TITLE = 300;

/**
 * Reads the terms of a product title, in the order a buyer confirms them: duration, what is delivered, limits,
 * delivery, promise, then the rest. Each kind appears at most once (its first wording in the title).
 */
export function readTitleTerms(title: string): Term[] {
  const t = halfWidth(title.slice(0, MAX_TITLE));
  // Matched in lower case; the words shown are the title's own, at the same place (ASCII lower-casing keeps length).
  const lower = t.replace(/[A-Z]/g, (c) => c.toLowerCase());
  const terms: Term[] = [];
  let duration: Term | undefined;
  for (const [words, days] of DURATIONS) {
    const hit = findWord(lower, words, durationAt(lower));
    if (hit) {
      duration = { kind: 'duration', text: t.slice(hit.at, hit.at + hit.word.length), value: days };
      break;
    }
  }
  if (!duration) {
    const m = N_DAYS.exec(lower);
    const days = m ? cnToNumber(m[1]!) * (m[2] === '个月' ? 30 : 1) : NaN;
    if (m && Number.isFinite(days) && days > 0)
      duration = { kind: 'duration', text: t.slice(m.index, m.index + m[0].length), value: days };
  }
  if (duration) terms.push(duration);
  terms.push(...readWords(t, lower));
  const promise = readPromise(t);
  if (promise) terms.push(promise);
  return terms.toSorted((a, b) => TERM_ORDER.indexOf(a.kind) - TERM_ORDER.indexOf(b.kind));
}

/**
 * The notes a product's surroundings show beside its name: 上号 and 不退不换 anywhere in its card's text, and the
 * delivery mode only from a badge of its own (a short text that is just 自动发货 / 人工处理): a shop-wide notice
 * ("本站商品付款后自动发货") above a manual product says nothing about this one. Prices and counts in the card would
 * read as durations, so no other kinds.
 */
export function readNotes(text: string, badges: readonly string[] = []): Term[] {
  const t = halfWidth(text.slice(0, 4000));
  const notes = readWords(
    t,
    t.replace(/[A-Z]/g, (c) => c.toLowerCase()),
    NOTE_KINDS,
  );
  for (const badge of badges) {
    // "人工处理", "(自动发货)", "发货类型：自动发货"
    const b = badge.replace(/^[^:：]{1,6}[:：]\s*/, '').replace(/^[\s(（【[]+|[\s)）】\]:：!！]+$/g, '');
    for (const [kind, words] of WORDS)
      if ((kind === 'delivery_auto' || kind === 'delivery_manual') && words.includes(b)) {
        if (!notes.some((x) => x.kind === 'delivery_auto' || x.kind === 'delivery_manual'))
          notes.push({ kind, text: b });
      }
  }
  return notes;
}
const NOTE_KINDS: ReadonlySet<TermKind> = new Set(['needs_login', 'no_refund']);

// "24小时内到账", "1-12小时发货", "5分钟内自动发货": the statements the order pages are read for (lib/extract/normalize
// parsePromisedWindowMinutes), with the upper end of a range and its unit captured.
const PROMISE_TEXT =
  /(?:(?:\d+(?:\.\d+)?|[一二两三四五六七八九十]{1,3})\s*(?:分钟|小时|个?钟头|个?工作日|天|日)?\s*(?:-|~|～|至|到)\s*)?(?<n>\d+(?:\.\d+)?|[一二两三四五六七八九十半]{1,3})\s*(?<u>分钟|小时|个?钟头|个?工作日|天|日)\s*(?:之内|以内|内)?(?<gap>[^，。,.;；！!\s]{0,6}?)(?:发货|到账|处理|充值|发卡|交付|开通|补单|上号)/g;

/** Minutes of "<n><unit>", or undefined for no number; at most 30 days, as on order pages. */
function promiseMinutes(n: string, unit: string): number | undefined {
  const value = n === '半' ? 0.5 : /^\d/.test(n) ? Number(n) : cnToNumber(n);
  if (!(value > 0)) return undefined;
  const minutes = Math.round(unit.startsWith('分') ? value : /工作日|天|日/.test(unit) ? value * 1440 : value * 60);
  return minutes <= 43_200 ? minutes : undefined;
}

/**
 * The delivery promise stated in text, with its words and its window in minutes (the order pages' own reading).
 * With several statements the longest window wins, as on order pages: reminders never fire before any promise the
 * buyer read has run out. A payment limit ("5分钟内完成支付", "…付款后发货") is no delivery promise.
 */
export function readPromise(text: string): Term | undefined {
  let best: Term | undefined;
  for (const m of text.slice(0, 200_000).matchAll(PROMISE_TEXT)) {
    const g = m.groups!;
    if (/支付|付款|下单/.test(g.gap ?? '')) continue;
    const minutes = promiseMinutes(g.n!, g.u!);
    if (minutes && minutes > (best?.value ?? 0)) best = { kind: 'promise', text: m[0], value: minutes };
  }
  return best;
}
