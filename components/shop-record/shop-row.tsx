import { formatElapsed } from '@/lib/drafts/format';
import type { ShopRecord } from '@/lib/escalation/shop-record';
import { t } from '@/lib/i18n';
import { uiLocale } from '@/lib/ui-locale';
import { formatPercent } from '../options/format';

/** Overdue rates at or above this, over at least two decided orders, mark a shop to be careful with. */
const BAD_RATE = 0.5;

/** Props of {@link ShopRow}. */
export interface ShopRowProps {
  record: ShopRecord;
  /** The shop's promised window in minutes and whether the user set it for this shop. */
  windowMinutes: number;
  customWindow: boolean;
}

/** One shop in the record table: orders, on time / late / never, delivery times, overdue rate, refunds, open. */
export function ShopRow({ record, windowMinutes, customWindow }: ShopRowProps): React.JSX.Element {
  const locale = uiLocale();
  const duration = (ms: number | undefined): string =>
    ms === undefined ? t('shop_none') : (formatElapsed(ms, locale) ?? t('shop_none'));
  const rate = record.overdueRate;
  const bad = rate !== undefined && rate >= BAD_RATE && record.decided >= 2;
  const window = duration(windowMinutes * 60_000);
  return (
    <tr data-testid="shop-row" data-site={record.site} className={bad ? 'shop-bad' : undefined}>
      <th scope="row" className="site-cell">
        {record.site}
      </th>
      <td className="num" data-col="orders">
        {record.orders}
      </td>
      <td className="num" data-col="on_time">
        {record.onTime}
      </td>
      <td className="num" data-col="late">
        {record.lateDelivered}
      </td>
      <td className="num" data-col="never">
        {record.never}
      </td>
      <td data-col="median">{duration(record.medianDeliveryMs)}</td>
      <td data-col="worst">{duration(record.maxDeliveryMs)}</td>
      <td data-testid="overdue-rate" data-col="overdue_rate">
        {rate === undefined
          ? t('shop_none')
          : t('shop_rate', [formatPercent(rate), String(record.late), String(record.decided)])}
        {bad && <span className="flag"> {t('record_careful')}</span>}
      </td>
      <td className="num" data-col="refunded">
        {record.outcomes.refunded}
      </td>
      <td className="num" data-col="open">
        {record.open}
        {record.overdueNow > 0 && <span className="flag"> {t('record_overdue_now', String(record.overdueNow))}</span>}
      </td>
      <td>{customWindow ? t('shop_window_custom', window) : t('shop_window_default', window)}</td>
    </tr>
  );
}
