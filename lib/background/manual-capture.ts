import { browser, type Browser } from 'wxt/browser';
import type { KamiGuardDb } from '@/lib/db';
import { t } from '@/lib/i18n';
import type { CaptureTabData } from '@/lib/messaging/schemas';
import type { createCapturer } from './capture';
import { EvidenceWriteError } from '@/lib/evidence/errors';
import { captureFullPage } from './full-page';
import { evidenceWriteErrorMessage } from './write-errors';
import { findOrderForPage } from './order-for-page';

/** The keyboard shortcut's command name (wxt.config.ts `commands`). */
export const CAPTURE_COMMAND = 'capture-evidence';
export const CAPTURE_MENU_ID = 'kamiguard-capture';

/** The context-menu entry on web pages: 卡密守护：截图存为证据. */
export function createCaptureMenu(): void {
  browser.contextMenus.create(
    {
      id: CAPTURE_MENU_ID,
      title: t('menu_capture'),
      contexts: ['page'],
      documentUrlPatterns: ['http://*/*', 'https://*/*'],
    },
    () => void browser.runtime.lastError, // created already after an update: fine
  );
}

/** Captures the user asked for: from the popup (for a chosen order and kind) or from the page (shortcut, menu). */
const activeTab = async (): Promise<Browser.tabs.Tab | undefined> =>
  (await browser.tabs.query({ active: true, lastFocusedWindow: true }))[0];

export function manualCaptureHandler(db: KamiGuardDb, capturer: ReturnType<typeof createCapturer>) {
  const capture = async (
    tab: Browser.tabs.Tab,
    orderId: number,
    kind: CaptureTabData['kind'],
    fullPage = false,
  ): Promise<{ ok: boolean; error?: string }> => {
    if (tab.id === undefined || tab.windowId === undefined || !tab.url || !/^https?:/.test(tab.url))
      return { ok: false, error: t('capture_not_web_page') };
    const req = { orderId, tabId: tab.id, kind, source: 'manual' as const, url: tab.url, requestedAt: Date.now() };
    if (fullPage)
      return captureFullPage(db, tab, req).catch(async (err: unknown) => {
        if (err instanceof EvidenceWriteError) return { ok: false, error: await evidenceWriteErrorMessage(db, err) };
        throw err;
      });
    return capturer.captureNow(req, tab.windowId, tab.title);
  };

  return {
    async fromPopup(data: CaptureTabData): Promise<{ ok: boolean; error?: string }> {
      const tab = await activeTab();
      if (!tab) return { ok: false, error: t('capture_not_web_page') };
      return capture(tab, data.orderId, data.kind, data.fullPage);
    },
    async fromPage(tab: Browser.tabs.Tab | undefined): Promise<void> {
      const target = tab ?? (await activeTab());
      const order = target?.url ? await findOrderForPage(db, target.url) : undefined;
      const result = order?.id
        ? await capture(target!, order.id, 'order_screenshot')
        : { ok: false, error: t('capture_no_order') };
      await browser.notifications.create(`capture:${Date.now()}`, {
        type: 'basic',
        iconUrl: browser.runtime.getURL('/icon/128.png'),
        title: t('extName'),
        message: result.ok ? t('capture_done', order?.productName ?? order?.orderNo ?? '') : (result.error ?? ''),
      });
    },
  };
}
