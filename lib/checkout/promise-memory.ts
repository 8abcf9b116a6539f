/**
 * The delivery promise the buyer saw on a buy page, kept for the order that follows. Most order pages state no
 * window; the buy page often does ("24小时内到账"), and that is what the buyer paid on. The promise is kept on the
 * shop's row (`shops.checkouts`, per product, a few per shop) rather than on a pending order: the order does not
 * exist yet, and its number is only known once the shop's order page shows it. When an order of that shop is first
 * picked up without a window of its own, the promise of the same product seen shortly before is given to it.
 */
import type { KamiGuardDb } from '@/lib/db/database';
import type { CheckoutPromise, OrderRecord, ShopRecord } from '@/lib/db/types';

/** Promises kept per shop (the newest; one per product). */
export const MAX_PROMISES = 10;
/** An order picked up longer than this after the buy page was seen is not that purchase. */
export const PROMISE_TTL_MS = 48 * 3600_000;
/** Without a product name on the order page, only a single buy page seen this recently is matched. */
const UNNAMED_TTL_MS = 2 * 3600_000;

/** Product names compared loosely: width, case, spaces and a trailing "x 1" / "×2" do not matter. */
export function productKey(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\s*[x×*]\s*\d+$/, '')
    .replace(/[\s\-_·|/\\()（）【】[\]]+/g, '');
}

/** The shop row with `promise` added: newest first, one per product, at most MAX_PROMISES. */
export function withPromise(shop: ShopRecord, promise: CheckoutPromise): ShopRecord {
  const key = productKey(promise.product);
  const kept = (shop.checkouts ?? []).filter((c) => productKey(c.product) !== key);
  return { ...shop, checkouts: [promise, ...kept].slice(0, MAX_PROMISES) };
}

/**
 * The promise (minutes) for an order first seen at `at`: the newest buy page of the same product seen before it,
 * within PROMISE_TTL_MS; for an order page that names no product, the one buy page seen within two hours, if only
 * one was.
 */
export function promiseFor(
  shop: ShopRecord | undefined,
  order: Pick<OrderRecord, 'productName'>,
  at: number,
): number | undefined {
  const recent = (shop?.checkouts ?? []).filter((c) => c.seenAt <= at && at - c.seenAt <= PROMISE_TTL_MS);
  if (!order.productName) {
    const fresh = recent.filter((c) => at - c.seenAt <= UNNAMED_TTL_MS);
    return fresh.length === 1 ? fresh[0]!.minutes : undefined;
  }
  const key = productKey(order.productName);
  if (key.length < 2) return undefined;
  // The order page may shorten or lengthen the name ("QQ超级会员" vs "QQ超级会员 1个月 自动发货"); a short name
  // ("QQ") is compared whole only.
  const match = recent.find((c) => {
    const k = productKey(c.product);
    return k === key || (Math.min(k.length, key.length) >= 4 && (k.includes(key) || key.includes(k)));
  });
  return match?.minutes;
}

/** Remembers a promise seen on a buy page of `site`. */
export async function rememberPromise(db: KamiGuardDb, site: string, promise: CheckoutPromise): Promise<void> {
  await db.transaction('rw', db.shops, async () => {
    const stored = (await db.shops.get(site)) ?? { site, firstSeenAt: promise.seenAt };
    await db.shops.put(withPromise(stored, promise));
  });
}

/**
 * The promise a buy page of `site` made for this order, if the buyer saw one shortly before (see `promiseFor`).
 * Read before the order is stored, so that a new order is written with it in one go.
 */
export async function rememberedPromise(
  db: KamiGuardDb,
  site: string,
  order: Pick<OrderRecord, 'productName'>,
  at: number,
): Promise<number | undefined> {
  return promiseFor(await db.shops.get(site), order, at);
}
