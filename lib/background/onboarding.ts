import { browser } from 'wxt/browser';

/** The onboarding page's path in the extension (entrypoints/onboarding). */
export const ONBOARDING_PATH = '/onboarding.html';

/**
 * Opens the onboarding page once, when the extension is first installed: most buyers find KamiGuard after the money
 * is gone, and the page starts with that order. Updates and browser restarts open nothing; the options page opens it
 * again on request.
 */
export async function openOnboardingOnInstall(reason: string): Promise<void> {
  if (reason !== 'install') return;
  await browser.tabs.create({ url: browser.runtime.getURL(ONBOARDING_PATH) });
}
