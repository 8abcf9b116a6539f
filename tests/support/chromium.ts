/** Launches Chromium with the built extension loaded, the way the e2e tests, the bench and `npm start` need it. */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { findBrowser } from './find-browser.ts';

export interface LaunchOptions {
  headless?: boolean;
  viewport?: { width: number; height: number } | null;
  /** Chinese browser UI (and so the extension's zh_CN messages, where the browser ships that locale). */
  chinese?: boolean;
  /** More Chromium switches (e.g. a proxy that records what the browser sends). */
  args?: string[];
  /**
   * Keep the onboarding tab the extension opens when it is installed (every launch here is a fresh install). By
   * default it is closed as soon as it opens, so it never takes the front from the pages a test opens.
   */
  keepOnboarding?: boolean;
  /**
   * A profile folder to use and keep (a browser restart on the same profile); by default a temporary one, removed on
   * close.
   */
  profileDir?: string;
}

export interface LaunchedBrowser {
  context: BrowserContext;
  /** The onboarding page the install opened, when `keepOnboarding` was set. */
  onboarding?: Page;
  /** Closes the browser and removes its temporary profile. */
  close(): Promise<void>;
}

export async function launchWithExtension(extensionDir: string, options: LaunchOptions = {}): Promise<LaunchedBrowser> {
  const temp = mkdtempSync(join(tmpdir(), 'kamiguard-chromium-'));
  for (const d of ['config', 'cache', 'profile']) mkdirSync(join(temp, d));
  const headless = options.headless ?? true;
  // The extension opens its onboarding page only when it is installed: on a kept profile's second launch it does not.
  const fresh = !options.profileDir || !existsSync(join(options.profileDir, 'Default'));
  const context = await chromium.launchPersistentContext(options.profileDir ?? join(temp, 'profile'), {
    executablePath: findBrowser(),
    headless,
    ignoreDefaultArgs: ['--disable-extensions'],
    args: [
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      '--no-first-run',
      // No network here but the package registries: keep Chromium from trying its own services.
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...(headless ? ['--disable-gpu', '--disable-quic'] : []),
      // Chromium refuses to start as root with its sandbox on (CI and containers run as root).
      ...(headless || process.getuid?.() === 0 ? ['--no-sandbox'] : []),
      ...(options.chinese ? ['--lang=zh-CN'] : []),
      ...(options.args ?? []),
    ],
    ...(options.chinese ? { locale: 'zh-CN' } : {}),
    // Runs leave nothing in the home folder; on Linux the UI language comes from LANGUAGE, not from --lang.
    env: {
      ...process.env,
      XDG_CONFIG_HOME: join(temp, 'config'),
      XDG_CACHE_HOME: join(temp, 'cache'),
      ...(options.chinese ? { LANGUAGE: 'zh_CN', LANG: 'zh_CN.UTF-8' } : {}),
    },
    viewport: options.viewport === undefined ? { width: 1100, height: 800 } : options.viewport,
  });
  let onboarding: Page | undefined;
  try {
    if (fresh) onboarding = await onboardingPage(context);
    if (!options.keepOnboarding) await onboarding?.close();
  } catch (err) {
    await context.close();
    rmSync(temp, { recursive: true, force: true });
    throw err;
  }
  return {
    context,
    ...(options.keepOnboarding && onboarding ? { onboarding } : {}),
    async close() {
      await context.close();
      rmSync(temp, { recursive: true, force: true });
    },
  };
}

/**
 * The tab the extension opens on install (runtime.onInstalled, reason install). It is waited for, not merely looked
 * for: a tab that opened a moment after a test began would take the front and hold back captures that wait for
 * their tab to be visible.
 */
export async function onboardingPage(context: BrowserContext, timeoutMs = 20_000): Promise<Page> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const page = context.pages().find((p) => /^chrome-extension:\/\/[a-z]+\/onboarding\.html/.test(p.url()));
    if (page) return page;
    if (Date.now() > end) throw new Error('the extension did not open its onboarding page on install');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
