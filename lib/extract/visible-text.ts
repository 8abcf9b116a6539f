import { readText } from '@/lib/extract/platform';

/** How shops hide what is not shown: the attribute, inline styles and the usual utility classes. */
const HIDDEN_CLASS = /(?:^|\s)(?:hidden|hide|d-none|layui-hide|invisible|sr-only|visually-hidden)(?:\s|$)/;

const hidden = (el: Element): boolean =>
  el.hasAttribute('hidden') ||
  el.getAttribute('aria-hidden') === 'true' ||
  /display\s*:\s*none|visibility\s*:\s*hidden/i.test(el.getAttribute('style') ?? '') ||
  HIDDEN_CLASS.test(el.getAttribute('class') ?? '');

/** Text boxes show their value (the keys of most shops sit in a read-only textarea). */
const shown = (el: Element): string | undefined =>
  el.localName === 'textarea' ? (el as HTMLTextAreaElement).value : undefined;

/**
 * The page's text as it reads on screen, for the evidence text record and the promised-window statement: lines at
 * blocks and <br>, line breaks inside text collapsed, scripts, styles and hidden elements left out, text boxes with
 * their value. Read from the DOM alone: `innerText` would give much the same but must first bring style and layout up
 * to date, which on a page still settling costs the page's main thread milliseconds (issue 11's budget). What a
 * stylesheet alone hides (no attribute, inline style or utility class) is read too.
 */
export function visibleText(root: Node | null | undefined, max: number): string {
  return readText(root, max, hidden, shown, true)
    .split('\n')
    .map((l) => l.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join('\n');
}
