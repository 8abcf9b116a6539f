import { defineExtensionMessaging } from '@webext-core/messaging';
import type { CaptureTabData, OrderActionMessage, OrdersSeenData } from './schemas';

/** Reply to a content script's sighting: the stored order ids, in the order of `orders`. */
export interface OrdersSeenReply {
  orderIds: number[];
}

/**
 * Every message in the extension, named by direction. Data is validated by the background on arrival
 * (lib/messaging/schemas.ts); the types here are what honest senders send.
 */
export interface ProtocolMap {
  /** content script → background: orders read from the page. */
  ordersSeen(data: OrdersSeenData): OrdersSeenReply;
  /** extension page → background: extract orders from the active tab now (the popup's "scan this page"). */
  scanTab(data: { tabId: number }): { injected: boolean };
  /** extension page → background: the user acted on an order (I have paid, step done, resolve ...). */
  orderAction(data: OrderActionMessage): { ok: true };
  /** extension page → background: settings were saved; rebuild every reminder from them. */
  settingsChanged(): { ok: true };
  /** extension page → background: capture the active tab as evidence of an order; replies with what was stored. */
  captureTab(data: CaptureTabData): { ok: boolean; error?: string };
}

export const { sendMessage, onMessage } = defineExtensionMessaging<ProtocolMap>();
