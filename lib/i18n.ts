import { browser } from 'wxt/browser';

/**
 * Looks up a user-facing string in public/_locales (zh_CN default, en). Every UI string goes through here, so a
 * missing translation shows the key rather than nothing.
 */
export function t(key: string, substitutions?: string | string[]): string {
  return browser.i18n.getMessage(key as never, substitutions) || key;
}
