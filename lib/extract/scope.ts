/**
 * Where on a page an adapter may read: never inside ad containers (a hostile or merely noisy page can
 * place a fake "订单号" block there), and never the text of action links that sit inside a value cell.
 */
import { all, isChrome, readText } from './platform';

/** Containers that hold ads or sponsored blocks, never the page's own order. */
export const AD_CONTAINERS =
  'aside,.ad,.ads,.adv,.advert,.advertisement,.sponsor,.sponsored,[data-ad],[data-ad-slot],ins.adsbygoogle';

/** True when `el` sits inside an ad container. */
export const inAd = (el: Element): boolean => el.closest(AD_CONTAINERS) !== null;

/**
 * True when `el` is an ad container itself: the `skip` test of a walk from a root down (`readText`), which never
 * enters an ad it has met. (`inAd` there looked up every element's ancestors: the depth of the page at each node.)
 */
export const isAd = (el: Element): boolean => el.matches(AD_CONTAINERS);

/** `readText` of `root` without ads: nothing when the root itself sits in one. */
export const textOutsideAds = (root: Element | null | undefined, max?: number): string =>
  root && !inAd(root) ? readText(root, max, isAd) : '';

/** The elements that are not inside ads. */
export const outsideAds = (els: readonly Element[]): Element[] => els.filter((el) => !inAd(el));

/** Like `all`, without the matches inside ads. */
export const allOutsideAds = (root: ParentNode | null | undefined, selector: string, max?: number): Element[] =>
  outsideAds(all(root, selector, max));

/**
 * Text of a block as rendered lines, without page chrome and ads (and without `also`, when given): where its
 * "Label：value" lines are. readText drops a skipped element with everything inside it, so each element is tested
 * alone (matches, not closest: an ad's descendants are never reached); only the block's own ancestors are looked up.
 */
export const ownText = (block: Node | null | undefined, also?: Element): string =>
  block?.nodeType === 1 && inAd(block as Element)
    ? ''
    : readText(block, undefined, (el) => isChrome(el) || isAd(el) || el === also, undefined, true);

// Moved beside the other text readers; re-exported for the adapters that import it from here.
export { textWithout } from './platform';
