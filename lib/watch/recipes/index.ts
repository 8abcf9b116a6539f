/**
 * How each shop system's orders are re-read in the background, as data: one entry per extractor adapter (a unit test
 * checks that every adapter has one). 'page': GET the order's server-rendered page; a recipe: the system's own query;
 * 'none': the order page is built by script and no recipe exists yet, or it is not a shop order page at all — such
 * orders are not watched, and the popup says so.
 */
import { acgFaka } from './acg-faka';
import { dujiaoka } from './dujiaoka';
import { serverPage } from './server-page';
import type { RecipeOrder, WatchRecipe, WatchRequest } from './types';

export type { RecipeOrder, RecipePage, WatchRecipe, WatchRequest } from './types';

export const WATCH_SUPPORT: Readonly<Record<string, WatchRecipe | 'none'>> = Object.freeze({
  dujiaoka,
  'acg-faka': acgFaka,
  // 彩虹's query list (?mod=query&data=…), ZFAKA's return page (?zlkbmethod=auto&orderid=…) and the classic 发卡平台's
  // orderquery.htm are server-rendered.
  caihong: serverPage,
  zfaka: serverPage,
  fakanet: serverPage,
  // Vue / compiled front ends: the order arrives from an API the recipe would have to speak.
  'qs-faka': 'none',
  kamifaka: 'none',
  // A payment gateway's page, not the shop's order: the shop order it paid for is watched instead.
  epay: 'none',
  // Unknown shops: their page is re-read; one built by script shows no order, and the watch gives up after a few.
  generic: serverPage,
});

/** The recipe for a platform id; unknown ids are read as server pages, like the generic extractor's. */
export function recipeFor(platform: string): WatchRecipe | undefined {
  const entry = Object.hasOwn(WATCH_SUPPORT, platform) ? WATCH_SUPPORT[platform] : serverPage;
  return entry === 'none' ? undefined : entry;
}

/** The request that re-reads an order, or undefined when it cannot be re-read from the background. */
export function watchRequest(order: RecipeOrder): WatchRequest | undefined {
  try {
    return recipeFor(order.platform)?.request(order);
  } catch {
    return undefined; // a stored URL that no longer parses
  }
}
