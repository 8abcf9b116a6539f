import { useLiveQuery } from 'dexie-react-hooks';
import { getDb } from '@/lib/db';
import { t } from '@/lib/i18n';
import { sendMessage } from '@/lib/messaging/protocol';
import { EmptyState } from './empty-state';
import { OrderRow } from './order-row';
import { useNow } from './use-now';
import { useState } from 'react';

/** The toolbar popup: every order KamiGuard has picked up, newest first. */
export function PopupApp(): React.JSX.Element {
  const orders = useLiveQuery(() => getDb().orders.orderBy('lastSeenAt').reverse().toArray(), []);
  const now = useNow();
  const [scanNote, setScanNote] = useState('');

  const scan = async (): Promise<void> => {
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    const injected = tab?.id !== undefined && (await sendMessage('scanTab', { tabId: tab.id })).injected;
    setScanNote(t(injected ? 'popup_scan_started' : 'popup_scan_none'));
  };

  return (
    <main className="popup">
      <header className="popup-header">
        <h1>{t('extName')}</h1>
        <button type="button" className="link" onClick={() => void scan()}>
          {t('popup_scan')}
        </button>
      </header>
      {scanNote && <p className="note">{scanNote}</p>}
      {orders === undefined ? null : orders.length === 0 ? (
        <EmptyState />
      ) : (
        <>
          <p className="muted">{t('popup_count', String(orders.length))}</p>
          <ul className="orders">
            {orders.map((o) => (
              <OrderRow key={o.id} order={o} now={now} />
            ))}
          </ul>
        </>
      )}
    </main>
  );
}
