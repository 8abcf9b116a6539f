/**
 * Bounded reads of what a page shows, for the buy-form finder (on a page's copy in the background, or in the tab). Text nodes only (no layout: innerText would force
 * one on a page the buyer is about to pay on), without script, style and template text: dujiaoka has "库存不足"
 * inside an inline script on every buy page, which is no statement about stock.
 */

/** Runs of white space as one space, trimmed. (One pattern for the whole script: each is compiled in every page.) */
export function collapse(s: string): string {
  return s.replace(WHITE, ' ').trim();
}
const WHITE = /\s+/g;

const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'TEXTAREA', 'SELECT', 'OPTION', 'svg', 'SVG']);

/** True for elements whose text the buyer cannot see whatever the styles: <script>, [hidden], aria-hidden. */
function skipped(el: Element): boolean {
  return SKIP.has(el.tagName) || el.hasAttribute('hidden') || el.getAttribute('aria-hidden') === 'true';
}

/**
 * The text under `root`, text nodes joined by single spaces, at most `max` characters. Stops walking at the cap, so a
 * huge description costs no more than its first `max` characters. `except`: a subtree already read, left out.
 *
 * A plain walk without a filter callback (calling into script for every node costs more than the walk), skipping
 * whole subtrees by hand, and white space collapsed once at the end rather than per text node.
 */
export function textUnder(root: Node, max: number, except?: Node): string {
  const doc = root.ownerDocument ?? (root as Document);
  const walker = doc.createTreeWalker(root, 1 | 4 /* SHOW_ELEMENT | SHOW_TEXT */);
  const parts: string[] = [];
  // Raw characters, white space included: enough of them for `max` once collapsed, within reason.
  const budget = max * 4 + 64;
  let raw = 0;
  let n = walker.nextNode();
  while (n && raw < budget) {
    if (n.nodeType === 1 && (n === except || skipped(n as Element))) {
      n = skipSubtree(walker, root);
      continue;
    }
    if (n.nodeType === 3) {
      const v = n.nodeValue!;
      parts.push(v);
      raw += v.length;
    }
    n = walker.nextNode();
  }
  return collapse(parts.join(' ')).slice(0, max);
}

/** The node after the walker's current subtree (its next sibling, or an ancestor's), or null past `root`. */
function skipSubtree(walker: TreeWalker, root: Node): Node | null {
  for (;;) {
    const next = walker.nextSibling();
    if (next) return next;
    const up = walker.parentNode();
    if (!up || up === root) return null;
  }
}

/**
 * The last `max` characters of text under `root` (a footer's ICP number): its children from the last, each read
 * backwards the same way, so the walk stops once enough is read.
 */
export function textTail(root: Node, max: number): string {
  const parts: string[] = [];
  let length = 0;
  const visit = (node: Node): void => {
    for (let child = node.lastChild; child && length < max; child = child.previousSibling) {
      if (child.nodeType === 3) {
        const t = collapse(child.nodeValue ?? '');
        if (t) {
          parts.push(t);
          length += t.length + 1;
        }
      } else if (child.nodeType === 1 && !skipped(child as Element)) visit(child);
    }
  };
  visit(root);
  return parts.reverse().join(' ').slice(-max);
}

/** A short text of one element (a label, a heading): collapsed spaces, at most `max` characters. */
export function shortText(el: Element | null | undefined, max = 80): string {
  return collapse(el?.textContent ?? '').slice(0, max);
}
