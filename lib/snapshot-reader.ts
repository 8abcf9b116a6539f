/**
 * What a shop page's snapshot says, read where the background parses pages (Chromium's offscreen document, Firefox's
 * event page): its orders or payment stop (lib/extract/snapshot-reading.ts) and, on a page the page test took for a
 * buy page, its buy form (lib/checkout/buy-page-reading.ts). One parse serves both. Above lib/extract and
 * lib/checkout, which know nothing of each other's readings.
 */
import { readBuyPage, type BuyPageReading } from '@/lib/checkout/buy-page-reading';
import { visibilityIn } from '@/lib/extract/snapshot';
import { parseSnapshot, readSnapshotCopy, type SnapshotReading } from '@/lib/extract/snapshot-reading';
import type { ReadSnapshotData } from '@/lib/messaging/schemas';

export interface ShopPageReading extends SnapshotReading {
  /** The buy form, when asked for (`buyForm`) and the page has one without showing an order. */
  buyPage?: BuyPageReading;
}

export function readShopPage(data: ReadSnapshotData): ShopPageReading {
  const doc = parseSnapshot(data);
  if (!doc) return { orders: [], copyDiffers: true };
  const reading: ShopPageReading = readSnapshotCopy(doc, data.url);
  if (!data.buyForm || reading.orders.length || reading.paymentStop) return reading;
  const buyPage = readBuyPage(doc, visibilityIn(doc, data.hidden));
  return buyPage ? { ...reading, buyPage } : reading;
}
