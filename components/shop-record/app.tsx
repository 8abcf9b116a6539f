import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { browser } from 'wxt/browser';
import { getDb } from '@/lib/db';
import { shopRecords } from '@/lib/escalation/shop-record';
import { t } from '@/lib/i18n';
import { loadClocks } from '@/lib/reminders/clocks';
import { loadEscalationSettings } from '@/lib/reminders/store';
import { useNow } from '../use-now';
import { exportRecordCsv } from './csv-export';
import { DeliveryChart } from './delivery-chart';
import { ShopTable } from './shop-table';

/**
 * The shop record (复盘): every shop the buyer used, how it delivered, from the buyer's own orders alone — a chart of
 * delivery times and the table of figures, exported as CSV.
 */
export function ShopRecordApp(): React.JSX.Element {
  // Clocks move without any write (an order turns late on its own), so re-read once a minute as well.
  const now = useNow(60_000);
  const records = useLiveQuery(async () => shopRecords(await loadClocks(getDb(), now)), [now]);
  const settings = useLiveQuery(() => loadEscalationSettings(getDb()), []);
  const [note, setNote] = useState('');
  const windowOf = (site: string): number => settings?.shopWindows[site] ?? settings?.defaultWindowMinutes ?? 1440;

  return (
    <main className="page page-wide">
      <header className="page-header">
        <h1>
          <img src="/icon/32.png" alt="" width={24} height={24} />
          {t('record_title')}
        </h1>
        <p className="lead">{t('shop_intro')}</p>
        {records && records.length > 0 && (
          <p className="page-actions">
            <button
              type="button"
              className="primary"
              data-testid="record-csv"
              onClick={() => {
                exportRecordCsv(records, Date.now());
                setNote(t('record_csv_done'));
              }}
            >
              {t('record_csv')}
            </button>
            <button type="button" className="link" onClick={() => void browser.runtime.openOptionsPage()}>
              {t('record_windows')}
            </button>
            <span role="status" className="muted">
              {note}
            </span>
          </p>
        )}
      </header>
      {records === undefined || settings === undefined ? null : records.length === 0 ? (
        <p className="card" data-testid="shop-empty">
          {t('shop_empty')}
        </p>
      ) : (
        <>
          <section className="card" aria-labelledby="record-chart-h">
            <h2 id="record-chart-h">{t('record_chart_title')}</h2>
            <DeliveryChart records={records} windowOf={windowOf} />
            {!records.some((r) => r.deliveries.length) && <p className="muted">{t('record_chart_none')}</p>}
          </section>
          <section className="card" aria-labelledby="record-table-h">
            <h2 id="record-table-h">{t('record_table_title')}</h2>
            <ShopTable records={records} settings={settings} />
            <p className="hint">{t('shop_overdue_hint')}</p>
          </section>
        </>
      )}
    </main>
  );
}
