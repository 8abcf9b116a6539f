import { useState } from 'react';
import { browser } from 'wxt/browser';
import { t } from '@/lib/i18n';

/** Id of the test notification: not an order's (`order:<id>`), so clicking it opens nothing. */
const TEST_ID = 'kamiguard:test';

/**
 * Shows one notification like a reminder, so the buyer sees now whether reminders will reach them (the system's
 * do-not-disturb or the browser's notification setting can hide them).
 */
export function TestNotification(): React.JSX.Element {
  const [note, setNote] = useState('');
  const send = async (): Promise<void> => {
    try {
      await browser.notifications.clear(TEST_ID);
      await browser.notifications.create(TEST_ID, {
        type: 'basic',
        iconUrl: browser.runtime.getURL('/icon/128.png'),
        title: t('onboarding_test_title'),
        message: t('onboarding_test_body'),
      });
      setNote(t('onboarding_test_sent'));
    } catch (err) {
      setNote(t('onboarding_test_failed', err instanceof Error ? err.message : String(err)));
    }
  };
  return (
    <p className="inline-form">
      <button type="button" data-testid="test-notification" onClick={() => void send()}>
        {t('onboarding_test_button')}
      </button>
      <span role="status" data-testid="test-notification-note">
        {note}
      </span>
    </p>
  );
}
