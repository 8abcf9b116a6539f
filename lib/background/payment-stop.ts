import { linkPaymentStop, type KamiGuardDb } from '@/lib/db';
import { readPageMessage } from '@/lib/messaging/page-message';
import { PaymentStopSchema } from '@/lib/messaging/schemas';
import type { SenderLike } from '@/lib/messaging/sender';

export interface PaymentStopContext {
  db: KamiGuardDb;
  ownId: string;
  ownOrigin: string;
  now: number;
  /** Re-arms the order's reminders once its payment is recorded (its clock may start now). */
  reschedule?: (orderId: number) => Promise<void> | void;
}

/**
 * A content script saw a payment stop page. A success whose trade number an earlier payment page of the same gateway
 * linked to a shop order becomes a payment on that order; anything else (a failure, no number, a number never linked)
 * stores nothing. The sender is checked and the data validated first, as for every content message.
 */
export async function handlePaymentStop(
  raw: unknown,
  sender: SenderLike,
  ctx: PaymentStopContext,
): Promise<{ orderId?: number }> {
  const { data } = readPageMessage(PaymentStopSchema, raw, sender, ctx);
  if (data.outcome !== 'success' || !data.tradeNo) return {};
  const orderId = await linkPaymentStop(ctx.db, { tradeNo: data.tradeNo, url: data.url }, ctx.now);
  if (orderId === undefined) return {};
  await ctx.reschedule?.(orderId);
  return { orderId };
}
