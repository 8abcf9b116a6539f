/**
 * The recipient lines of the checkout panel, built in the page as the buyer types: a warning per field whose value
 * does not fit (a message key and its substitutions, lib/checkout/validate.ts), or "looks right". Everything else
 * the panel says is worded by the background (lib/checkout/panel-model.ts).
 */
import type { FieldKind } from './field-kind';
import type { Problem } from './validate';

/** One line of the panel: a message key and its substitutions ($1, $2 …). */
export interface Line {
  key: string;
  subs?: string[];
  /** For recipient lines: the problem's severity ('warn' lines cannot be right as typed). */
  severity?: Problem['severity'];
}

/** The state of one recipient field as the panel shows it. */
export interface FieldState {
  label: string;
  kind: FieldKind;
  value: string;
  problem?: Problem;
  /** For a confirmation mismatch: the label of the field it repeats. */
  repeats?: string;
}

/** The kind names used in "this field asks for …". */
export const KIND_KEY: Record<FieldKind, string> = {
  qq: 'checkout_kind_qq',
  phone: 'checkout_kind_phone',
  email: 'checkout_kind_email',
  contact: 'checkout_kind_contact',
  game_account: 'checkout_kind_game_account',
  recharge_account: 'checkout_kind_recharge_account',
  account: 'checkout_kind_account',
};

function problemLine(f: FieldState, problem: Problem, kindName: (kind: FieldKind) => string): Line {
  const v = f.value.trim();
  const subs: Record<Problem['code'], string[]> = {
    qq_not_digits: [f.label],
    qq_leading_zero: [f.label],
    qq_length: [f.label, String(v.length)],
    looks_like_phone: [f.label],
    looks_like_email: [f.label, kindName(f.kind)],
    phone_length: [f.label, String(v.replace(/\D/g, '').length)],
    phone_prefix: [f.label],
    phone_not_digits: [f.label],
    looks_like_qq: [f.label, String(v.length)],
    email_shape: [f.label],
    email_domain_typo: [f.label, v.slice(v.lastIndexOf('@') + 1)],
    qq_mail_local: [f.label],
    qq_mail_alias: [f.label],
    contact_shape: [f.label],
    has_spaces: [f.label],
    full_width: [f.label],
    confirm_mismatch: [f.label, f.repeats ?? ''],
  };
  return { key: `checkout_problem_${problem.code}`, subs: subs[problem.code], severity: problem.severity };
}

/** The recipient lines: a warning per field with a problem; in the full panel also "looks right" per filled field. */
export function fieldLines(
  fields: readonly FieldState[],
  mode: 'full' | 'recipient',
  kindName: (kind: FieldKind) => string,
): { alerts: Line[]; fieldsOk: Line[] } {
  const alerts: Line[] = [];
  const fieldsOk: Line[] = [];
  for (const f of fields) {
    if (f.problem) alerts.push(problemLine(f, f.problem, kindName));
    else if (mode === 'full' && f.value.trim()) fieldsOk.push({ key: 'checkout_field_ok', subs: [f.label] });
  }
  return { alerts, fieldsOk };
}
