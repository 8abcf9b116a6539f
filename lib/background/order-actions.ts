import { appendEvent, type KamiGuardDb } from '@/lib/db';
import type { EventRecord, OrderOutcome, UserAction } from '@/lib/db/types';
import { chainTables } from '@/lib/db/timeline';
import type { OrderAction } from '@/lib/messaging/schemas';

/** How a resolution outcome reads as a user action on the timeline (the clock reads either). */
const OUTCOME_ACTION: Record<OrderOutcome, UserAction | undefined> = {
  received: 'received',
  refunded: 'refunded',
  abandoned: 'gave_up',
  lost: undefined,
};

/**
 * Applies what the user did to an order: updates the order row where the action is a fact about it (I have paid,
 * resolved, the window) and appends one timeline event, in one transaction. Throws when the order does not exist.
 * Rescheduling its reminder is the caller's job (it needs the browser).
 */
export async function applyOrderAction(
  db: KamiGuardDb,
  orderId: number,
  action: OrderAction,
  now: number,
): Promise<EventRecord | undefined> {
  return db.transaction('rw', chainTables(db), async () => {
    const order = await db.orders.get(orderId);
    if (!order) throw new Error(`No order ${orderId}`);
    let event: EventRecord | undefined;
    switch (action.type) {
      case 'user_paid':
        if (order.userPaidAt) return undefined; // said once is enough; the clock keeps its first start
        await db.orders.update(orderId, { userPaidAt: now });
        event = { orderId, kind: 'user_paid', at: now };
        break;
      case 'step_done':
        event = { orderId, kind: 'user_action', at: now, action: 'step_done', detail: action.step };
        break;
      case 'user_action':
        event = { orderId, kind: 'user_action', at: now, action: action.action, detail: action.detail };
        break;
      case 'resolve':
        await db.orders.update(orderId, { resolvedAt: now, outcome: action.outcome });
        event = { orderId, kind: 'resolved', at: now, detail: action.outcome, action: OUTCOME_ACTION[action.outcome] };
        break;
      case 'set_window':
        await db.orders.update(orderId, { windowMinutes: action.minutes ?? undefined });
        event = { orderId, kind: 'user_action', at: now, detail: `window:${action.minutes ?? 'default'}` };
        break;
      case 'draft_copied':
        event = { orderId, kind: 'draft_copied', at: now, detail: action.channel };
        break;
      case 'snooze':
        return undefined; // not a fact about the order: lib/reminders keeps it
      case 'set_watch':
        // A setting of the order, not a fact of the dispute: kept on the order (and backed up with it), no event.
        await db.orders.update(orderId, { watchOff: action.on ? undefined : true });
        return undefined;
    }
    if (event.action === undefined) delete event.action;
    if (event.detail === undefined) delete event.detail;
    await appendEvent(db, event);
    return event;
  });
}
