import { browser } from 'wxt/browser';
import type { KamiGuardDb } from '@/lib/db';
import { dataUrlToBlob } from '@/lib/evidence';
import type { CaptureDeps } from './capture';
import { forgetTabs, samePage, updateQueue } from './capture-queue';
import { evidenceWriteErrorMessage, reportWriteError } from './write-errors';

const SESSION_MARK = 'capture.browserSession';

/**
 * Tab ids start over with the browser, so after a browser restart every waiting capture goes to whichever tab shows
 * its page. `storage.session` is emptied when the browser quits, not when the worker stops: no mark there means this
 * is the first worker of a new browser session. (Not `runtime.onStartup`: it fires after the worker's first drain of
 * the queue has already dropped the requests whose old tabs are gone.)
 */
export async function forgetTabsAfterBrowserStart(db: KamiGuardDb): Promise<void> {
  try {
    if ((await browser.storage.session.get(SESSION_MARK))[SESSION_MARK]) return;
    await updateQueue(db, forgetTabs);
    await browser.storage.session.set({ [SESSION_MARK]: Date.now() });
  } catch (err) {
    console.warn('[kamiguard] could not carry the capture queue over a browser start', err);
  }
}

/** A tab's page and whether captureVisibleTab would show it now. */
const tabState: CaptureDeps['tabState'] = async (tabId) => {
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
};

/** The capturer's browser side: tab visibility, captureVisibleTab as PNG, and where write failures are reported. */
export function browserCaptureDeps(db: KamiGuardDb): CaptureDeps {
  const ready = forgetTabsAfterBrowserStart(db);
  return {
    db,
    ready,
    tabState,
    async findTab(url) {
      const showing = (await browser.tabs.query({})).filter((tab) => samePage(tab.url, url));
      for (const tab of showing) {
        const state = await tabState(tab.id!);
        if (state.visible) return state;
      }
      return showing[0]?.id === undefined ? { exists: false, visible: false } : tabState(showing[0].id);
    },
    async captureVisible(windowId) {
      return dataUrlToBlob(await browser.tabs.captureVisibleTab(windowId, { format: 'png' }));
    },
    now: () => Date.now(),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    describeWriteError: (err) => evidenceWriteErrorMessage(db, err),
    async onWriteError(err) {
      await reportWriteError(await evidenceWriteErrorMessage(db, err), Date.now());
    },
  };
}
