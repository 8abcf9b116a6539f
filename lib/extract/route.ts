/**
 * Which extractor a shop page gets. The full extractor (extractor.js) holds every adapter and the generic reader, and
 * the browser compiles all of it on every shop page it is injected into: Chrome keeps no code cache for injected
 * scripts. A system whose pages one CSS selector can rule in also has a bundle holding only its adapter
 * (extractor-<id>.js, about half the size); a tiny chooser run in the page first picks it (issue 11's budget).
 *
 * Same answers as the full extractor, by construction: the routes are the first adapters of the registry, in its order,
 * and each route's test passes on every page its adapter's detect() accepts (a necessary condition, never a sufficient
 * one: when unsure, it passes).
 * So when the chooser names an adapter, no adapter before it in the registry could have claimed the page; and the
 * one-system bundle hands the page back to the full extractor whenever its adapter does not claim it or throws
 * (lib/content/extractor.ts). tests/unit/extract-route.test.ts checks both properties on every fixture page.
 */

/** A system with an extractor bundle of its own. */
export interface OneSystemRoute {
  /** The adapter's id; its bundle is `/extractor-<id>.js` (entrypoints/extractor-<id>.ts). */
  id: string;
  /** Matches, among others, the elements that detect() needs one of. */
  selector: string;
  /** detect() needs one of those elements to hold one of these labels (compared on the Han characters alone). */
  labels: readonly string[];
}

/** In registry order, a prefix of lib/extract/platforms/index.ts ADAPTERS. */
export const ONE_SYSTEM_ROUTES: readonly OneSystemRoute[] = [
  // dujiaoka: detect needs one of its themes' rows (THEMES in lib/extract/platforms/dujiaoka.ts) labelled with one of
  // ROW_PROOF's labels. Bootstrap shops have rows of these classes too: the labels keep them off this route.
  {
    id: 'dujiaoka',
    selector: '.orderinfo-info div.mb-1, .avatar-orderinfo-row, .justify-content-between, div.mb-1, ul.info-ui > li',
    labels: ['订单状态', '下单时间', '订单创建时间', '实际支付价格', '订单总价', '订单名称'],
  },
];

/**
 * Runs in the page, in the extractors' isolated world (scripting.executeScript's `func`: serialised, so it uses nothing
 * from outside its own body). false: an extractor watches the page already (lib/content/extractor.ts sets the flag),
 * inject nothing; else the first route whose test passes, or null for the full extractor. (`doc` is for the tests.)
 * A label is looked for in an element's Han characters only: the adapter reads labels without whitespace, colons or
 * invisible characters, all of which this drops. Past 2,000 elements without an answer, the route is taken: its
 * bundle's own detect() decides, and hands the page over when it says no.
 */
export function chooseOneSystem(routes: readonly OneSystemRoute[], doc: ParentNode = document): string | null | false {
  const state = (globalThis as Record<string, unknown>)['__kamiguardExtractor'];
  if (state === 'running') return false;
  if (state) return null;
  for (const route of routes) {
    let elements: NodeListOf<Element>;
    try {
      elements = doc.querySelectorAll(route.selector);
    } catch {
      return null;
    }
    if (elements.length > 2000) return route.id;
    for (const el of elements) {
      const han = (el.textContent ?? '').replace(/[^\u3400-\u9fff]+/g, '');
      if (route.labels.some((label) => han.includes(label))) return route.id;
    }
  }
  return null;
}
