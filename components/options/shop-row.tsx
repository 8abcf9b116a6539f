import type { OrderOutcome } from '@/lib/db/types';
import { formatElapsed } from '@/lib/drafts/format';
import type { ShopRecord } from '@/lib/escalation/shop-record';
import { t } from '@/lib/i18n';
import { uiLocale } from '@/lib/ui-locale';
import { formatPercent } from './format';

/** Overdue rates at or above this, over at least two decided orders, mark a shop to be careful with. */
const BAD_RATE = 0.5;

function outcomeText(outcome: OrderOutcome, count: number): string {
  const n = String(count);
  switch (outcome) {
    case 'received':
      return t('shop_outcome_received', n);
    case 'refunded':
      return t('shop_outcome_refunded', n);
    case 'lost':
      return t('shop_outcome_lost', n);
    case 'abandoned':
      return t('shop_outcome_abandoned', n);
  }
}

/** Props of {@link ShopRow}. */
export interface ShopRowProps {
  record: ShopRecord;
  /** The shop's promised window in minutes and whether the user set it for this shop. */
  windowMinutes: number;
  customWindow: boolean;
}

/** One shop in the record table. */
export function ShopRow({ record, windowMinutes, customWindow }: ShopRowProps): React.JSX.Element {
  const locale = uiLocale();
  const duration = (ms: number | undefined): string =>
    ms === undefined ? t('shop_none') : (formatElapsed(ms, locale) ?? t('shop_none'));
  const rate = record.overdueRate;
  const bad = rate !== undefined && rate >= BAD_RATE && record.decided >= 2;
  const outcomes = (Object.entries(record.outcomes) as [OrderOutcome, number][]).filter(([, n]) => n > 0);
  const window = duration(windowMinutes * 60_000);
  return (
    <tr data-testid="shop-row" data-site={record.site} className={bad ? 'opt-shop-bad' : undefined}>
      <th scope="row" className="opt-site">
        {record.site}
      </th>
      <td className="opt-num">{record.orders}</td>
      <td className="opt-num">{record.delivered}</td>
      <td>{duration(record.medianDeliveryMs)}</td>
      <td>{duration(record.maxDeliveryMs)}</td>
      <td data-testid="overdue-rate">
        {rate === undefined
          ? t('shop_none')
          : t('shop_rate', [formatPercent(rate), String(record.late), String(record.decided)])}
      </td>
      <td>{outcomes.length ? outcomes.map(([o, n]) => outcomeText(o, n)).join(' · ') : t('shop_none')}</td>
      <td className="opt-num">{record.open}</td>
      <td>{customWindow ? t('shop_window_custom', window) : t('shop_window_default', window)}</td>
    </tr>
  );
}
