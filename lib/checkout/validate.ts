/**
 * Recipient checks as the buyer types: does the value fit what the field asks for? Pure, and cheap enough to run on
 * every keystroke (a few short regular expressions on one value). A problem says what is wrong in facts the buyer
 * can check ("11 digits, starts with 1"), never that the buyer is wrong.
 */
import type { FieldKind } from './field-kind';

/** What can be wrong with a recipient value. */
export const PROBLEM_CODES = [
  'qq_not_digits', // a QQ number has digits only
  'qq_leading_zero',
  'qq_length', // 5–11 digits
  'looks_like_phone', // a QQ field holding an 11-digit mainland mobile number
  'looks_like_email', // a QQ or phone field holding an e-mail address
  'phone_length', // 11 digits
  'phone_prefix', // 1[3-9]…
  'phone_not_digits',
  'looks_like_qq', // a phone field holding 5–10 digits
  'email_shape', // no user@domain.tld
  'email_domain_typo', // qq.con, 163.cm, gmial.com …
  'qq_mail_local', // @qq.com whose local part is digits but no QQ number
  'qq_mail_alias', // @qq.com with letters before the @ (an alias address: exists, but is it yours?)
  'contact_shape', // 联系方式 that is neither a QQ number, a phone number nor an e-mail address
  'has_spaces', // spaces inside an account
  'full_width', // full-width letters or digits (１２３, ＱＱ) that the shop may not read as digits
  'confirm_mismatch', // a confirmation field that differs from the field it repeats
] as const;
export type ProblemCode = (typeof PROBLEM_CODES)[number];

/** How sure the check is: 'warn' = cannot be right as typed; 'check' = unusual, worth a second look. */
export type Severity = 'warn' | 'check';

export interface Problem {
  code: ProblemCode;
  severity: Severity;
}

const QQ = /^[1-9]\d{4,10}$/;
const PHONE = /^1[3-9]\d{9}$/;
// A plain address shape: something@label.label, no spaces, a 2+ letter top-level domain.
const EMAIL = /^[^\s@]+@[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*\.[a-z]{2,}$/i;
// Mail domains buyers mistype, and what they meant; the domain as typed is compared in lower case.
const DOMAIN_TYPOS =
  /^(?:qq\.(?:con|cm|co|om|cn|vom|comm?\.?cn)|q\.com|qqcom|qq\.c0m|163\.(?:con|cm|co|om)|126\.(?:con|cm|co|om)|gmial\.com|gmai\.com|gmail\.con|hotmial\.com|outlook\.con|foxmail\.con|sina\.con)$/;

/** Phone numbers as people write them: spaces or dashes between groups, +86 / 0086 in front. */
export function phoneDigits(value: string): string {
  return value.replace(/[\s-]/g, '').replace(/^(?:\+86|0086)/, '');
}

function checkQq(v: string): Problem | undefined {
  if (QQ.test(v)) return PHONE.test(v) ? { code: 'looks_like_phone', severity: 'check' } : undefined;
  if (EMAIL.test(v)) return { code: 'looks_like_email', severity: 'warn' };
  if (PHONE.test(phoneDigits(v))) return { code: 'looks_like_phone', severity: 'warn' };
  if (!/^\d+$/.test(v)) return { code: 'qq_not_digits', severity: 'warn' };
  if (v.startsWith('0')) return { code: 'qq_leading_zero', severity: 'warn' };
  return { code: 'qq_length', severity: 'warn' };
}

function checkPhone(v: string): Problem | undefined {
  const d = phoneDigits(v);
  if (PHONE.test(d)) return undefined;
  if (EMAIL.test(v)) return { code: 'looks_like_email', severity: 'warn' };
  if (!/^\d+$/.test(d)) return { code: 'phone_not_digits', severity: 'warn' };
  if (d.length !== 11)
    return QQ.test(d) ? { code: 'looks_like_qq', severity: 'warn' } : { code: 'phone_length', severity: 'warn' };
  return { code: 'phone_prefix', severity: 'warn' };
}

function checkEmail(v: string): Problem | undefined {
  const at = v.lastIndexOf('@');
  const domain = at > 0 ? v.slice(at + 1).toLowerCase() : '';
  if (domain && DOMAIN_TYPOS.test(domain)) return { code: 'email_domain_typo', severity: 'warn' };
  if (!EMAIL.test(v)) return { code: 'email_shape', severity: 'warn' };
  if (domain === 'qq.com') {
    const local = v.slice(0, at);
    if (/^\d+$/.test(local)) return QQ.test(local) ? undefined : { code: 'qq_mail_local', severity: 'warn' };
    return { code: 'qq_mail_alias', severity: 'check' };
  }
  return undefined;
}

function checkContact(v: string): Problem | undefined {
  if (v.includes('@')) return checkEmail(v);
  const d = phoneDigits(v);
  if (/^\d+$/.test(d)) {
    if (PHONE.test(d) || QQ.test(d)) return undefined;
    return { code: 'contact_shape', severity: 'warn' };
  }
  // A WeChat id or a name: no shape to check but spaces.
  return /\s/.test(v) ? { code: 'has_spaces', severity: 'check' } : undefined;
}

/**
 * Checks one value against its field's kind. Empty values have no problem (the shop's own "required" says so).
 * Leading and trailing spaces are ignored (most shops trim); full-width digits are reported on their own, since
 * they read as right to the eye and wrong to the shop.
 */
export function checkValue(kind: FieldKind, raw: string): Problem | undefined {
  const value = raw.trim();
  if (!value) return undefined;
  if (/[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\uff20]/.test(value)) return { code: 'full_width', severity: 'warn' };
  switch (kind) {
    case 'qq':
      return checkQq(value);
    case 'phone':
      return checkPhone(value);
    case 'email':
      return checkEmail(value);
    case 'contact':
      return checkContact(value);
    case 'game_account':
    case 'recharge_account':
    case 'account':
      return /\s/.test(value) ? { code: 'has_spaces', severity: 'check' } : undefined;
  }
}

/** A confirmation field's value against the field it repeats (both trimmed; an empty one is not compared). */
export function checkConfirmation(first: string, repeat: string): Problem | undefined {
  const a = first.trim();
  const b = repeat.trim();
  return a && b && a !== b ? { code: 'confirm_mismatch', severity: 'warn' } : undefined;
}
