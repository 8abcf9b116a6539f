import { browser } from 'wxt/browser';
import { t } from '@/lib/i18n';
import { PrivacyPromise } from '../privacy-promise';
import { OptionsCheckout } from './checkout';
import { OptionsSettings } from './settings';
import { OptionsSigning } from './signing';
import { OptionsStorage } from './storage';
import { OptionsTimestamp } from './timestamp';
import { OptionsWatch } from './watch';

/** Opens one of the extension's own pages in a new tab. */
function openPage(path: '/onboarding.html' | '/shop-record.html'): void {
  void browser.tabs.create({ url: browser.runtime.getURL(path) });
}

/**
 * The options page: delay-clock settings, watching waiting orders, the checkout panel, bundle signing, trusted
 * timestamps, storage and backup; the shop record and the onboarding are pages of their own, linked from here.
 */
export function OptionsApp(): React.JSX.Element {
  return (
    <main className="opt-page">
      <header className="opt-header">
        <h1>{t('options_title')}</h1>
        <PrivacyPromise short />
        <nav className="opt-links" aria-label={t('options_pages')}>
          <button
            type="button"
            className="link"
            data-testid="open-record"
            onClick={() => openPage('/shop-record.html')}
          >
            {t('options_open_record')}
          </button>
          <button
            type="button"
            className="link"
            data-testid="open-onboarding"
            onClick={() => openPage('/onboarding.html')}
          >
            {t('options_open_onboarding')}
          </button>
        </nav>
      </header>
      <OptionsSettings />
      <OptionsWatch />
      <OptionsCheckout />
      <OptionsSigning />
      <OptionsTimestamp />
      <OptionsStorage />
    </main>
  );
}
