/**
 * 独角数卡 dujiaoka: server-rendered. Its order search (by number, email or browser cookie) is a form POST whose result
 * page has no number in its URL; every order also has its own detail page, `/detail-order-sn/{SN}` (the morpho fork:
 * `/order/detail/{SN}`), which the payment pages redirect to. A search-result order is re-read there.
 */
import { getPage, orderPageUrl } from './server-page';
import type { WatchRecipe } from './types';

const SEARCH = /\/search-order-by-[a-z]+\/?$/;
const MORPHO_SEARCH = /\/order\/search(?:\/[a-z]+)?\/?$/;

const at = (page: URL, path: string): string => new URL(path, page.origin).href;

export const dujiaoka: WatchRecipe = {
  request(order) {
    const page = new URL(orderPageUrl(order));
    const sn = encodeURIComponent(order.orderNo);
    // (A shop may live under a path: only the search part of the path is replaced.)
    if (SEARCH.test(page.pathname)) return getPage(at(page, page.pathname.replace(SEARCH, `/detail-order-sn/${sn}`)));
    if (MORPHO_SEARCH.test(page.pathname))
      return getPage(at(page, page.pathname.replace(MORPHO_SEARCH, `/order/detail/${sn}`)));
    return getPage(page.href);
  },
};
