import { formatAmount } from '@/lib/drafts/format';
import { t } from '@/lib/i18n';
import type { OrderClock } from '@/lib/reminders';
import { ClockSummary } from './clock-summary';

/** One order in the popup list: what was bought where, for how much, its status, its clock and the step now due. */
export function OrderRow({ item, onOpen }: { item: OrderClock; onOpen: () => void }): React.JSX.Element {
  const { order, clock } = item;
  return (
    <li className="order" data-testid="order-row" data-order-no={order.orderNo} data-status={order.status}>
      <button type="button" className="order-open" onClick={onOpen}>
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
          {clock.running && clock.currentStep && (
            <span className="step-now" data-testid="current-step">
              {t(`step_${clock.currentStep}`)}
            </span>
          )}
        </div>
        <ClockSummary clock={clock} />
        {clock.running && clock.currentStep && <div className="step-action">{t(clock.action)} →</div>}
        <div className="order-no muted">
          {t('popup_order_no')} <span data-testid="order-no">{order.orderNo}</span>
        </div>
      </button>
    </li>
  );
}
