import type { OrderRecord } from '@/lib/db/types';
import type { OrderStatus } from '@/lib/extract/types';

/** Statuses whose keys need no note: the order is done, refunded, or was never paid. */
const SETTLED: ReadonlySet<OrderStatus> = new Set<OrderStatus>(['delivered', 'refunded', 'closed']);

/**
 * The status to name when the shop shows card keys while it still says the order is not done (DESIGN.md's
 * precedence: keys under 处理中 are a partial delivery, the status stays and the clock keeps running): the popup says
 * "已显示部分卡密，订单仍为 <status>" rather than letting the keys read as delivered. Undefined otherwise.
 */
export function partialKeysStatus(order: Pick<OrderRecord, 'status' | 'cardKeys'>): OrderStatus | undefined {
  return order.cardKeys?.length && !SETTLED.has(order.status) ? order.status : undefined;
}
