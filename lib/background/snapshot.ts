/**
 * A shop page's snapshot (lib/content/send-snapshots.ts) read in the background: the extractor runs on a parsed copy
 * (lib/extract/snapshot-reading.ts; in Chromium's offscreen document, in Firefox's event page), and what it finds
 * takes the path a reading from the page itself takes: orders to `ordersSeen`'s handler, a payment stop page to
 * `paymentStopSeen`'s, each with the same sender, so each checks and validates again as for any page message. A copy
 * that is not the page (lib/extract/snapshot-reading.ts `copyDiffers`) is not read: the page is asked to hand itself
 * to the extractor, which reads it in the tab. On a page the page test took for a buy page, the copy is also searched
 * for a buy form (lib/snapshot-reader.ts), and what is found goes to the buy pages' side (lib/background/checkout-pages.ts).
 */
import { readPageMessage } from '@/lib/messaging/page-message';
import {
  PageSnapshotSchema,
  SnapshotReadingSchema,
  parseMessage,
  type OrdersSeenData,
  type PaymentStopData,
  type ReadSnapshotData,
} from '@/lib/messaging/schemas';
import type { SenderLike } from '@/lib/messaging/sender';
import type { PageSnapshotReply } from '@/lib/messaging/protocol';
import type { BuyPageReading } from '@/lib/checkout/buy-page-reading';

export interface SnapshotContext {
  ownId: string;
  ownOrigin: string;
  /** Reads the snapshot where a DOM exists; its answer is validated here (it says what a hostile page made it say). */
  read(data: ReadSnapshotData): Promise<unknown>;
  ordersSeen(data: OrdersSeenData, sender: SenderLike): Promise<unknown>;
  paymentStopSeen(data: PaymentStopData, sender: SenderLike): Promise<unknown>;
  /** What each page (tab, frame, page id) last reported, so that a page repeating itself is stored once. */
  lastReports: Map<string, string>;
  /** Buy pages (lib/background/checkout-pages.ts): which pages to look for a buy form on, and what to do with one. */
  buyPages?: {
    wanted(sender: SenderLike): boolean;
    /** The page's buy form as its latest snapshot shows it, or undefined for none. */
    seen(found: BuyPageReading | undefined, url: string, page: string, sender: SenderLike): Promise<void>;
    /** A buy page whose snapshot cannot be read: the form is looked for in the tab. */
    readInTab(page: string, sender: SenderLike): Promise<void>;
  };
}

/** Pages remembered in `lastReports`; the oldest is forgotten first (a forgotten page's next reading is stored again). */
const REMEMBERED_PAGES = 200;

/** One page's life in a tab's frame. */
const pageKey = (sender: SenderLike, pageId: string): string => `${sender.tab?.id}:${sender.frameId ?? 0}:${pageId}`;

export async function handlePageSnapshot(
  raw: unknown,
  sender: SenderLike,
  ctx: SnapshotContext,
): Promise<PageSnapshotReply> {
  const { data } = readPageMessage(PageSnapshotSchema, raw, sender, ctx);
  const buyForm = ctx.buyPages?.wanted(sender) === true;
  const reading = parseMessage(
    SnapshotReadingSchema,
    await ctx.read({
      url: data.url,
      html: data.html,
      values: data.values,
      hidden: data.hidden,
      ...(buyForm ? { buyForm } : {}),
    }),
  );
  const page = pageKey(sender, data.pageId);
  if (reading.copyDiffers) {
    if (buyForm) await ctx.buyPages!.readInTab(page, sender);
    return { orders: 0, readInTab: true };
  }
  const { orders, paymentStop, copyDiffers: _, buyPage, ...facts } = reading;
  if (buyForm) await ctx.buyPages!.seen(buyPage, data.url, page, sender);
  const report = orders.length ? JSON.stringify(orders) : paymentStop?.tradeNo ? `paid ${paymentStop.tradeNo}` : '';
  if (!report || ctx.lastReports.get(page) === report) return { orders: orders.length };
  ctx.lastReports.delete(page);
  ctx.lastReports.set(page, report);
  if (ctx.lastReports.size > REMEMBERED_PAGES) ctx.lastReports.delete(ctx.lastReports.keys().next().value!);
  if (orders.length) await ctx.ordersSeen({ orders, url: data.url, ...facts }, sender);
  else if (paymentStop?.tradeNo) await ctx.paymentStopSeen({ url: data.url, ...paymentStop }, sender);
  return { orders: orders.length };
}
