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

/** The elements that are not inside ads. */
export const outsideAds = (els: readonly Element[]): Element[] => els.filter((el) => !inAd(el));

/** Like `all`, without the matches inside ads. */
export const allOutsideAds = (root: ParentNode | null | undefined, selector: string, max?: number): Element[] =>
  outsideAds(all(root, selector, max));

/**
 * Text of a block as rendered lines, without page chrome and ads (and without `also`, when given): where its
 * "Label：value" lines are.
 */
export const ownText = (block: Node | null | undefined, also?: Element): string =>
  readText(block, undefined, (el) => isChrome(el) || inAd(el) || el === also, undefined, true);

// Moved beside the other text readers; re-exported for the adapters that import it from here.
export { textWithout } from './platform';
