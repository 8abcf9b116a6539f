/** Server-rendered order pages: re-read with a GET of the order's own page, as a reload would. */
import type { RecipeOrder, WatchRecipe, WatchRequest } from './types';

/**
 * The address to re-read: the latest address the order was seen at that names the order (a detail page, a query URL
 * with the number), else the latest one. A page reached by posting a search form has no order number in its URL, and
 * a GET of it shows no order: the check then reports the order missing and backs off.
 */
export function orderPageUrl(order: RecipeOrder): string {
  const seen = [...order.urls.filter((u) => u !== order.url), order.url];
  const named = seen.findLast((u) => safeDecode(u).includes(order.orderNo));
  return named ?? order.url;
}

function safeDecode(url: string): string {
  try {
    return decodeURIComponent(url);
  } catch {
    return url;
  }
}

/** A plain GET of a web page. Throws for anything but an http(s) address (a stored value that no longer parses). */
export function getPage(url: string): WatchRequest {
  const { protocol, href } = new URL(url);
  if (protocol !== 'http:' && protocol !== 'https:') throw new TypeError(`not a web page: ${protocol}`);
  return { method: 'GET', url: href, pageUrl: href };
}

/** The default recipe: GET the order's page. */
export const serverPage: WatchRecipe = {
  request: (order) => getPage(orderPageUrl(order)),
};
