import { useEffect, useState } from 'react';
import { t } from '@/lib/i18n';
import { sendMessage } from '@/lib/messaging/protocol';
import { uiLocale } from '@/lib/ui-locale';
import { CaptureError } from './capture-error';
import { downloadBundle } from '../bundle-export';
import { EmptyState } from './empty-state';
import { OrderDetail } from './order-detail';
import { OrderRow } from './order-row';
import { useNow } from '../use-now';
import { useOrderClocks } from '../use-orders';

/** `#order=12` opens one order (a notification's "打开订单" opens the popup page in a tab that way). */
function orderFromHash(): number | undefined {
  const m = /order=(\d+)/.exec(location.hash);
  return m ? Number(m[1]) : undefined;
}

/** The toolbar popup: every order KamiGuard has picked up, most urgent first, and one order's page. */
export function PopupApp(): React.JSX.Element {
  const now = useNow();
  const clocks = useOrderClocks(now);
  const [openId, setOpenId] = useState(orderFromHash);
  const [scanNote, setScanNote] = useState('');

  useEffect(() => {
    const onHash = (): void => setOpenId(orderFromHash());
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, []);
  const open = (id: number | undefined): void => {
    location.hash = id === undefined ? '' : `order=${id}`;
    setOpenId(id);
  };

  const scan = async (): Promise<void> => {
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    const injected = tab?.id !== undefined && (await sendMessage('scanTab', { tabId: tab.id })).injected;
    setScanNote(t(injected ? 'popup_scan_started' : 'popup_scan_none'));
  };

  const selected = openId === undefined ? undefined : clocks?.find((c) => c.order.id === openId);
  return (
    <main className="popup">
      <header className="popup-header">
        <h1>{t('extName')}</h1>
        <span className="header-links">
          <button type="button" className="link" onClick={() => void scan()}>
            {t('popup_scan')}
          </button>
          <button type="button" className="link" onClick={() => void browser.runtime.openOptionsPage()}>
            {t('popup_options')}
          </button>
        </span>
      </header>
      {scanNote && <p className="note">{scanNote}</p>}
      <CaptureError />
      {clocks === undefined ? null : selected ? (
        <OrderDetail item={selected} now={now} onBack={() => open(undefined)} />
      ) : clocks.length === 0 ? (
        <EmptyState />
      ) : (
        <>
          <div className="row">
            <span className="muted">{t('popup_count', String(clocks.length))}</span>
            <button
              type="button"
              className="link"
              data-testid="bundle-all"
              onClick={() =>
                void downloadBundle(
                  clocks.map((c) => c.order.id),
                  uiLocale(),
                  (done, total) => setScanNote(t('evidence_bundle_progress', [String(done), String(total)])),
                ).then(
                  () => setScanNote(t('evidence_bundle_done')),
                  (err: unknown) => setScanNote(String(err)),
                )
              }
            >
              {t('popup_bundle_all')}
            </button>
          </div>
          <ul className="orders">
            {clocks.map((c) => (
              <OrderRow key={c.order.id} item={c} onOpen={() => open(c.order.id)} />
            ))}
          </ul>
        </>
      )}
    </main>
  );
}
