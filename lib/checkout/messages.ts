/**
 * The panel's words travel with the background's reply. In a page, the first chrome.i18n.getMessage call loads the
 * extension's whole message catalogue with a synchronous round trip to the browser (10 ms measured on a buy page,
 * more than the script's whole budget); the background has it at hand. It sends the page the templates it needs as
 * the buyer types (placeholders left as $1…$5, filled in the page) and the rest of the panel already worded.
 */
import { KIND_KEY, type Line } from './field-lines';
import type { Translate } from './panel';
import { PROBLEM_CODES } from './validate';

/** Keys the page fills in itself: the panel's frame and the recipient lines. */
export const PAGE_MESSAGE_KEYS: readonly string[] = [
  'checkout_title',
  'checkout_close',
  'checkout_hide_shop',
  'checkout_facts_note',
  'checkout_terms_heading',
  'checkout_shop_heading',
  'checkout_signals_heading',
  'checkout_field_ok',
  ...PROBLEM_CODES.map((code) => `checkout_problem_${code}`),
  ...Object.values(KIND_KEY),
];

/** The page's templates: `getMessage(key, ['$1', …])` leaves each placeholder as written. */
export function pageMessages(getMessage: (key: string, subs: string[]) => string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of PAGE_MESSAGE_KEYS) out[key] = getMessage(key, ['$1', '$2', '$3', '$4', '$5']) || key;
  return out;
}

/** Lines worded for the page. */
export function word(lines: readonly Line[], t: Translate): string[] {
  return lines.map((line) => t(line.key, line.subs));
}
