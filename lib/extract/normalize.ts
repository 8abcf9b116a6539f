/**
 * Pure string helpers shared by every adapter: page text in, normalised values out.
 * Nothing here touches the DOM, so each rule is unit-tested on plain strings.
 * Written with the extractor's 30 KB budget in mind: shared regexes, no duplicated word lists.
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

/**
 * Strip zero-width and control characters, collapse all whitespace (incl. full-width space and
 * line breaks) to single spaces, trim, and cap the length (never leaving half a surrogate pair behind).
 */
export const cleanText = (text: string | null | undefined, max: number = MAX_FIELD): string => {
  // Bound the work before the regexes: a 100 KB value only ever yields `max` characters.
  const s = (text || '')
    .slice(0, max * 4 + 256)
    .replace(INVISIBLE, '')
    .replace(/\s+/g, ' ')
    .trim();
  const out = s.slice(0, max);
  return s.length > max && /[\uD800-\uDBFF]$/.test(out) ? out.slice(0, -1) : out;
};

/** Stock messages, as a status and as what a shop writes into the key area instead of keys. */
const STOCK = /库存|卡密不足|抢走了?商品/;

/**
 * Status words of every surveyed system, most decisive first: a composite text such as
 * "完成付款/订单已退款" (fakanet) or "已付款 / 等待发货" (acg-faka) resolves to its later stage.
 * A few English words too: acg-faka passes its labels through i18n. Words that contain a shorter
 * listed word (等待付款 ⊃ 待付款) are left out: the shorter one already matches them.
 */
const STATUS_RULES: ReadonlyArray<readonly [RegExp, OrderStatus]> = [
  [/已退[款单]|退款成功|已折抵|\brefunded\b/i, 'refunded'],
  [STOCK, 'out_of_stock'],
  [/冻结|风控/, 'frozen'],
  // 退单中: a refund is under way, nothing delivered yet; 通知失败: epay took the money but the shop never heard.
  [/退[单款]中|通知失败/, 'abnormal'],
  // Payment failures close the order without a clock (DESIGN: re-order), unlike delivery failures below.
  [/过期|取消|(?:已|交易)关闭|超时|已撤回|支付失败|\b(?:expired|cancell?ed|closed)\b/i, 'closed'],
  [/异常|失败|\bfailed\b/i, 'abnormal'],
  [
    /已(?:完成|发货|使用|人工处理|发卡|交付)|(?:订单|交易)完成|交易成功|未使用|\b(?:delivered|shipped|completed)\b/i,
    'delivered',
  ],
  [
    /[待已]处理|正在(?:处理|发货)|(?:处理|发货|等待|进行|补单|续费|改密|开通)中|已更新|未开始|[待未]发货|\bprocessing\b|awaiting (?:shipment|delivery)/i,
    'processing',
  ],
  [/[待未](?:支付|付款)|(?:部分|马上)付款|继续支付|\bunpaid\b|(?:awaiting|pending) payment/i, 'pending_payment'],
  [/已(?:支付|付款)|完成付款|(?:付款|支付|通知)成功|TRADE_SUCCESS|\bpaid\b/i, 'paid'],
];

/** True for the statuses of the contract (every rule's status, and 'unknown'). */
export const isOrderStatus = (s: unknown): s is OrderStatus => s === 'unknown' || STATUS_RULES.some(([, r]) => r === s);

/** Map a shop's status text (or a key-area message) to OrderStatus; the caller keeps the raw text. */
export const parseStatus = (text: string | null | undefined): OrderStatus => {
  const t = cleanText(text, 200);
  return (t && STATUS_RULES.find(([re]) => re.test(t))?.[1]) || 'unknown';
};

const CRYPTO = /(?:^|[^A-Za-z])(USDT|USDC|TRX|ETH|BTC|BNB|MATIC|LTC|DOGE|TON|SOL)(?![A-Za-z])/i;

/**
 * Amount in major units plus currency: ￥ ¥ 元 RMB → CNY, crypto units by name, $ / USD → USD. A bare number has
 * no currency: none is assumed, even for systems that price in CNY (the contract keeps absent what the page omits).
 */
export const parseAmount = (text: string | null | undefined): { amount: number; currency?: string } | undefined => {
  // Chain names (USDT-TRC20, ERC20, BEP20) carry digits that are not the amount.
  const t = cleanText(text, 100).replace(/[TEB][RS]?C-?20|BEP-?20/gi, ' ');
  const m = /\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?/.exec(t);
  const amount = m ? Number(m[0].replace(/,/g, '')) : NaN;
  if (!(amount <= 1e9)) return undefined;
  const currency =
    CRYPTO.exec(t)?.[1]?.toUpperCase() ??
    (/[￥¥]|元|RMB|CNY|人民币/i.test(t) ? 'CNY' : /\$|USD/i.test(t) ? 'USD' : undefined);
  return currency ? { amount, currency } : { amount };
};

const pad = (n: number): string => String(n).padStart(2, '0');
type Six = [number, number, number, number, number, number];

/**
 * Read a shop time as ISO 8601. Zone-less times are China time (+08:00); an explicit zone is kept.
 * Accepts 2024-05-01 12:30:45, 2024/5/1 12:30, 2024.05.01, 2024年5月1日 12时30分, 2024-05-01T12:30:45Z.
 */
export const parseChinaTime = (text: string | null | undefined): string | undefined => {
  const m =
    /(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s*T?\s*(\d{1,2})\s*[:：时]\s*(\d{1,2})(?:\s*[:：分]\s*(\d{1,2})(?:\.\d+)?\s*秒?)?)?\s*(Z|[+-]\d{2}:?\d{2})?/i.exec(
      cleanText(text, 100),
    );
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map((v) => Number(v ?? 0)) as Six;
  const local = `${y}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(s)}`;
  // Reject 2024-02-30, 25:00 and the like: Date.UTC rolls them over, so they do not print back the same.
  if (y < 2000 || y > 2100 || !new Date(Date.UTC(y, mo - 1, d, h, mi, s)).toISOString().startsWith(local))
    return undefined;
  const zone = m[7] ? (m[7].toUpperCase() === 'Z' ? 'Z' : m[7].replace(/^([+-]\d{2})(\d{2})$/, '$1:$2')) : '+08:00';
  return local + zone;
};

/** "Name x 2" / "Name × 2" → { name, quantity }; a name without the suffix comes back unchanged. */
export const splitProductName = (text: string | null | undefined): { name: string; quantity?: number } => {
  const t = cleanText(text, 200);
  // Whitespace before x/X keeps "iPhone X2" style names intact; × is never part of a name.
  const m = /^(.*?\S)(?:\s+[xX]\s*|\s*[×✕]\s*)(\d{1,6})$/.exec(t);
  if (!m?.[1]) return { name: t };
  const quantity = Number(m[2]);
  return quantity > 0 ? { name: m[1], quantity } : { name: m[1] };
};

/** Card keys one per line, trimmed, empty lines dropped; "卡号：X 密码：Y" stays one entry. */
export const splitCardKeys = (text: string | null | undefined): string[] =>
  (text || '')
    .slice(0, MAX_KEY * MAX_KEYS)
    .split(/\r\n?|\n/)
    .map((l) => cleanText(l, MAX_KEY))
    .filter(Boolean)
    .slice(0, MAX_KEYS);

/** Contact as typed by the buyer, cleaned and capped at 256 characters. */
export const capContact = (text: string | null | undefined): string => cleanText(text, MAX_CONTACT);

/** 自动发货 → auto; 人工处理 / 人工发货 / 手工发货 / 手动发货 / 代充 → manual. */
export const parseDeliveryMode = (text: string | null | undefined): 'auto' | 'manual' | undefined => {
  const t = cleanText(text, 100);
  return /人工|手工|手动|代充/.test(t) ? 'manual' : /自动|在线发货|即时发货/.test(t) ? 'auto' : undefined;
};

/** Key-area texts that are not keys: waiting notes, loading spinners, "no keys yet". */
const NOT_A_KEY =
  /正在(?:发货中|查询|解密|生成卡密)|请耐心等待|未发货|暂无卡密|请勿刷新|加载中|已人工处理|请输入查询密码|卡密加载失败/;

/** A shop's note printed after the keys ("使用说明：请勿修改密码…"): a labelled line, never a key. */
const NOTE_LINE = /^(?:使用说明|说明|注意|提示|温馨提示|备注)\s*[:：]/;

/**
 * Split a key area into real keys and a status hint: stock messages → out_of_stock,
 * waiting notes → processing; both are dropped from the keys, as are the shop's labelled notes.
 */
export const readKeyArea = (text: string | null | undefined): { keys: string[]; status?: OrderStatus } => {
  let status: OrderStatus | undefined;
  const keys = splitCardKeys(text).filter((line) => {
    if (NOTE_LINE.test(line)) return false;
    if (STOCK.test(line)) status = 'out_of_stock';
    else if (NOT_A_KEY.test(line)) status ??= /已人工处理/.test(line) ? 'delivered' : 'processing';
    else return true;
    return false;
  });
  return status ? { keys, status } : { keys };
};

/** One Chinese digit (两 = 2); an absent digit counts as 0 (indexOf('') is 0). */
const cnDigit = (c = ''): number => (c === '两' ? 2 : '零一二三四五六七八九'.indexOf(c));

/** 1–99 in digits or Chinese numerals (十二, 二十四, 半 = 0.5). */
const readNumber = (s: string): number | undefined => {
  if (/^\d+(\.\d+)?$/.test(s)) return Number(s);
  if (s === '半') return 0.5;
  const m = /^([一二两三四五六七八九])?(十)?([一二三四五六七八九])?$/.exec(s);
  if (!m) return undefined;
  return (m[2] ? (m[1] ? cnDigit(m[1]) : 1) * 10 + cnDigit(m[3]) : cnDigit(m[1])) || undefined;
};

const NUM_SRC = '\\d+(?:\\.\\d+)?|[一二两三四五六七八九十半]{1,3}';
const UNIT_SRC = '分钟|分|小时|个?钟头|个?工作日|天|日|hours?|h|min(?:ute)?s?';
// The lower end of "1-12小时" / "1小时至12小时"; only the upper end is captured.
const WINDOW = `(?:(?:${NUM_SRC})\\s*(?:${UNIT_SRC})?\\s*(?:-|~|～|—|至|到)\\s*)?(?<n>${NUM_SRC})\\s*(?<u>${UNIT_SRC})`;
const DELIVERY_WORD = '(?:发货|到账|处理|充值|发卡|交付|开通|补单|上号)';

/**
 * Find a promised delivery window in page text ("24小时内发货", "5分钟内自动发货", "人工处理 1-12小时")
 * and return its upper bound in minutes. With several statements the largest wins, so reminders never
 * fire before any promise on the page has run out. Payment limits ("5分钟内完成支付") are ignored.
 */
export const parsePromisedWindowMinutes = (text: string | null | undefined): number | undefined => {
  const t = cleanText(text, 200_000);
  let best: number | undefined;
  const matches = [
    // "24小时内发货", "5分钟内自动发货", "1-12小时内到账": the window, then a delivery word a few characters on.
    ...t.matchAll(new RegExp(`${WINDOW}\\s*(?:之内|以内|内)?(?<gap>[^，。,.;；！!]{0,6}?)${DELIVERY_WORD}`, 'gi')),
    // "人工处理 1-12小时", "发货时间：24小时": the delivery word first.
    ...t.matchAll(new RegExp(`${DELIVERY_WORD}(?:时间|时效)?\\s*[:：]?\\s*${WINDOW}`, 'gi')),
  ];
  for (const { groups: g = {} } of matches) {
    const n = g.n && readNumber(g.n);
    if (!n || !g.u || /支付|付款|下单/.test(g.gap ?? '')) continue;
    const minutes = Math.round(/^(分|min)/i.test(g.u) ? n : /工作日|天|日/.test(g.u) ? n * 1440 : n * 60);
    if (minutes <= 43_200 && minutes > (best ?? 0)) best = minutes;
  }
  return best;
};
