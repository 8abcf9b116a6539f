import { addBuyerOrder, type KamiGuardDb } from '@/lib/db';
import { checkSender, type SenderLike } from '@/lib/messaging/sender';
import { AddOrderSchema, parseMessage } from '@/lib/messaging/schemas';

/** What `handleAddOrder` needs besides the message. */
export interface AddOrderContext {
  db: KamiGuardDb;
  ownId: string;
  ownOrigin: string;
  now: number;
}

/**
 * An extension page (onboarding, add-order) sends an order the buyer entered by hand: only our own pages may, the
 * data is validated before anything is written, and the order is stored as entered by the buyer. Arming its reminder
 * is the caller's job (it needs the browser).
 */
export async function handleAddOrder(
  raw: unknown,
  sender: SenderLike,
  ctx: AddOrderContext,
): Promise<{ orderId: number; created: boolean }> {
  checkSender(sender, 'extension-page', ctx.ownId, ctx.ownOrigin);
  return addBuyerOrder(ctx.db, parseMessage(AddOrderSchema, raw), ctx.now);
}
