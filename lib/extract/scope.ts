/**
 * Where on a page an adapter may read: never inside ad containers (a hostile or merely noisy page can
 * place a fake "订单号" block there), and never the text of action links that sit inside a value cell.
 */
import { cleanText, MAX_FIELD } from './normalize';
import { readText } from './platform';

/** Containers that hold ads or sponsored blocks, never the page's own order. */
export const AD_CONTAINERS =
  'aside, .ad, .ads, .adv, .advert, .advertisement, .sponsor, .sponsored, [data-ad], [data-ad-slot], ins.adsbygoogle';

/** True when `el` sits inside an ad container (a bad selector counts as "not an ad"). */
export function inAd(el: Element): boolean {
  try {
    return el.closest(AD_CONTAINERS) !== null;
  } catch {
    return false;
  }
}

/** The elements that are not inside ads. */
export function outsideAds(els: readonly Element[]): Element[] {
  return els.filter((el) => !inAd(el));
}

/** One-line text of `el` without the text of descendants matching `skip` (e.g. "点击查看" links). */
export function textWithout(el: Element | null | undefined, skip: string, max: number = MAX_FIELD): string {
  if (!el) return '';
  const text = readText(el, {
    max: max * 4 + 64,
    skip: (e) => {
      try {
        return e.matches(skip);
      } catch {
        return false;
      }
    },
  });
  return cleanText(text, max);
}
