/**
 * Launches Firefox with the built Firefox add-on (`.output/firefox-mv2`), for the Firefox end-to-end test.
 *
 * Playwright drives only its own patched Firefox (a download this machine cannot make), so Firefox is driven over
 * WebDriver BiDi, which stock Firefox speaks, with puppeteer-core. BiDi may neither install an add-on that stays
 * nor open a moz-extension:// page, so the profile is prepared before start: the unsigned add-on sits in its
 * `extensions/` folder (ESR and unbranded builds accept unsigned add-ons when told to), its moz-extension UUID is
 * fixed by a pref, and the start page is the add-on's popup — a page of the extension in which the test can read
 * its IndexedDB.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { zipSync } from 'fflate';
import { connect, type Browser, type Page } from 'puppeteer-core';
import { findFirefox } from './find-browser.ts';

/** The add-on's ID (wxt.config.ts browser_specific_settings.gecko.id). */
export const FIREFOX_ADDON_ID = 'kamiguard@kamiguard';
/** The moz-extension:// host the test gives the add-on. */
export const FIREFOX_ADDON_UUID = '0b5c6a1e-4f0d-4a53-9d3e-6b1f2c7a8e90';

export interface LaunchedFirefox {
  browser: Browser;
  /** The add-on's popup page, open since start: run code in the extension here. */
  extensionPage: Page;
  close(): Promise<void>;
}

/** Every file below `dir`, keyed by its path relative to it: the layout of an .xpi. */
function filesOf(dir: string, root = dir, out: Record<string, Uint8Array> = {}): Record<string, Uint8Array> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) filesOf(path, root, out);
    else out[relative(root, path).split('\\').join('/')] = new Uint8Array(readFileSync(path));
  }
  return out;
}

const prefLine = ([key, value]: [string, unknown]): string =>
  `user_pref(${JSON.stringify(key)}, ${JSON.stringify(value)});`;

export interface FirefoxOptions {
  /** More prefs for the profile (e.g. a short event-page idle timeout). */
  prefs?: Record<string, unknown>;
  /** Where downloads are saved without asking. */
  downloadDir?: string;
}

export async function launchFirefoxWithExtension(
  addonDir: string,
  options: FirefoxOptions = {},
): Promise<LaunchedFirefox> {
  const temp = mkdtempSync(join(tmpdir(), 'kamiguard-firefox-'));
  const profile = join(temp, 'profile');
  mkdirSync(join(profile, 'extensions'), { recursive: true });
  writeFileSync(join(profile, 'extensions', `${FIREFOX_ADDON_ID}.xpi`), zipSync(filesOf(addonDir)));
  const popup = `moz-extension://${FIREFOX_ADDON_UUID}/popup.html`;
  const prefs: Record<string, unknown> = {
    'xpinstall.signatures.required': false,
    'extensions.autoDisableScopes': 0,
    'extensions.enabledScopes': 15,
    'extensions.webextensions.uuids': JSON.stringify({ [FIREFOX_ADDON_ID]: FIREFOX_ADDON_UUID }),
    'browser.startup.page': 1,
    'browser.startup.homepage': popup,
    // No "welcome"/"what's new" tab beside it on a new profile.
    'browser.startup.homepage_override.mstone': 'ignore',
    'startup.homepage_welcome_url': '',
    'startup.homepage_welcome_url.additional': '',
    'remote.active-protocols': 1, // WebDriver BiDi only
    // No network here but the package registries: keep Firefox from its own services and first-run pages.
    'app.update.enabled': false,
    'browser.aboutwelcome.enabled': false,
    'browser.shell.checkDefaultBrowser': false,
    'browser.safebrowsing.malware.enabled': false,
    'browser.safebrowsing.phishing.enabled': false,
    'datareporting.policy.dataSubmissionEnabled': false,
    'network.captive-portal-service.enabled': false,
    'network.connectivity-service.enabled': false,
    'toolkit.telemetry.reportingpolicy.firstRun': false,
    // Tests read what the add-on copied (navigator.clipboard.readText without the paste prompt).
    'dom.events.testing.asyncClipboard': true,
    ...(options.downloadDir
      ? {
          'browser.download.dir': options.downloadDir,
          'browser.download.folderList': 2,
          'browser.download.useDownloadDir': true,
          'browser.download.always_ask_before_handling_new_types': false,
          'browser.download.start_downloads_in_tmp_dir': false,
        }
      : {}),
    ...options.prefs,
  };
  writeFileSync(join(profile, 'user.js'), Object.entries(prefs).map(prefLine).join('\n'));

  const child = spawn(
    findFirefox(),
    ['--headless', '--no-remote', '--profile', profile, '--remote-debugging-port', '0'],
    {
      // Runs leave nothing in the home folder.
      env: {
        ...process.env,
        XDG_CONFIG_HOME: join(temp, 'config'),
        XDG_CACHE_HOME: join(temp, 'cache'),
        MOZ_HEADLESS_WIDTH: '1100',
        MOZ_HEADLESS_HEIGHT: '800',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  const cleanUp = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = once(child, 'exit');
      child.kill();
      await exited;
    }
    rmSync(temp, { recursive: true, force: true });
  };
  try {
    const endpoint = await new Promise<string>((resolvePromise, reject) => {
      let log = '';
      const timer = setTimeout(
        () => reject(new Error(`Firefox did not start its WebDriver BiDi server:\n${log}`)),
        60_000,
      );
      child.stderr.on('data', (chunk: Buffer) => {
        log += String(chunk);
        const match = /WebDriver BiDi listening on (ws:\/\/\S+)/.exec(log);
        if (match) {
          clearTimeout(timer);
          resolvePromise(match[1]!);
        }
      });
      child.on('exit', (code) => reject(new Error(`Firefox exited (${code}) before it could be driven:\n${log}`)));
    });
    const browser = await connect({ browserWSEndpoint: `${endpoint}/session`, protocol: 'webDriverBiDi' });
    const end = Date.now() + 30_000;
    let extensionPage: Page | undefined;
    while (!extensionPage && Date.now() < end) {
      extensionPage = (await browser.pages()).find((p) => p.url() === popup);
      if (!extensionPage) await new Promise((r) => setTimeout(r, 200));
    }
    if (!extensionPage) throw new Error(`Firefox did not open ${popup}: the add-on was not installed`);
    // The add-on opens its onboarding page when it is installed, as in Chromium: close it, so it never takes the front
    // from the pages a test opens (tests/support/chromium.ts does the same).
    const onboarding = `moz-extension://${FIREFOX_ADDON_UUID}/onboarding.html`;
    let welcome: Page | undefined;
    while (!welcome && Date.now() < end) {
      welcome = (await browser.pages()).find((p) => p.url() === onboarding);
      if (!welcome) await new Promise((r) => setTimeout(r, 200));
    }
    if (!welcome) throw new Error(`Firefox did not open ${onboarding} when the add-on was installed`);
    await welcome.close();
    return {
      browser,
      extensionPage,
      async close() {
        await browser.disconnect().catch(() => undefined);
        await cleanUp();
      },
    };
  } catch (err) {
    await cleanUp();
    throw err;
  }
}
