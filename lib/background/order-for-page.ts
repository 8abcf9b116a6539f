import type { KamiGuardDb, OrderRecord } from '@/lib/db';
import { samePage } from './capture-queue';

/**
 * The order a page belongs to, for captures started from the page itself (shortcut, context menu): the most recently
 * seen order shown at this URL, else the most recently seen order of this shop. Undefined when the shop is unknown.
 */
export async function findOrderForPage(db: KamiGuardDb, url: string): Promise<OrderRecord | undefined> {
  let host: string;
  try {
    host = new URL(url).host;
  } catch {
    return undefined;
  }
  const orders = (await db.orders.where('site').equals(host).toArray()).sort((a, b) => b.lastSeenAt - a.lastSeenAt);
  return orders.find((o) => o.urls.some((u) => samePage(u, url))) ?? orders[0];
}
