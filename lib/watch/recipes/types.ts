/** How a background check re-reads one order: the request, and how its answer becomes a page to read. */
import type { OrderRecord, WatchResult } from '@/lib/db/types';

/** The facts of an order a recipe needs. */
export type RecipeOrder = Pick<OrderRecord, 'platform' | 'orderNo' | 'site' | 'url' | 'urls'>;

/** One request, exactly as the buyer's browser would send it for the order's page (cookies are added by fetch). */
export interface WatchRequest {
  method: 'GET' | 'POST';
  url: string;
  /** For POST: the body, already encoded, and its content type in `headers`. */
  body?: string;
  headers?: Record<string, string>;
  /** The address of the order's page, handed to `extractOrders` (for an API: the page whose script calls it). */
  pageUrl: string;
}

/** What an answer became: HTML to read with the extractor, or a failure it already shows. */
export type RecipePage = { html: string } | { result: Exclude<WatchResult, 'changed' | 'unchanged'> };

/**
 * How one shop system's orders are re-read. Server-rendered systems fetch the order's page; a system that renders
 * its orders by script declares the query its page script makes and turns the answer into the markup that script
 * would build, so the same adapter reads it. Recipes run in the background only, never in shop pages.
 */
export interface WatchRecipe {
  /** The request, or undefined when this order cannot be re-read (e.g. seen only on a page version we cannot query). */
  request(order: RecipeOrder): WatchRequest | undefined;
  /** The decoded answer as a page; absent: the answer is the page. */
  toPage?(body: string, order: RecipeOrder): RecipePage;
}
