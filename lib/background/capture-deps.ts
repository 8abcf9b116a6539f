import { browser } from 'wxt/browser';
import type { KamiGuardDb } from '@/lib/db';
import { dataUrlToBlob } from '@/lib/evidence';
import type { CaptureDeps } from './capture';

import { CAPTURE_ERROR_KEY } from './capture-keys';

/** The capturer's browser side: tab visibility, captureVisibleTab as PNG, and where write failures are reported. */
export function browserCaptureDeps(db: KamiGuardDb): CaptureDeps {
  return {
    db,
    async tabState(tabId) {
      try {
        const tab = await browser.tabs.get(tabId);
        const win = await browser.windows.get(tab.windowId!);
        return {
          exists: true,
          url: tab.url,
          title: tab.title,
          windowId: tab.windowId,
          visible: Boolean(tab.active) && win.state !== 'minimized',
        };
      } catch {
        return { exists: false, visible: false };
      }
    },
    async captureVisible(windowId) {
      return dataUrlToBlob(await browser.tabs.captureVisibleTab(windowId, { format: 'png' }));
    },
    now: () => Date.now(),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    async onWriteError(err, req) {
      // Shown by the popup until the user dismisses it: a capture that could not be saved must not vanish silently.
      await db.kv
        .put({
          key: CAPTURE_ERROR_KEY,
          value: { at: Date.now(), orderId: req.orderId, kind: req.kind, message: err.message },
        })
        .catch(() => undefined);
    },
  };
}
