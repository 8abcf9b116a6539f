import { useState } from 'react';
import { t } from '@/lib/i18n';
import { Icon } from './icons';

/**
 * The popup header's actions. This is the one place for entries beside the title (scan this page, settings; the
 * onboarding work adds "add an order by hand" and "shop record" here): keep each a small button or link.
 */
export function HeaderActions({ onNote }: { onNote: (note: string) => void }): React.JSX.Element {
  const [busy, setBusy] = useState(false);
  const scan = async (): Promise<void> => {
    setBusy(true);
    try {
      const { sendMessage } = await import('@/lib/messaging/protocol');
      const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
      const injected = tab?.id !== undefined && (await sendMessage('scanTab', { tabId: tab.id })).injected;
      onNote(t(injected ? 'popup_scan_started' : 'popup_scan_none'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <nav className="header-actions" data-slot="header-actions" aria-label={t('popup_actions')}>
      <button type="button" className="icon-button" disabled={busy} onClick={() => void scan()}>
        <Icon name="scan" />
        <span>{t('popup_scan')}</span>
      </button>
      <button
        type="button"
        className="icon-button"
        title={t('popup_options')}
        onClick={() => void browser.runtime.openOptionsPage()}
      >
        <Icon name="gear" />
        <span className="sr-only">{t('popup_options')}</span>
      </button>
    </nav>
  );
}
