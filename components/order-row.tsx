import type { OrderRecord } from '@/lib/db';
import { formatAmount, formatElapsed } from '@/lib/drafts/format';
import { t } from '@/lib/i18n';
import { uiLocale } from '@/lib/ui-locale';

/** One order in the popup list: what was bought where, for how much, its status and how long it has been. */
export function OrderRow({ order, now }: { order: OrderRecord; now: number }): React.JSX.Element {
  const locale = uiLocale();
  const paidAt = order.paidAt ? Date.parse(order.paidAt) : order.userPaidAt;
  const orderedAt = order.orderedAt ? Date.parse(order.orderedAt) : undefined;
  const since =
    paidAt !== undefined
      ? t('popup_since_payment', formatElapsed(now - paidAt, locale))
      : orderedAt !== undefined
        ? t('popup_since_order', formatElapsed(now - orderedAt, locale))
        : '';
  return (
    <li className="order" data-testid="order-row" data-order-no={order.orderNo} data-status={order.status}>
      <div className="order-main">
        <span className="product" data-testid="product">
          {order.productName ?? order.orderNo}
        </span>
        {order.amount !== undefined && (
          <span className="amount" data-testid="amount">
            {formatAmount(order.amount, order.currency)}
          </span>
        )}
      </div>
      <div className="order-meta">
        <span className={`status status-${order.status}`} data-testid="status">
          {t(`status_${order.status}`)}
        </span>
        <span className="site">{order.site}</span>
        {since && <span className="since">{since}</span>}
      </div>
      <div className="order-no muted">
        {t('popup_order_no')} <span data-testid="order-no">{order.orderNo}</span>
      </div>
    </li>
  );
}
