import { defineExtensionMessaging } from '@webext-core/messaging';
import type { PanelMode } from '@/lib/checkout/settings';
import type { TimestampFacts } from '@/lib/db/types';
import type { TimestampErrorCode, TimestampInfo } from '@/lib/evidence/timestamp';
import type {
  AddOrderData,
  CaptureTabData,
  CheckoutSeenData,
  OrderActionMessage,
  OrdersSeenData,
  PageSnapshotData,
  PaymentStopData,
  ReadSnapshotData,
  ParsePageData,
  StampManifestData,
  StampOrderData,
} from './schemas';
import type { PageReading } from '@/lib/watch/page';
import type { ShopPageReading } from '@/lib/snapshot-reader';

/** Reply to a page's snapshot: how many orders it showed, or that the page must be read in the tab. */
export interface PageSnapshotReply {
  orders: number;
  readInTab?: true;
}

/** Reply to a content script's sighting: the stored order ids, in the order of `orders`. */
export interface OrdersSeenReply {
  orderIds: number[];
}

/** A stamp that was not obtained, as it crosses a message boundary: nothing was stored. */
export interface StampFailure {
  ok: false;
  code: TimestampErrorCode;
  detail?: string;
}

/** Reply to "申请可信时间戳": what the stored token says. */
export type StampOrderReply = { ok: true; facts: TimestampFacts } | StampFailure;

/** Reply to a bundle's manifest stamp: the token (base64 of the DER TimeStampResp) and what it says. */
export type StampManifestReply = { ok: true; tsr: string; facts: TimestampInfo } | StampFailure;

/** What the checkout panel shows: how much of it, and its words. */
export interface CheckoutReply {
  mode: PanelMode;
  /** Templates of the panel's frame and recipient lines, placeholders as $1…$5 (lib/checkout/messages.ts). */
  messages?: Record<string, string>;
  /** The rest of the panel, worded (only with mode 'full'): terms to confirm, the buyer's record, the signals. */
  lines?: { terms: string[]; shop: string[]; signals: string[] };
}

/**
 * Every message in the extension, named by direction. Data is validated by the background on arrival
 * (lib/messaging/schemas.ts); the types here are what honest senders send.
 */
export interface ProtocolMap {
  /** content script → background: orders read from the page. */
  ordersSeen(data: OrdersSeenData): OrdersSeenReply;
  /**
   * content script → background: a payment stop page (支付成功 / 支付失败, no order on it); replies with the shop order
   * its trade number was linked to, when a payment was recorded there.
   */
  paymentStopSeen(data: PaymentStopData): { orderId?: number };
  /**
   * content script → background: a shop page's snapshot; the background reads it (orders, payment stop page, on a
   * buy page its buy form) and stores what it finds as for `ordersSeen` and `paymentStopSeen` (lib/background/snapshot.ts),
   * telling a buy page's checkout panel what to show (lib/background/checkout-pages.ts). `readInTab`: the copy could
   * not stand for the page; the page is handed to the extractor (extractorHandover).
   */
  pageSnapshot(data: PageSnapshotData): PageSnapshotReply;
  /** content script (the snapshot sender) → background: this page is too large to send; bring the extractor. */
  extractorHandover(): { injected: boolean };
  /** background → offscreen document (Chromium): read a shop page's snapshot (lib/snapshot-reader.ts). */
  readSnapshot(data: ReadSnapshotData): ShopPageReading;
  /** extension page → background: extract orders from the active tab now (the popup's "scan this page"). */
  scanTab(data: { tabId: number }): { injected: boolean };
  /** extension page → background: the user acted on an order (I have paid, step done, resolve ...). */
  orderAction(data: OrderActionMessage): { ok: true };
  /** extension page → background: settings were saved; rebuild every reminder from them. */
  settingsChanged(): { ok: true };
  /**
   * content script (the in-tab checkout finder, for a buy page a snapshot cannot carry) → background: a buy page with
   * a recipient field; what should the panel show?
   */
  checkoutSeen(data: CheckoutSeenData): CheckoutReply;
  /** content script (checkout panel) → background: the buyer turned the panel off on this shop (the sender's host). */
  checkoutHide(): { mode: PanelMode };
  /** extension page → background: capture the active tab as evidence of an order; replies with what was stored. */
  captureTab(data: CaptureTabData): { ok: boolean; error?: string };
  /** extension page → background: stamp the order's chain head at the chosen authority and keep the token. */
  stampOrder(data: StampOrderData): StampOrderReply;
  /** extension page → background: stamp a bundle's manifest.json; the token is returned for the bundle, not kept. */
  stampManifest(data: StampManifestData): StampManifestReply;
  /** background → offscreen document (Chromium): read a page a background check fetched (lib/watch). */
  parsePage(data: ParsePageData): PageReading;
  /**
   * extension page → background: store an order the buyer entered by hand and arm its reminders. `created` is false
   * when the shop's order of that number was already stored (it is left as it was).
   */
  addOrder(data: AddOrderData): { orderId: number; created: boolean };
}

export const { sendMessage, onMessage } = defineExtensionMessaging<ProtocolMap>();
