/**
 * What the buyer asks of the background from our own pages (popup, options, onboarding, add-order): act on an order,
 * add one by hand, scan or capture the current tab, stamp evidence, apply new settings. Every message is sender-checked
 * (only our extension pages) and validated before anything runs.
 */
import { browser } from 'wxt/browser';
import { handleAddOrder } from '@/lib/background/add-order';
import { injectPageReader } from '@/lib/background/inject';
import { CAPTURE_COMMAND, CAPTURE_MENU_ID, manualCaptureHandler } from '@/lib/background/manual-capture';
import { applyOrderAction } from '@/lib/background/order-actions';
import { handleStampManifest, handleStampOrder } from '@/lib/background/timestamp';
import { onMessage } from '@/lib/messaging/protocol';
import {
  CaptureTabSchema,
  OrderActionMessageSchema,
  StampManifestSchema,
  StampOrderSchema,
  parseMessage,
} from '@/lib/messaging/schemas';
import { snoozeOrder } from '@/lib/reminders';
import type { BackgroundContext } from './context';

export function listenToBuyer(ctx: BackgroundContext): void {
  const { db, api, ownId, ownOrigin, capturer, stampDeps, fromExtensionPage } = ctx;
  const manualCapture = manualCaptureHandler(db, capturer);

  onMessage('scanTab', async ({ data, sender }) => {
    fromExtensionPage(sender);
    return { injected: await injectPageReader(data.tabId) };
  });

  onMessage('orderAction', async ({ data, sender }) => {
    fromExtensionPage(sender);
    const { orderId, action } = parseMessage(OrderActionMessageSchema, data);
    if (action.type === 'snooze') await snoozeOrder(db, api, orderId, Date.now());
    else await applyOrderAction(db, orderId, action, Date.now());
    await ctx.orderChanged(orderId);
    return { ok: true };
  });

  // An order the buyer entered by hand (onboarding, add-order page): stored as entered by the buyer, reminders armed.
  onMessage('addOrder', async ({ data, sender }) => {
    const result = await handleAddOrder(data, sender, { db, ownId, ownOrigin, now: Date.now() });
    await ctx.orderChanged(result.orderId);
    return result;
  });

  onMessage('settingsChanged', async ({ sender }) => {
    fromExtensionPage(sender);
    await ctx.rebuildAll(true);
    return { ok: true };
  });

  onMessage('stampOrder', async ({ data, sender }) => {
    fromExtensionPage(sender);
    return handleStampOrder(stampDeps, parseMessage(StampOrderSchema, data).orderId);
  });

  onMessage('stampManifest', async ({ data, sender }) => {
    fromExtensionPage(sender);
    return handleStampManifest(stampDeps, parseMessage(StampManifestSchema, data).manifest);
  });

  // Manual capture: from the order page, and of the page in front of the buyer (shortcut, context menu).
  onMessage('captureTab', async ({ data, sender }) => {
    fromExtensionPage(sender);
    return manualCapture.fromPopup(parseMessage(CaptureTabSchema, data));
  });
  browser.commands.onCommand.addListener((command, tab) => {
    if (command === CAPTURE_COMMAND) void manualCapture.fromPage(tab);
  });
  browser.contextMenus.onClicked.addListener((info, tab) => {
    if (info.menuItemId === CAPTURE_MENU_ID) void manualCapture.fromPage(tab);
  });
}
