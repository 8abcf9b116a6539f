/**
 * Pure string helpers shared by every adapter: page text in, normalised values out.
 * Nothing here touches the DOM, so each rule is unit-tested on plain strings. The status precedence of DESIGN.md is
 * written here once (readKeyArea + settleStatus) and applied to every adapter by platform.ts buildOrder.
 * Written with the extractor's 40 KB budget in mind: shared regexes, no duplicated word lists.
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

/** Stock messages, as a status and as what a shop writes into the key area instead of keys (see readKeyArea). */
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
    /[待已]处理|正在(?:处理|发货)|(?:处理|发货|等待|进行|补单|续费|改密|开通)中|已更新|未开始|[待未]发货|部分发货|\bprocessing\b|awaiting (?:shipment|delivery)|partially (?:shipped|delivered)/i,
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
  const clean = cleanText(text, 100);
  // A bare number, as most themes print it: no currency, and none of the patterns below to run.
  if (/^\d+(?:\.\d+)?$/.test(clean)) return Number(clean) <= 1e9 ? { amount: Number(clean) } : undefined;
  // Chain names (USDT-TRC20, ERC20, BEP20) carry digits that are not the amount.
  const t = clean.replace(/[TEB][RS]?C-?20|BEP-?20/gi, ' ');
  const m = /\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?/.exec(t);
  const amount = m ? Number(m[0].replace(/,/g, '')) : NaN;
  if (!(amount <= 1e9)) return undefined;
  const currency =
    CRYPTO.exec(t)?.[1]?.toUpperCase() ??
    (/[￥¥]|元|RMB|CNY|人民币/i.test(t) ? 'CNY' : /\$|USD/i.test(t) ? 'USD' : undefined);
  return currency ? { amount, currency } : { amount };
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

// ── The key area and status precedence (DESIGN.md, "Status precedence") ──
//
// What a shop prints where the keys go is not always keys: its own notes (waiting, restock promises, usage
// instructions), a stock message, or on manual orders the buyer's own input echoed back. readKeyArea sorts the lines;
// settleStatus decides the order's status from the shop's explicit status word and what the area said. Every adapter
// and the generic reader go through both (platform.ts buildOrder), so the rule is written once.

/** Waiting, loading and "no keys yet" notes: the order is still being handled, or its keys are still loading. */
const PROGRESS =
  /正在(?:发货|处理|查询|解密|生成卡密|充值)|请耐心等待|(?:未|等待|待)发货|暂无卡密|请勿刷新|加载中|请输入查询密码|卡密加载失败|处理中/;
/** Restock promises: part of the order is still to come ("第2张暂时缺货", "补货后补发"). */
const RESTOCK = /补货后|暂时缺货|缺货.{0,12}补发|稍后补发|待补货|(?:第\s*\d+\s*张).{0,6}缺货/;
/** A handled-by-hand or topped-up note: done, but not a key. */
const DONE_NOTE = /已人工处理|(?:充值|处理|开通)(?:成功|完成)|已(?:为您|给您)?(?:到账|充值|开通)/;
/**
 * A note that a person will deliver ("手工发货，请主动联系客服": kamiFaka stores it as a manual product's keys): the order
 * waits for the shop, by hand.
 */
const MANUAL_NOTE = /(?:人工|手工|手动)(?:发货|处理|充值|代充)/;
/** An apology that names a failure ("很抱歉，订单处理失败"). */
const FAILED_NOTE = /(?:抱歉|对不起).{0,30}(?:失败|异常)/;
/**
 * A sentence: Chinese sentence punctuation, or a capitalised English word and three or more words after it ending in a
 * full stop ("Your code will appear here once the order is delivered.", "Redeem it in Steam → Games → Redeem a Code.").
 * Keys are tokens; a sentence in the key box is the shop's explanation (never a key, unless it names a secret:
 * "卡号：8800123，密码：x9y8").
 */
const SENTENCE = /[，。！？；]|^[A-Z][a-z'’]*(?: \S+){3,}[.!?]$/;
/** A shop's labelled note ("使用说明：请勿修改密码…"), or an instruction sentence: never a key. */
const NOTE_LINE =
  /^(?:(?:使用|兑换|激活|充值)?(?:说明|方法|教程|步骤)|注意(?:事项)?|提示|温馨提示|有效期|售后(?:说明)?)\s*[:：]|^(?:请(?!求)|如有|若|如需|感谢|谢谢|(?:很)?抱歉|对不起)/;
/**
 * Account labels of the buyer's own input that manual (代充) orders echo into the key box ("QQ账号:123", "充值账号：138…",
 * "游戏ID：…", "网易云账号:…"). One qualified as the buyer's (充值 下单 收货 QQ 手机 …) always is input; a plain one ("账号",
 * "网易云账号") only where no line of the area is a secret ("账号：abc" + "密码：xyz" is a sold account, a key).
 */
const ACCOUNT_LABEL = /(?:账号|帐号|ID|UID|号码|手机号?|QQ|ＱＱ|微信号?|邮箱(?:地址)?|电话)$/i;
const BUYER_QUALIFIER = /^(?:充值|下单|收货|接收|绑定|游戏|登录|代充|会员|用户|QQ|ＱＱ|微信|手机|联系)/i;
/** Remarks the buyer typed (区服, 角色名, 备注 …): input, but not the account to top up. */
const REMARK_LABEL = /^(?:游戏)?(?:区服|服务器|大区|角色名?|昵称|备注|留言|买家留言|附言|联系方式备注)$/;
/** A label that makes a line a key ("卡号：…", "密码：…", "激活码：…"). */
const SECRET_LABEL = /密码|卡密|卡号|激活码|兑换码|CDK|授权码|口令|密钥|key/i;
const SECRET_PAIR = new RegExp(`(?:${SECRET_LABEL.source})\\s*[:：]`, 'i');
const LABELLED = /^([^:：]{1,12}?)\s*[:：]\s*(\S.*)$/;
const TOKEN = /^[!-~]+$/;

/** What a key area holds once its lines are sorted (see readKeyArea). */
export interface KeyArea {
  /** The real keys: what remains without notes, stock messages and the buyer's input. */
  keys: string[];
  /** The buyer's own input echoed back ("QQ账号:123", a value equal to the order's contact): never keys. */
  input: string[];
  /** The first recipient account among that input ("QQ账号:123" → "123"), when there is one. */
  recipient?: string;
  /**
   * What the area's messages say about the order: a stock message → out_of_stock, a progress, restock or by-hand note →
   * processing, a failure apology → abnormal, a handled / topped-up note → delivered. Absent for keys alone.
   */
  hint?: OrderStatus;
  /** A restock promise was among them: part of the order is still to come, whatever the status says. */
  partial?: boolean;
  /** A note said the order is delivered by hand (人工发货 / 手工发货 …). */
  manual?: boolean;
}

const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();
/** Hints from weakest to strongest: a stock message outranks every other note, a failure outranks progress. */
const HINT_RANK: readonly OrderStatus[] = ['delivered', 'processing', 'abnormal', 'out_of_stock'];
const rank = (x?: OrderStatus): number => (x ? HINT_RANK.indexOf(x) : -1);

/**
 * Sort a key area's lines into keys, the buyer's echoed input and the shop's messages. `contact` is the order's
 * contact as the page labels it: a line (or a labelled line's value) equal to it is the buyer's input too.
 * Stock messages, notes, instructions and input are dropped from the keys; see {@link KeyArea.hint}.
 */
export const readKeyArea = (text: string | null | undefined, contact?: string): KeyArea => {
  const area: KeyArea = { keys: [], input: [] };
  const hint = (s: OrderStatus): void => {
    if (rank(s) > rank(area.hint)) area.hint = s;
  };
  const own = contact && cleanText(contact, MAX_CONTACT);
  const lines = splitCardKeys(text).map((line) => {
    const m = LABELLED.exec(line);
    // The line's first "Label：" and the rest as its value: "QQ号：123 密码：abc" keeps 密码 in the value (a sold account).
    return { line, label: m?.[1]?.replace(/\s+/g, '') ?? '', value: m?.[2] ?? '' };
  });
  let secret: boolean | undefined;
  const anySecret = (): boolean =>
    (secret ??= lines.some(({ line, label }) => SECRET_LABEL.test(label || line.slice(0, 12))));
  for (const { line, label, value } of lines) {
    // A bare token ("CDK-7F3A-99QX-K2LM": no label, no space, no Han) is a key unless it is the contact: the usual key
    // box is all tokens, and none of the notes' patterns can match one.
    if (!label && TOKEN.test(line)) {
      if (own && same(line, own)) {
        area.input.push(line);
        area.recipient ??= own;
      } else area.keys.push(line);
    } else if (STOCK.test(line)) hint('out_of_stock');
    else if (RESTOCK.test(line)) {
      hint('processing');
      area.partial = true;
    } else if (FAILED_NOTE.test(line)) hint('abnormal');
    else if (DONE_NOTE.test(line)) hint('delivered');
    else if (MANUAL_NOTE.test(line)) {
      hint('processing');
      area.manual = true;
    } else if (PROGRESS.test(line)) hint('processing');
    else if (NOTE_LINE.test(line)) continue;
    else if (own && (same(line, own) || same(value, own))) {
      area.input.push(line);
      area.recipient ??= own;
    } else if (label && REMARK_LABEL.test(label)) area.input.push(line);
    else if (
      label &&
      ACCOUNT_LABEL.test(label) &&
      !SECRET_LABEL.test(value) &&
      (BUYER_QUALIFIER.test(label) || !anySecret())
    ) {
      area.input.push(line);
      area.recipient ??= cleanText(value, MAX_CONTACT);
    } else if (!SENTENCE.test(line) || SECRET_PAIR.test(line)) area.keys.push(line);
  }
  return area;
};

/** Statuses in which the shop itself says the order is not done: they win over anything in the key area. */
const NOT_DONE: ReadonlySet<OrderStatus> = new Set<OrderStatus>([
  'pending_payment',
  'processing',
  'abnormal',
  'out_of_stock',
  'frozen',
  'refunded',
  'closed',
]);

/**
 * The order's status from the shop's explicit status (`unknown` when the page shows none) and its key area: DESIGN.md's
 * precedence, tried in this order.
 * 1. A stock message in the key area (库存不足, 有人在你付款之前抢走了商品) → out_of_stock, unless the status says refunded;
 *    even under 已发货, since some systems set their shipped flag when stock runs out at payment time.
 * 2. An explicit not-done status (待支付 处理中 等待发货 部分发货 异常 冻结 已关闭 已退款 …) wins over anything else in the
 *    area: keys shown under it stay in cardKeys and the status stays (keys under 处理中 are a partial delivery).
 * 3. A failure apology (很抱歉，处理失败) → abnormal, and a restock promise (第2张暂时缺货，补货后补发) → processing, even under
 *    已发货/已完成: part of the order has not come, whatever the flag says.
 * 4. A delivered status stays delivered.
 * 5. Under a paid or unknown status (or none): a progress note (正在发货中，请耐心等待) → processing; else keys → delivered;
 *    else the area's hint (已人工处理 → delivered) or the status as it is. The buyer's echoed input is never a key and
 *    says nothing about the status.
 */
export const settleStatus = (explicit: OrderStatus, area: Omit<KeyArea, 'input'>): OrderStatus => {
  if (area.hint === 'out_of_stock') return explicit === 'refunded' ? 'refunded' : 'out_of_stock';
  if (NOT_DONE.has(explicit)) return explicit;
  if (area.hint === 'abnormal') return 'abnormal';
  if (area.partial) return 'processing';
  if (explicit === 'delivered') return explicit;
  if (area.hint === 'processing') return area.hint;
  return area.keys.length ? 'delivered' : (area.hint ?? explicit);
};

/**
 * The recipient account in lines an adapter knows to be the buyer's input, whose labels the shop defines: an account
 * label of the vocabulary first ("QQ账号:123"), else the first labelled value that is no remark (区服, 备注 …) and not
 * masked ("********").
 */
export const inputRecipient = (lines: readonly string[]): string | undefined => {
  const known = readKeyArea(lines.join('\n')).recipient;
  if (known) return known;
  for (const line of lines) {
    const m = LABELLED.exec(cleanText(line, MAX_CONTACT + 20));
    if (m?.[2] && !REMARK_LABEL.test(m[1]!) && !/^\*+$/.test(m[2])) return cleanText(m[2], MAX_CONTACT);
  }
  return undefined;
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

/** Cheap tests first: a page without a time unit or without a delivery word states no window. */
const UNIT_WORD = /[分天日]|小时|钟头|hour|min|\dh/i;
const DELIVERY_RE = new RegExp(DELIVERY_WORD);
let windowRes: RegExp[] | undefined;

/**
 * Find a promised delivery window in page text ("24小时内发货", "5分钟内自动发货", "人工处理 1-12小时")
 * and return its upper bound in minutes. With several statements the largest wins, so reminders never
 * fire before any promise on the page has run out. Payment limits ("5分钟内完成支付") are ignored.
 */
export const parsePromisedWindowMinutes = (text: string | null | undefined): number | undefined => {
  const t = cleanText(text, 200_000);
  if (!UNIT_WORD.test(t) || !DELIVERY_RE.test(t)) return undefined;
  // Built on first need: most shop pages state no window, and these two are costly to compile.
  windowRes ??= [
    // "24小时内发货", "5分钟内自动发货", "1-12小时内到账": the window, then a delivery word a few characters on.
    new RegExp(`${WINDOW}\\s*(?:之内|以内|内)?(?<gap>[^，。,.;；！!]{0,6}?)${DELIVERY_WORD}`, 'gi'),
    // "人工处理 1-12小时", "发货时间：24小时": the delivery word first.
    new RegExp(`${DELIVERY_WORD}(?:时间|时效)?\\s*[:：]?\\s*${WINDOW}`, 'gi'),
  ];
  let best: number | undefined;
  for (const re of windowRes) {
    for (const { groups: g = {} } of t.matchAll(re)) {
      const n = g.n && readNumber(g.n);
      if (!n || !g.u || /支付|付款|下单/.test(g.gap ?? '')) continue;
      const minutes = Math.round(/^(分|min)/i.test(g.u) ? n : /工作日|天|日/.test(g.u) ? n * 1440 : n * 60);
      if (minutes <= 43_200 && minutes > (best ?? 0)) best = minutes;
    }
  }
  return best;
};
