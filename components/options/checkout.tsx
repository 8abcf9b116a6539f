import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { getDb } from '@/lib/db';
import { loadCheckoutSettings, saveCheckoutSettings, type CheckoutSettings } from '@/lib/checkout/settings';
import { t } from '@/lib/i18n';
import { errorDetail } from './errors';

/** The before-you-pay panel: on or off everywhere, the recipient check alone, and the shops where it is off. */
export function OptionsCheckout(): React.JSX.Element {
  const settings = useLiveQuery(() => loadCheckoutSettings(getDb()), []);
  const [failure, setFailure] = useState('');

  const save = (next: CheckoutSettings): void => {
    saveCheckoutSettings(getDb(), next).then(
      () => setFailure(''),
      (error: unknown) => setFailure(errorDetail(error)),
    );
  };

  return (
    <section className="opt-section" aria-labelledby="opt-checkout-heading">
      <h2 id="opt-checkout-heading">{t('options_checkout_heading')}</h2>
      <p className="opt-hint">{t('options_checkout_intro')}</p>
      <label className="opt-check">
        <input
          type="checkbox"
          data-testid="checkout-panel"
          checked={settings?.panel ?? true}
          disabled={!settings}
          onChange={(e) => settings && save({ ...settings, panel: e.currentTarget.checked })}
        />{' '}
        {t('options_checkout_panel')}
      </label>
      <label className="opt-check">
        <input
          type="checkbox"
          data-testid="checkout-recipient"
          checked={settings?.recipientCheck ?? true}
          disabled={!settings}
          onChange={(e) => settings && save({ ...settings, recipientCheck: e.currentTarget.checked })}
        />{' '}
        {t('options_checkout_recipient')}
      </label>
      <h3>{t('options_checkout_hidden')}</h3>
      {settings && settings.hiddenShops.length > 0 ? (
        <ul className="opt-shop-list" data-testid="checkout-hidden-shops">
          {settings.hiddenShops.map((host) => (
            <li key={host} className="opt-shop-row">
              <span>{host}</span>
              <button
                type="button"
                className="link"
                onClick={() => save({ ...settings, hiddenShops: settings.hiddenShops.filter((h) => h !== host) })}
              >
                {t('options_checkout_show_again')}
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t('options_checkout_hidden_none')}</p>
      )}
      {failure && (
        <p className="opt-error" role="alert">
          {t('options_checkout_failed', failure)}
        </p>
      )}
    </section>
  );
}
