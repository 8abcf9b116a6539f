import { useState } from 'react';
import { t } from '@/lib/i18n';
import { Icon, type IconName } from './icons';

/** The extension's own pages the header opens in a tab (a file picker would close the toolbar popup). */
type PagePath = '/add-order.html' | '/shop-record.html';

/** Opens one of the extension's pages in a new tab. */
export function openExtensionPage(path: PagePath): void {
  void browser.tabs.create({ url: browser.runtime.getURL(path) });
}

/** An icon-only header button: its name is the visually hidden text (and the tooltip). */
function IconLink({ icon, label, path }: { icon: IconName; label: string; path: PagePath }): React.JSX.Element {
  return (
    <button type="button" className="icon-button" title={label} onClick={() => openExtensionPage(path)}>
      <Icon name={icon} />
      <span className="sr-only">{label}</span>
    </button>
  );
}

/**
 * The popup header's actions. This is the one place for entries beside the title (scan this page, add an order by
 * hand, the shop record, settings): keep each a small button or link.
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
      <IconLink icon="plus" label={t('popup_add_order')} path="/add-order.html" />
      <IconLink icon="chart" label={t('popup_shop_record')} path="/shop-record.html" />
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
