import type { EscalationSettings } from '@/lib/escalation';
import type { ShopRecord } from '@/lib/escalation/shop-record';
import { t } from '@/lib/i18n';
import { ShopRow } from './shop-row';

/** The record as a table, one row per shop; the chart beside it draws the same delivery times. */
export function ShopTable({
  records,
  settings,
}: {
  records: readonly ShopRecord[];
  settings: EscalationSettings;
}): React.JSX.Element {
  return (
    <div className="table-wrap">
      <table className="record-table" data-testid="shop-table">
        <caption className="sr-only">{t('record_table_caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('shop_col_site')}</th>
            <th scope="col">{t('shop_col_orders')}</th>
            <th scope="col">{t('record_col_on_time')}</th>
            <th scope="col">{t('record_col_late')}</th>
            <th scope="col">{t('record_col_never')}</th>
            <th scope="col">{t('shop_col_median')}</th>
            <th scope="col">{t('shop_col_max')}</th>
            <th scope="col">{t('shop_col_overdue')}</th>
            <th scope="col">{t('record_col_refunded')}</th>
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
  );
}
