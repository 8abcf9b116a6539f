/** Finds the browsers the e2e tests load the extension into: a Chromium-family one, and Firefox. */
import { existsSync } from 'node:fs';

const CANDIDATES: Record<string, string[]> = {
  linux: [
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/snap/bin/chromium',
    '/usr/bin/google-chrome-for-testing',
    '/usr/bin/google-chrome',
    '/opt/google/chrome/chrome',
  ],
  darwin: [
    '/Applications/Chromium.app/Contents/MacOS/Chromium',
    '/Applications/Google Chrome for Testing.app/Contents/MacOS/Google Chrome for Testing',
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  ],
  win32: [
    'C:\\Program Files\\Chromium\\Application\\chrome.exe',
    'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
    'C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe',
  ],
};

export class NoBrowserError extends Error {}

const HOW_TO_GET_ONE = [
  'Install Chromium (Debian/Ubuntu: sudo apt-get install chromium; macOS: brew install --cask chromium),',
  'or point CHROME_PATH at a Chromium or Chrome for Testing binary, e.g. CHROME_PATH=/path/to/chrome npm test.',
  '(Branded Google Chrome 137+ ignores --load-extension, so Chromium or Chrome for Testing is needed.)',
].join('\n');

/**
 * The path in the environment variable `envVar` first, then the first of `candidates` for this platform that exists.
 * Throws NoBrowserError with `howTo` when none is there.
 */
function findExecutable(envVar: string, candidates: Record<string, string[]>, what: string, howTo: string): string {
  const fromEnv = process.env[envVar];
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv;
    throw new NoBrowserError(`${envVar} is set to ${fromEnv}, but no file is there.\n${howTo}`);
  }
  const found = (candidates[process.platform] ?? []).find((p) => existsSync(p));
  if (found) return found;
  throw new NoBrowserError(`No ${what} was found.\n${howTo}`);
}

/** CHROME_PATH first, then the usual install places. */
export function findBrowser(): string {
  return findExecutable('CHROME_PATH', CANDIDATES, 'Chromium-family browser for loading the extension', HOW_TO_GET_ONE);
}

const FIREFOX_CANDIDATES: Record<string, string[]> = {
  linux: ['/usr/bin/firefox-esr', '/usr/bin/firefox', '/snap/bin/firefox'],
  darwin: ['/Applications/Firefox.app/Contents/MacOS/firefox'],
  win32: ['C:\\Program Files\\Mozilla Firefox\\firefox.exe'],
};

const HOW_TO_GET_FIREFOX = [
  'Install Firefox ESR (Debian/Ubuntu: sudo apt-get install firefox-esr), or point FIREFOX_PATH at a Firefox',
  'that accepts unsigned add-ons (ESR, Developer Edition, Nightly or an unbranded build; release Firefox does not).',
].join('\n');

/** FIREFOX_PATH first, then the usual install places. */
export function findFirefox(): string {
  return findExecutable(
    'FIREFOX_PATH',
    FIREFOX_CANDIDATES,
    'Firefox for the Firefox end-to-end test',
    HOW_TO_GET_FIREFOX,
  );
}
