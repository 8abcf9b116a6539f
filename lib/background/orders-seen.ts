import { linkPaymentPage, recordShopPage, upsertSighting, type KamiGuardDb, type UpsertResult } from '@/lib/db';
import type { ExtractedOrder } from '@/lib/extract/types';
import { rememberedPromise } from '@/lib/checkout/promise-memory';
import { readPageMessage } from '@/lib/messaging/page-message';
import type { SenderLike } from '@/lib/messaging/sender';
import { OrdersSeenSchema } from '@/lib/messaging/schemas';
import type { OrdersSeenReply } from '@/lib/messaging/protocol';
import { EvidenceWriteError } from '@/lib/evidence/errors';
import { evidenceWriteErrorMessage, unsavedOrdersText, writeErrorMessage } from './write-errors';

/** One order of a message and what storing it did. */
export interface StoredSighting {
  order: ExtractedOrder;
  result: UpsertResult;
}

/** The page a background check fetched, kept as evidence exactly as the shop served it (lib/watch). */
export interface FetchedSource {
  bytes: Uint8Array;
  /** The Content-Type as served (or the recipe's). */
  mime: string;
  /** The final URL, after redirects. */
  url: string;
  /** Epoch ms the request was sent. */
  requestedAt: number;
  /** How it was asked for: method, address, answer status. */
  note: string;
}

/** What the steps after storing (evidence, reminders) get: the stored orders and the page they came from. */
export interface AfterStore {
  stored: StoredSighting[];
  /** Shop orders that payment pages on this page were linked to. */
  linkedIds: number[];
  /** The tab the page is shown in; absent for a background check, which has no tab (and so no screenshot). */
  tabId?: number;
  url: string;
  title?: string;
  visibleText?: string;
  /** For a background check: the fetched page itself. */
  source?: FetchedSource;
}

/** One page's orders as they reach the database, from a visit (a content script) or a background check. */
export interface PageSighting {
  orders: readonly ExtractedOrder[];
  /** Host of the shop, e.g. 'shop.example.com'. */
  site: string;
  url: string;
  title?: string;
  pageWindowMinutes?: number;
  now: number;
}

/** What storing a page's orders did. */
export interface StoredPage {
  stored: StoredSighting[];
  /** The stored (or linked) order ids, in the order of `orders`. */
  orderIds: number[];
  /** Shop orders that payment pages on this page were linked to. */
  linkedIds: number[];
}

/**
 * Stores every order of a page: a payment page is linked to the shop order it pays for when there is one, every
 * other order is upserted with its timeline events. The one write path for visits and background checks alike.
 */
export async function storePageSighting(db: KamiGuardDb, page: PageSighting): Promise<StoredPage> {
  const stored: StoredSighting[] = [];
  const orderIds: number[] = [];
  for (const [index, order] of page.orders.entries()) {
    try {
      // A payment page belongs to a shop order elsewhere; only an unmatched one is kept as an order of its own.
      if (order.platform === 'epay') {
        const linked = await linkPaymentPage(db, order, page.url, page.now);
        if (linked !== undefined) {
          orderIds.push(linked);
          continue;
        }
      }
      // An order whose page states no window keeps the promise its buy page made (lib/checkout/promise-memory.ts);
      // upsertSighting uses it only when it creates the order.
      const buyPageWindowMinutes = page.pageWindowMinutes
        ? undefined
        : await rememberedPromise(db, page.site, order, page.now);
      const result = await upsertSighting(db, {
        order,
        site: page.site,
        url: page.url,
        pageTitle: page.title,
        at: page.now,
        pageWindowMinutes: page.pageWindowMinutes,
        ...(buyPageWindowMinutes ? { buyPageWindowMinutes } : {}),
      });
      stored.push({ order, result });
      orderIds.push(result.orderId);
    } catch (error) {
      // Each order is one transaction: this one and the ones after it were not stored, the ones before were.
      throw new PageWriteError(
        page.orders.slice(index).map((o) => o.orderNo),
        error,
      );
    }
  }
  const linkedIds = orderIds.filter((id) => !stored.some((s) => s.result.orderId === id));
  return { stored, orderIds, linkedIds };
}

/** Storing a page's orders failed (e.g. a full disk): `unsaved` are the order numbers not stored; `cause` says why. */
export class PageWriteError extends Error {
  override name = 'PageWriteError';
  constructor(
    readonly unsaved: string[],
    cause: unknown,
  ) {
    super(`Orders not stored: ${unsaved.join(', ')} (${cause instanceof Error ? cause.message : String(cause)})`, {
      cause,
    });
  }
}

export interface OrdersSeenContext {
  db: KamiGuardDb;
  ownId: string;
  ownOrigin: string;
  now: number;
  /**
   * Called after the sightings are stored (evidence capture, reminders), with the upserts and the shop orders that
   * payment pages were linked to. Its failure does not undo the write.
   */
  afterStore?: (after: AfterStore) => Promise<void> | void;
  /**
   * Called with the sentence for the user when a write failed (the orders not stored, or the evidence of them): a
   * page's orders are stored without the page asking, so nobody else would tell the user that they were not.
   */
  onWriteError?: (message: string) => Promise<void> | void;
}

/**
 * A content script saw orders: check the sender, validate the data, store every order, reply with their ids.
 * The shop's host comes from the sender (what the browser says the page is), never from the message.
 * Invalid messages throw before anything is written; the error reaches the sender as the reply.
 */
export async function handleOrdersSeen(
  raw: unknown,
  sender: SenderLike,
  ctx: OrdersSeenContext,
): Promise<OrdersSeenReply> {
  const { pageUrl, data } = readPageMessage(OrdersSeenSchema, raw, sender, ctx);

  let page: StoredPage;
  try {
    page = await storePageSighting(ctx.db, {
      orders: data.orders,
      site: pageUrl.host,
      url: data.url,
      title: data.title,
      pageWindowMinutes: data.pageWindowMinutes,
      now: ctx.now,
    });
  } catch (error) {
    if (error instanceof PageWriteError)
      await ctx.onWriteError?.(writeErrorMessage(error, unsavedOrdersText(error.unsaved, pageUrl.host)));
    throw error;
  }
  const { stored, orderIds, linkedIds } = page;
  try {
    // What the page showed about the shop itself (its ICP 备案 number, or that it showed none).
    await recordShopPage(ctx.db, pageUrl.host, { icp: data.icp }, ctx.now);
  } catch (err) {
    console.error('[kamiguard] shop record failed', err);
  }
  try {
    await ctx.afterStore?.({
      stored,
      linkedIds,
      tabId: sender.tab!.id!,
      url: data.url,
      title: data.title,
      visibleText: data.visibleText,
    });
  } catch (err) {
    console.error('[kamiguard] after-store step failed', err);
    if (err instanceof EvidenceWriteError) await ctx.onWriteError?.(await evidenceWriteErrorMessage(ctx.db, err));
  }
  return { orderIds };
}
