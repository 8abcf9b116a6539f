import { linkPaymentPage, upsertSighting, type KamiGuardDb, type UpsertResult } from '@/lib/db';
import { checkSender, type SenderLike } from '@/lib/messaging/sender';
import { OrdersSeenSchema, parseMessage } from '@/lib/messaging/schemas';
import type { OrdersSeenReply } from '@/lib/messaging/protocol';

export interface OrdersSeenContext {
  db: KamiGuardDb;
  ownId: string;
  ownOrigin: string;
  now: number;
  /**
   * Called after the sightings are stored (evidence capture, reminders), with the upserts and the shop orders that
   * payment pages were linked to. Its failure does not undo the write.
   */
  afterStore?: (results: UpsertResult[], tabId: number, linkedIds: number[]) => Promise<void> | void;
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

  const results: UpsertResult[] = [];
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
    results.push(
      await upsertSighting(ctx.db, {
        order,
        site: pageUrl.host,
        url: data.url,
        pageTitle: data.title,
        at: ctx.now,
        pageWindowMinutes: data.pageWindowMinutes,
      }),
    );
    orderIds.push(results.at(-1)!.orderId);
  }
  try {
    const linkedIds = orderIds.filter((id) => !results.some((r) => r.orderId === id));
    await ctx.afterStore?.(results, sender.tab!.id!, linkedIds);
  } catch (err) {
    console.error('[kamiguard] after-store step failed', err);
  }
  return { orderIds };
}
