import { browser } from 'wxt/browser';

/** Opens one order's page (the popup's order view, in a tab) — from a notification, for instance. */
export async function openOrderPage(orderId: number): Promise<void> {
  await browser.tabs.create({ url: browser.runtime.getURL(`/popup.html#order=${orderId}`) });
}
