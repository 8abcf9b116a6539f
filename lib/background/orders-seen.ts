import { linkPaymentPage, recordShopPage, upsertSighting, type KamiGuardDb, type UpsertResult } from '@/lib/db';
import type { ExtractedOrder } from '@/lib/extract/types';
import { checkSender, type SenderLike } from '@/lib/messaging/sender';
import { OrdersSeenSchema, parseMessage } from '@/lib/messaging/schemas';
import type { OrdersSeenReply } from '@/lib/messaging/protocol';

/** One order of a message and what storing it did. */
export interface StoredSighting {
  order: ExtractedOrder;
  result: UpsertResult;
}

/** What the steps after storing (evidence, reminders) get: the stored orders and the page they came from. */
export interface AfterStore {
  stored: StoredSighting[];
  /** Shop orders that payment pages on this page were linked to. */
  linkedIds: number[];
  tabId: number;
  url: string;
  title?: string;
  visibleText?: string;
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
  const pageUrl = checkSender(sender, 'content', ctx.ownId, ctx.ownOrigin);
  const data = parseMessage(OrdersSeenSchema, raw);
  if (new URL(data.url).origin !== pageUrl.origin) throw new Error('Invalid message: url: not the sender page');

  const stored: StoredSighting[] = [];
  const orderIds: number[] = [];
  for (const order of data.orders) {
    // A payment page belongs to a shop order elsewhere; only an unmatched one is kept as an order of its own.
    if (order.platform === 'epay') {
      const linked = await linkPaymentPage(ctx.db, order, data.url, ctx.now);
      if (linked !== undefined) {
        orderIds.push(linked);
        continue;
      }
    }
    const result = await upsertSighting(ctx.db, {
      order,
      site: pageUrl.host,
      url: data.url,
      pageTitle: data.title,
      at: ctx.now,
      pageWindowMinutes: data.pageWindowMinutes,
    });
    stored.push({ order, result });
    orderIds.push(result.orderId);
  }
  try {
    // What the page showed about the shop itself (its ICP 备案 number, or that it showed none).
    await recordShopPage(ctx.db, pageUrl.host, { icp: data.icp }, ctx.now);
  } catch (err) {
    console.error('[kamiguard] shop record failed', err);
  }
  try {
    const linkedIds = orderIds.filter((id) => !stored.some((s) => s.result.orderId === id));
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
  }
  return { orderIds };
}
