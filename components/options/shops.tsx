import { useLiveQuery } from 'dexie-react-hooks';
import { getDb } from '@/lib/db';
import { shopRecords } from '@/lib/escalation/shop-record';
import { t } from '@/lib/i18n';
import { loadClocks } from '@/lib/reminders/clocks';
import { loadEscalationSettings } from '@/lib/reminders/store';
import { ShopRow } from './shop-row';
import { useNow } from '../use-now';

/** The per-shop record: how each shop delivered, from the user's own orders. */
export function OptionsShops(): React.JSX.Element {
  // Clocks move without any write (an order turns late on its own), so re-read once a minute as well.
  const now = useNow(60_000);
  const records = useLiveQuery(async () => shopRecords(await loadClocks(getDb(), now)), [now]);
  const settings = useLiveQuery(() => loadEscalationSettings(getDb()), []);

  return (
    <section className="opt-section" aria-labelledby="opt-shops-heading">
      <h2 id="opt-shops-heading">{t('shop_heading')}</h2>
      <p className="opt-intro">{t('shop_intro')}</p>
      {records === undefined || settings === undefined ? null : records.length === 0 ? (
        <p className="note" data-testid="shop-empty">
          {t('shop_empty')}
        </p>
      ) : (
        <>
          <div className="opt-table-wrap">
            <table className="opt-table">
              <thead>
                <tr>
                  <th scope="col">{t('shop_col_site')}</th>
                  <th scope="col">{t('shop_col_orders')}</th>
                  <th scope="col">{t('shop_col_delivered')}</th>
                  <th scope="col">{t('shop_col_median')}</th>
                  <th scope="col">{t('shop_col_max')}</th>
                  <th scope="col">{t('shop_col_overdue')}</th>
                  <th scope="col">{t('shop_col_outcomes')}</th>
                  <th scope="col">{t('shop_col_open')}</th>
                  <th scope="col">{t('shop_col_window')}</th>
                </tr>
              </thead>
              <tbody>
                {records.map((record) => {
                  const custom = settings.shopWindows[record.site];
                  return (
                    <ShopRow
                      key={record.site}
                      record={record}
                      windowMinutes={custom ?? settings.defaultWindowMinutes}
                      customWindow={custom !== undefined}
                    />
                  );
                })}
              </tbody>
            </table>
          </div>
          <p className="opt-hint">{t('shop_overdue_hint')}</p>
        </>
      )}
    </section>
  );
}
