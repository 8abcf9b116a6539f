/**
 * A tiny escaping HTML builder: every interpolated value is escaped unless it is itself built with `html`.
 * Page-derived text (titles, status text, URLs, notes, drafts) therefore stays data, never markup.
 */

/** Markup that is already safe to insert. Only `html` and `trustedHtml` make one. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for element content and double- or single-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

function render(value: unknown): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

/** Template tag: `html\`<p>${userText}</p>\`` escapes `userText`; nested `html` results and arrays of them pass. */
export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '');
  });
  return new SafeHtml(out);
}

/** Marks a constant string written in this codebase (never page data) as markup, e.g. the stylesheet. */
export function trustedHtml(constant: string): SafeHtml {
  return new SafeHtml(constant);
}
