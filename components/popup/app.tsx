import { lazy, Suspense, useEffect, useState } from 'react';
import { t } from '@/lib/i18n';
import { uiLocale } from '@/lib/ui-locale';
import { EmptyState } from './empty-state';
import { HeaderActions } from './header-actions';
import { OrderList } from './order-list';
import { useNow } from '../use-now';
import { useOrderClocks } from '../use-orders';
import { WriteErrors } from './write-errors';

// The order's page brings the drafts, the evidence panel, the chain check and the bundle writer: loaded when opened.
const OrderDetail = lazy(() => import('./order-detail').then((m) => ({ default: m.OrderDetail })));

/** `#order=12` opens one order (a notification's "打开订单" opens the popup page in a tab that way). */
function orderFromHash(): number | undefined {
  const m = /order=(\d+)/.exec(location.hash);
  return m ? Number(m[1]) : undefined;
}

/**
 * The list's clocks move in minutes ("已等 5 小时"), so it re-reads the time every 15 s; an order's page ticks every
 * second (its countdown shows minutes and the ladder's times).
 */
const LIST_TICK_MS = 15_000;

/** The toolbar popup: every order KamiGuard has picked up, most urgent first, and one order's page. */
export function PopupApp(): React.JSX.Element {
  const [openId, setOpenId] = useState(orderFromHash);
  const now = useNow(openId === undefined ? LIST_TICK_MS : 1000);
  const clocks = useOrderClocks(now);
  const [note, setNote] = useState('');

  useEffect(() => {
    const onHash = (): void => setOpenId(orderFromHash());
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, []);
  const open = (id: number | undefined): void => {
    location.hash = id === undefined ? '' : `order=${id}`;
    setOpenId(id);
  };

  const bundleAll = async (): Promise<void> => {
    if (!clocks) return;
    const { downloadBundle } = await import('../bundle-export');
    await downloadBundle(
      clocks.map((c) => c.order.id),
      uiLocale(),
      (done, total) => setNote(t('evidence_bundle_progress', [String(done), String(total)])),
    ).then(
      () => setNote(t('evidence_bundle_done')),
      (err: unknown) => setNote(String(err)),
    );
  };

  const selected = openId === undefined ? undefined : clocks?.find((c) => c.order.id === openId);
  // A few orders size the popup to them; more get the fixed-height box the windowed list scrolls in.
  const listView = !selected && clocks !== undefined && clocks.length > 3;
  return (
    <main className={`popup${listView ? ' popup-list' : ''}`}>
      <header className="popup-header">
        <h1>
          <img src="/icon/32.png" alt="" width={20} height={20} />
          {t('popup_brand')}
        </h1>
        <HeaderActions onNote={setNote} />
      </header>
      {note && (
        <p className="note" role="status">
          {note}
        </p>
      )}
      <WriteErrors />
      {clocks === undefined ? null : selected ? (
        <Suspense fallback={null}>
          <OrderDetail item={selected} now={now} onBack={() => open(undefined)} />
        </Suspense>
      ) : clocks.length === 0 ? (
        <EmptyState />
      ) : (
        <>
          <OrderList clocks={clocks} onOpen={open} />
          <footer className="popup-footer">
            <span className="muted">{t('popup_count', String(clocks.length))}</span>
            <button type="button" className="link" data-testid="bundle-all" onClick={() => void bundleAll()}>
              {t('popup_bundle_all')}
            </button>
          </footer>
        </>
      )}
    </main>
  );
}
