/**
 * What a buy form's input asks for, read from its label, placeholder, name and id (the words shop systems use:
 * QQ号 / QQ账号 / 下单QQ / ＱＱ账号, 手机号, 邮箱, 游戏账号 / 角色ID, 充值账号, 联系方式, 下单账号). Pure: strings in.
 */
import { collapse } from './page-text';

/** Kinds of recipient field the checkout check knows. */
export type FieldKind =
  | 'qq' // a QQ number
  | 'phone' // a mainland mobile number
  | 'email'
  | 'contact' // 联系方式: a QQ number, a phone number or an e-mail address
  | 'game_account' // 游戏账号 / 角色ID / UID
  | 'recharge_account' // 充值账号: the account a top-up goes to, of no fixed shape
  | 'account'; // 下单账号 / 账号: 彩虹's default first field

/** Every kind, for validating what crosses a message boundary. */
export const FIELD_KINDS: readonly FieldKind[] = [
  'qq',
  'phone',
  'email',
  'contact',
  'game_account',
  'recharge_account',
  'account',
] satisfies readonly FieldKind[];

/** The texts an input is known by. */
export interface FieldTexts {
  /** The human label: <label>, a sibling caption (.l-msg, .buy-title, .input-group-addon), aria-label. */
  label?: string;
  placeholder?: string;
  name?: string;
  id?: string;
  /** The input's type attribute. */
  type?: string;
}

/** A recipient field's kind, and whether it asks to repeat another field (再次输入 / 确认QQ). */
export interface FieldReading {
  kind: FieldKind;
  confirm: boolean;
}

/**
 * Full-width ASCII (ＱＱ, ＩＤ, １２３, ＠) as ASCII. By hand rather than String#normalize('NFKC'): the first call to
 * the normalizer loads its tables, a cost the page would pay inside our script; these are the forms shops use.
 */
export function halfWidth(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    out += c >= 0xff01 && c <= 0xff5e ? String.fromCharCode(c - 0xfee0) : c === 0x3000 ? ' ' : s[i];
  }
  return out;
}

/** ASCII letters in lower case, by hand: String#toLowerCase on Chinese text goes through the case-mapping tables. */
export function asciiLower(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    out += c >= 65 && c <= 90 ? String.fromCharCode(c + 32) : s[i];
  }
  return out;
}

/** A field's texts compared: full-width as ASCII, lower case (ASCII only), no spaces, no literal "&nbsp;". */
export function foldText(s: string | undefined): string {
  // (luna prints its e-mail label double-escaped: "邮&nbsp;&nbsp;箱" reaches the page as literal text)
  return collapse(
    asciiLower(halfWidth(s ?? ''))
      .replaceAll('&nbsp;', '')
      .replaceAll('&nbsp', ''),
  ).replaceAll(' ', '');
}

// Word lists rather than regular expressions: each pattern would be compiled again in every page the script runs in.
/** Whether `text` contains one of `words`. */
export function hasAny(text: string, words: readonly string[]): boolean {
  for (const word of words) if (text.includes(word)) return true;
  return false;
}

// Fields that are no recipient: passwords (查询密码 too), captchas, coupons, quantities, notes, addresses, order
// numbers and search boxes (the 查单 box beside 彩虹's buy form is named "qq").
const NOT_RECIPIENT = [
  '密码',
  'password',
  '验证码',
  'captcha',
  '优惠',
  'coupon',
  '数量',
  '备注',
  '留言',
  'remark',
  '地址',
  'address',
  '订单号',
  '订单编号',
  '查询',
  '查单',
  '搜索',
  'search',
  '价格',
  '金额',
  '姓名',
  '名字',
];
const NOT_RECIPIENT_NAME = [
  'pwd',
  'passw',
  'captcha',
  'verify',
  'coupon',
  'amount',
  'quantity',
  'remark',
  'note',
  'address',
  'order_sn',
  'ordersn',
  'order_no',
  'orderno',
  'order_id',
  'orderid',
  'trade_no',
  'tradeno',
  'search',
  'keyword',
  'price',
];
/** A machine name that is no recipient: one of the words inside it, or exactly num / number. */
const notRecipientName = (name: string): boolean =>
  name === 'num' || name === 'number' || hasAny(name, NOT_RECIPIENT_NAME);
const CONFIRM = ['确认', '再次', '重复', '再输', 'confirm', 'repeat', 'again', 'retype'];
const QQ_MAIL = ['qq邮箱', 'qqmail', 'qq.com'];
const PHONE = ['手机', '电话', 'phone', 'mobile'];
const EMAIL = ['邮箱', '邮件', 'mail'];
const GAME = ['游戏', '角色', '区服id', 'uid', 'game', '玩家id'];
const RECHARGE = ['充值账号', '充值帐号', '充值号码', '被充值', '充值对象', '充值id'];
const ACCOUNT = ['账号', '帐号', '账户', 'account', '用户名', 'username', 'userid', '用户id'];
const CONTACT = ['联系方式', '联系', 'contact'];

/** The kind one text names (folded), most specific first; undefined when it names none. */
function kindOf(t: string): FieldKind | undefined {
  const qqMail = hasAny(t, QQ_MAIL);
  const qq = t.includes('qq') && !qqMail;
  const phone = hasAny(t, PHONE) || t.startsWith('tel') || t.endsWith('tel');
  const email = hasAny(t, EMAIL) || qqMail;
  // "QQ号或手机号", "手机号/邮箱": the field takes either.
  if (Number(qq) + Number(phone) + Number(email) > 1) return 'contact';
  if (qq) return 'qq';
  if (phone) return 'phone';
  if (email) return 'email';
  if (hasAny(t, GAME)) return 'game_account';
  if (hasAny(t, RECHARGE)) return 'recharge_account';
  if (hasAny(t, CONTACT)) return 'contact';
  if (hasAny(t, ACCOUNT) || t === 'id') return 'account';
  return undefined;
}

/** A machine name without its digits (彩虹's inputvalue2). */
function withoutDigits(s: string): string {
  let out = '';
  for (const c of s) if (c < '0' || c > '9') out += c;
  return out;
}

/** Kinds of no fixed shape: a placeholder that names a specific kind says more. */
const general = (k: FieldKind | undefined): boolean =>
  k === undefined || k === 'contact' || k === 'account' || k === 'recharge_account';

/**
 * Reads a field's kind. The label decides; a general label (联系方式, 下单账号) gives way to a placeholder that
 * names one kind ("[必填]请填写您的QQ号!"); without a label the placeholder, then name and id, decide. A field whose
 * label (or, without one, placeholder or name) names something else (查询密码, 优惠码, 订单号 …) is not a recipient.
 */
export function readFieldKind(f: FieldTexts): FieldReading | undefined {
  const type = (f.type ?? 'text').toLowerCase();
  if (!['text', 'email', 'tel', 'number', 'search', ''].includes(type)) return undefined;
  const label = foldText(f.label);
  const placeholder = foldText(f.placeholder);
  const names = [f.name, f.id].map((n) => withoutDigits(foldText(n))).filter(Boolean);
  const primary = label || placeholder;
  if (hasAny(primary, NOT_RECIPIENT) || (!label && names.some(notRecipientName))) return undefined;
  // A label that only says "confirm" ("再次输入") takes its kind from the rest.
  const confirm = hasAny(label, CONFIRM) || (!label && hasAny(placeholder, CONFIRM));

  const fromLabel = label ? kindOf(label) : undefined;
  const fromPlaceholder = placeholder ? kindOf(placeholder) : undefined;
  const fromMachine = names.some(notRecipientName) ? undefined : names.map(kindOf).find(Boolean);
  let kind = fromLabel;
  if (general(kind) && fromPlaceholder && !general(fromPlaceholder)) kind = fromPlaceholder;
  kind ??= fromPlaceholder ?? fromMachine;
  if (!kind && type === 'email') kind = 'email';
  if (!kind && type === 'tel') kind = 'phone';
  return kind ? { kind, confirm } : undefined;
}
