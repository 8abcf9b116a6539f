import type { OrderAction } from '@/lib/messaging/schemas';
import { sendMessage } from '@/lib/messaging/protocol';

/** Sends a user action on an order to the background, which records it and reschedules the order's reminder. */
export async function act(orderId: number, action: OrderAction): Promise<void> {
  await sendMessage('orderAction', { orderId, action });
}
