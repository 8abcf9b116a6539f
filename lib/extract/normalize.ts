/**
 * Pure string helpers shared by every adapter: page text in, normalised values out.
 * Nothing here touches the DOM, so each rule is unit-tested on plain strings.
 */
import type { OrderStatus } from './types';

/** Default cap for one field; longer page text is cut, never rejected (hostile pages send 100 KB strings). */
export const MAX_FIELD = 256;
/** Contact cap from the contract. */
export const MAX_CONTACT = 256;
/** Caps for card keys: one key line, and how many lines are kept. */
export const MAX_KEY = 1024;
export const MAX_KEYS = 500;

// Zero-width, bidi and control characters: invisible on screen, used to break matching or spoof text.
const INVISIBLE =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u206F\uFEFF\uFFF9-\uFFFB]/g;

/** Cut to at most `max` UTF-16 units without leaving half a surrogate pair behind. */
function cut(s: string, max: number): string {
  if (s.length <= max) return s;
  const out = s.slice(0, max);
  return /[\uD800-\uDBFF]$/.test(out) ? out.slice(0, -1) : out;
}

/**
 * Strip zero-width and control characters, collapse all whitespace (incl. full-width space and
 * line breaks) to single spaces, trim, and cap the length.
 */
export function cleanText(text: string | null | undefined, max: number = MAX_FIELD): string {
  if (!text) return '';
  // Bound the work before the regexes: a 100 KB value only ever yields `max` characters.
  const bounded = text.length > max * 4 + 256 ? text.slice(0, max * 4 + 256) : text;
  return cut(bounded.replace(INVISIBLE, '').replace(/\s+/g, ' ').trim(), max);
}

/** Like cleanText but keeps line breaks (one `\n` between non-empty lines). */
export function cleanLines(text: string | null | undefined, max: number = MAX_KEY * 8): string[] {
  if (!text) return [];
  const bounded = text.length > max ? text.slice(0, max) : text;
  return bounded
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => cleanText(l, MAX_KEY))
    .filter(Boolean);
}

/**
 * Status words of every surveyed system, most decisive first: a composite text such as
 * "完成付款/订单已退款" (fakanet) or "已付款 / 等待发货" (acg-faka) resolves to its later stage.
 * A few English words too: acg-faka passes its labels through i18n.
 */
const STATUS_RULES: ReadonlyArray<readonly [RegExp, OrderStatus]> = [
  [/已退款|已退单|退款成功|已折抵|\brefunded\b/i, 'refunded'],
  [/库存|卡密不足|抢走了?商品/, 'out_of_stock'],
  [/冻结|风控/, 'frozen'],
  // 退单中: a refund is under way, nothing delivered yet; 通知失败: epay took the money but the shop never heard.
  [/退单中|退款中|通知失败/, 'abnormal'],
  // Payment failures close the order without a clock (DESIGN: re-order), unlike delivery failures below.
  [/已过期|过期|已取消|取消|已关闭|交易关闭|超时|已撤回|支付失败|\b(?:expired|cancell?ed|closed)\b/i, 'closed'],
  [/异常|失败|\bfailed\b/i, 'abnormal'],
  [
    /已完成|订单完成|交易完成|交易成功|已发货|已使用|未使用|已人工处理|已发卡|已交付|\b(?:delivered|shipped|completed)\b/i,
    'delivered',
  ],
  [
    /待处理|处理中|正在处理|已处理|等待发货|正在发货|发货中|等待中|进行中|补单中|续费中|改密中|已更新|未开始|开通中|未发货|待发货|\bprocessing\b|awaiting (?:shipment|delivery)/i,
    'processing',
  ],
  [
    /待支付|待付款|未支付|未付款|部分付款|马上付款|继续支付|等待付款|等待支付|\bunpaid\b|(?:awaiting|pending) payment/i,
    'pending_payment',
  ],
  [/已支付|已付款|完成付款|付款成功|支付成功|通知成功|TRADE_SUCCESS|\bpaid\b/i, 'paid'],
];

/** Map a shop's status text (or a key-area message) to OrderStatus; the caller keeps the raw text. */
export function parseStatus(text: string | null | undefined): OrderStatus {
  const t = cleanText(text, 200);
  if (!t) return 'unknown';
  for (const [re, status] of STATUS_RULES) if (re.test(t)) return status;
  return 'unknown';
}

const CRYPTO = /(?:^|[^A-Za-z])(USDT|USDC|TRX|ETH|BTC|BNB|MATIC|LTC|DOGE|TON|SOL)(?![A-Za-z])/i;

/** Amount in major units plus currency: ￥ ¥ 元 RMB → CNY, crypto units by name, $ / USD → USD. */
export function parseAmount(
  text: string | null | undefined,
  defaultCurrency?: string,
): { amount: number; currency?: string } | undefined {
  // Chain names (USDT-TRC20, ERC20, BEP20) carry digits that are not the amount.
  const t = cleanText(text, 100).replace(/[TEB][RS]?C-?20|BEP-?20/gi, ' ');
  const m = /\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?/.exec(t);
  if (!m) return undefined;
  const amount = Number(m[0].replace(/,/g, ''));
  if (!Number.isFinite(amount) || amount > 1e9) return undefined;
  const crypto = CRYPTO.exec(t);
  const currency = crypto?.[1]
    ? crypto[1].toUpperCase()
    : /[￥¥]|元|RMB|CNY|人民币/i.test(t)
      ? 'CNY'
      : /\$|USD/i.test(t)
        ? 'USD'
        : defaultCurrency;
  return currency ? { amount, currency } : { amount };
}

const pad = (n: number): string => String(n).padStart(2, '0');

/**
 * Read a shop time as ISO 8601. Zone-less times are China time (+08:00); an explicit zone is kept.
 * Accepts 2024-05-01 12:30:45, 2024/5/1 12:30, 2024.05.01, 2024年5月1日 12时30分, 2024-05-01T12:30:45Z.
 */
export function parseChinaTime(text: string | null | undefined): string | undefined {
  const t = cleanText(text, 100);
  const m =
    /(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s*T?\s*(\d{1,2})\s*[:：时]\s*(\d{1,2})(?:\s*[:：分]\s*(\d{1,2})(?:\.\d+)?\s*秒?)?)?\s*(Z|[+-]\d{2}:?\d{2})?/i.exec(
      t,
    );
  if (!m) return undefined;
  const [y, mo, d, h = 0, mi = 0, s = 0] = m.slice(1, 7).map((v) => (v === undefined ? undefined : Number(v)));
  if (y === undefined || mo === undefined || d === undefined) return undefined;
  const probe = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  // Reject 2024-02-30, 25:00 and the like instead of letting Date roll them over.
  if (y < 2000 || y > 2100 || probe.getUTCMonth() !== mo - 1 || probe.getUTCDate() !== d || h > 23 || mi > 59 || s > 59)
    return undefined;
  const zone = m[7] ? (m[7].toUpperCase() === 'Z' ? 'Z' : m[7].replace(/^([+-]\d{2})(\d{2})$/, '$1:$2')) : '+08:00';
  return `${y}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(s)}${zone}`;
}

/** "Name x 2" / "Name × 2" → { name, quantity }; a name without the suffix comes back unchanged. */
export function splitProductName(text: string | null | undefined): { name: string; quantity?: number } {
  const t = cleanText(text, 200);
  // Whitespace before x/X keeps "iPhone X2" style names intact; × is never part of a name.
  const m = /^(.*?\S)(?:\s+[xX]\s*|\s*[×✕]\s*)(\d{1,6})$/.exec(t);
  if (!m?.[1]) return { name: t };
  const quantity = Number(m[2]);
  return quantity > 0 ? { name: m[1], quantity } : { name: m[1] };
}

/** Card keys one per line, trimmed, empty lines dropped; "卡号：X 密码：Y" stays one entry. */
export function splitCardKeys(text: string | null | undefined): string[] {
  return cleanLines(text, MAX_KEY * MAX_KEYS).slice(0, MAX_KEYS);
}

/** Contact as typed by the buyer, cleaned and capped at 256 characters. */
export function capContact(text: string | null | undefined): string {
  return cleanText(text, MAX_CONTACT);
}

/** 自动发货 → auto; 人工处理 / 人工发货 / 手工发货 / 手动发货 / 代充 → manual. */
export function parseDeliveryMode(text: string | null | undefined): 'auto' | 'manual' | undefined {
  const t = cleanText(text, 100);
  if (/人工|手工|手动|代充/.test(t)) return 'manual';
  if (/自动|在线发货|即时发货/.test(t)) return 'auto';
  return undefined;
}

/** Key-area texts that are not keys: waiting notes, loading spinners, "no keys yet". */
const NOT_A_KEY =
  /正在发货中|请耐心等待|未发货|暂无卡密|正在查询|请勿刷新|加载中|正在解密|正在生成卡密|已人工处理|请输入查询密码|卡密加载失败/;
/** Stock messages that a shop writes into the key area instead of keys. */
const STOCK = /库存|卡密不足|抢走了?商品/;

/**
 * Split a key area into real keys and a status hint: stock messages → out_of_stock,
 * waiting notes → processing; both are dropped from the keys.
 */
export function readKeyArea(text: string | null | undefined): { keys: string[]; status?: OrderStatus } {
  const lines = splitCardKeys(text);
  let status: OrderStatus | undefined;
  const keys = lines.filter((line) => {
    if (STOCK.test(line)) status = 'out_of_stock';
    else if (NOT_A_KEY.test(line)) status ??= /已人工处理/.test(line) ? 'delivered' : 'processing';
    else return true;
    return false;
  });
  return status ? { keys, status } : { keys };
}

const CN_DIGITS: Record<string, number> = {
  零: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/** 1–99 in digits or Chinese numerals (十二, 二十四, 半 = 0.5). */
function readNumber(s: string): number | undefined {
  if (/^\d+(\.\d+)?$/.test(s)) return Number(s);
  if (s === '半') return 0.5;
  const m = /^([一二两三四五六七八九])?(十)?([一二三四五六七八九])?$/.exec(s);
  if (!m || !s) return undefined;
  const tens = m[2] ? (m[1] ? (CN_DIGITS[m[1]] ?? 0) : 1) : 0;
  const ones = m[2] ? (m[3] ? (CN_DIGITS[m[3]] ?? 0) : 0) : m[1] ? (CN_DIGITS[m[1]] ?? 0) : 0;
  return tens * 10 + ones || undefined;
}

const NUM_SRC = '\\d+(?:\\.\\d+)?|[一二两三四五六七八九十半]{1,3}';
const UNIT_SRC = '分钟|分|小时|个?钟头|个?工作日|天|日|hours?|h|min(?:ute)?s?';
// The lower end of "1-12小时" / "1小时至12小时"; only the upper end is captured.
const RANGE = `(?:(?:${NUM_SRC})\\s*(?:${UNIT_SRC})?\\s*(?:-|~|～|—|至|到)\\s*)?`;
const WINDOW = `${RANGE}(?<n>${NUM_SRC})\\s*(?<u>${UNIT_SRC})`;
const DELIVERY_WORD = '(?:发货|到账|处理|充值|发卡|交付|开通|补单|上号)';
/** Built on first use, so bundles that never look for a promised window do not carry them. */
let windowRes: [windowFirst: RegExp, wordFirst: RegExp] | undefined;
function windowRegExps(): [RegExp, RegExp] {
  return (windowRes ??= [
    // "24小时内发货", "5分钟内自动发货", "1-12小时内到账": the window, then a delivery word a few characters on.
    new RegExp(`${WINDOW}\\s*(?:之内|以内|内)?(?<gap>[^，。,.;；！!]{0,6}?)${DELIVERY_WORD}`, 'gi'),
    // "人工处理 1-12小时", "发货时间：24小时": the delivery word first.
    new RegExp(`${DELIVERY_WORD}(?:时间|时效)?\\s*[:：]?\\s*${WINDOW}`, 'gi'),
  ]);
}

function toMinutes(n: number, unit: string): number {
  if (/^(分|min)/i.test(unit)) return n;
  if (/工作日|天|日/.test(unit)) return n * 24 * 60;
  return n * 60;
}

/**
 * Find a promised delivery window in page text ("24小时内发货", "5分钟内自动发货", "人工处理 1-12小时")
 * and return its upper bound in minutes. With several statements the largest wins, so reminders never
 * fire before any promise on the page has run out. Payment limits ("5分钟内完成支付") are ignored.
 */
export function parsePromisedWindowMinutes(text: string | null | undefined): number | undefined {
  const t = cleanText(text, 200_000);
  let best: number | undefined;
  const consider = (numText: string | undefined, unit: string | undefined): void => {
    const n = numText ? readNumber(numText) : undefined;
    if (n === undefined || !unit) return;
    const minutes = Math.round(toMinutes(n, unit));
    if (minutes > 0 && minutes <= 60 * 24 * 30 && (best === undefined || minutes > best)) best = minutes;
  };
  const [windowFirst, wordFirst] = windowRegExps();
  for (const m of t.matchAll(windowFirst)) {
    if (!/支付|付款|下单/.test(m.groups?.gap ?? '')) consider(m.groups?.n, m.groups?.u);
  }
  for (const m of t.matchAll(wordFirst)) consider(m.groups?.n, m.groups?.u);
  return best;
}
