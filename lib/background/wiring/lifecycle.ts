/**
 * The background's own rhythm: alarms (reminders and the watch), notifications, install and start-up. Alarms may be
 * lost across a browser restart, so every alarm and watch row is rebuilt from the database at each start, and waiting
 * screenshots are retried whenever a tab or window comes to the front.
 */
import { browser } from 'wxt/browser';
import { installBenchHooks } from '@/lib/background/bench-hooks';
import { createCaptureMenu } from '@/lib/background/manual-capture';
import { openOnboardingOnInstall } from '@/lib/background/onboarding';
import { openOrderPage } from '@/lib/background/open-order';
import { onAlarm, onNotificationButton, onNotificationClicked } from '@/lib/reminders';
import { runWatch, WATCH_ALARM } from '@/lib/watch';
import type { BackgroundContext } from './context';

export function listenToLifecycle(ctx: BackgroundContext): void {
  const { db, api, capturer } = ctx;

  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === WATCH_ALARM) void runWatch(ctx.watchDeps);
    else void onAlarm(db, api, alarm.name, Date.now());
  });
  browser.notifications.onClicked.addListener(async (id) => {
    const { openOrderId } = await onNotificationClicked(api, id);
    if (openOrderId !== undefined) await openOrderPage(openOrderId);
  });
  browser.notifications.onButtonClicked?.addListener(async (id, index) => {
    const { openOrderId } = await onNotificationButton(db, api, id, index, Date.now());
    if (openOrderId !== undefined) await openOrderPage(openOrderId);
  });

  // Screenshots wait for their tab to be visible: try again whenever a tab or window comes to the front.
  browser.tabs.onActivated.addListener(() => void capturer.run());
  browser.windows.onFocusChanged.addListener(() => void capturer.run());

  browser.runtime.onInstalled.addListener(({ reason }) => {
    void ctx.rebuildAll();
    createCaptureMenu();
    void openOnboardingOnInstall(reason);
  });
  browser.runtime.onStartup.addListener(() => void ctx.rebuildAll());
  void ctx.rebuildAll();
  void capturer.run();
  if (import.meta.env.MODE === 'bench') installBenchHooks(db, capturer, ctx.captureDeps, ctx);
}
