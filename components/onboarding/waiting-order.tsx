import { useState } from 'react';
import { browser } from 'wxt/browser';
import { t } from '@/lib/i18n';
import { parseShopUrl } from '@/lib/order-entry/form';
import { OrderEntryForm, type EntryAdded } from '../order-entry/order-entry-form';

type Choice = 'page' | 'hand' | 'none';

/** What was added by hand, as a card with the way to the order's page. */
function Added({ added }: { added: EntryAdded }): React.JSX.Element {
  return (
    <div className="done-card" data-testid="entry-added" role="status">
      <p className="done-title">{t(added.created ? 'entry_added' : 'entry_exists')}</p>
      {added.receipts > 0 && <p>{t('entry_added_receipt', String(added.receipts))}</p>}
      {added.receiptError && <p className="entry-error">{t('entry_receipt_failed', added.receiptError)}</p>}
      <a className="button primary" href={browser.runtime.getURL(`/popup.html#order=${added.orderId}`)}>
        {t('entry_open_order')}
      </a>
    </div>
  );
}

/** "Open its order page": paste the address to open it here; the demo order page when the demo shop runs. */
function OpenPage({ demoUrl }: { demoUrl?: string }): React.JSX.Element {
  const [url, setUrl] = useState('');
  const [error, setError] = useState(false);
  const open = (): void => {
    const parsed = parseShopUrl(url);
    if (!parsed) return setError(true);
    setError(false);
    void browser.tabs.create({ url: parsed.url });
  };
  return (
    <div className="choice-body" data-testid="choice-page">
      <p>{t('onboarding_page_how')}</p>
      <form
        className="inline-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          open();
        }}
      >
        <label htmlFor="onboarding-url" className="sr-only">
          {t('onboarding_page_url')}
        </label>
        <input
          id="onboarding-url"
          type="text"
          inputMode="url"
          placeholder={t('onboarding_page_url')}
          value={url}
          aria-invalid={error ? true : undefined}
          onChange={(e) => setUrl(e.currentTarget.value)}
        />
        <button type="submit">{t('onboarding_page_open')}</button>
      </form>
      {error && <p className="entry-error">{t('entry_error_shop_invalid')}</p>}
      <p className="muted">{t('onboarding_page_then')}</p>
      {demoUrl && (
        <p className="demo" data-testid="demo-link">
          {t('onboarding_demo')}{' '}
          <a href={demoUrl} target="_blank" rel="noreferrer">
            {t('onboarding_demo_link')}
          </a>
        </p>
      )}
    </div>
  );
}

/**
 * The first thing the onboarding asks: is an order already not arriving? Then either open its order page (pickup
 * does the rest) or, when that page is gone or never showed the order, add it by hand with its receipt.
 */
export function WaitingOrder({ demoUrl }: { demoUrl?: string }): React.JSX.Element {
  const [choice, setChoice] = useState<Choice>();
  const [added, setAdded] = useState<EntryAdded>();
  const options: [Choice, string][] = [
    ['page', 'onboarding_choice_page'],
    ['hand', 'onboarding_choice_hand'],
    ['none', 'onboarding_choice_none'],
  ];
  return (
    <section className="card question" aria-labelledby="onboarding-question">
      <h2 id="onboarding-question">{t('onboarding_question')}</h2>
      <p className="muted">{t('onboarding_question_sub')}</p>
      <div className="choices" role="group" aria-labelledby="onboarding-question">
        {options.map(([id, key]) => (
          <button
            key={id}
            type="button"
            className="choice"
            aria-pressed={choice === id}
            data-testid={`choice-${id}`}
            onClick={() => {
              setChoice(id);
              if (id === 'none') document.getElementById('onboarding-about')?.scrollIntoView({ behavior: 'smooth' });
            }}
          >
            {t(key)}
          </button>
        ))}
      </div>
      {choice === 'page' && <OpenPage demoUrl={demoUrl} />}
      {choice === 'hand' &&
        (added ? (
          <Added added={added} />
        ) : (
          <div className="choice-body">
            <p>{t('onboarding_hand_how')}</p>
            <OrderEntryForm onAdded={setAdded} />
          </div>
        ))}
    </section>
  );
}
