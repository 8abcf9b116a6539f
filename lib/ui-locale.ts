import { browser } from 'wxt/browser';

/** The locale our pure formatters take, from the browser's UI language (zh_CN is the default). */
export function uiLocale(): 'zh_CN' | 'en' {
  return browser.i18n.getUILanguage().toLowerCase().startsWith('en') ? 'en' : 'zh_CN';
}
