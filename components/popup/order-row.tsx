import { memo } from 'react';
import { formatAmount } from '@/lib/drafts/format';
import { t } from '@/lib/i18n';
import { nextAction, type ListGroup } from '@/lib/order-list';
import type { OrderClock } from '@/lib/reminders/clocks';
import { ClockBar } from './clock-bar';
import { NextStepButton } from './next-step-button';
import { EntryTag, StatusBadge, statusNote } from './status-badge';

/**
 * One order in the list, status first (as a parcel tracker's card): the status in words, what was bought where and
 * for how much, the clock's bar, and the step due now as the button that does it. The card opens the order's page.
 */
export const OrderRow = memo(function OrderRow({
  item,
  group,
  onOpen,
}: {
  item: OrderClock;
  group: ListGroup;
  onOpen: (id: number) => void;
}): React.JSX.Element {
  const { order, clock } = item;
  const action = nextAction(order, clock);
  const note = statusNote(order, !clock.running && clock.started && clock.stoppedAt === clock.startAt);
  const amount = order.amount === undefined ? undefined : formatAmount(order.amount, order.currency);
  return (
    <article
      className={`order-card group-${group}`}
      data-testid="order-row"
      data-order-no={order.orderNo}
      data-status={order.status}
      data-group={group}
    >
      <button type="button" className="order-open" onClick={() => onOpen(order.id)}>
        <span className="card-top">
          <StatusBadge order={order} group={group} />
          {amount && (
            <span className="amount" data-testid="amount">
              {amount}
            </span>
          )}
        </span>
        <span className="product" data-testid="product">
          {order.productName ?? order.orderNo}
        </span>
        <span className="card-sub">
          <span className="site">{order.site}</span>
          <span aria-hidden="true"> · </span>
          <span className="order-no">
            {t('popup_order_no')} <span data-testid="order-no">{order.orderNo}</span>
          </span>
          {order.entry === 'buyer' && <EntryTag />}
        </span>
        {note && <span className="status-note">{note}</span>}
      </button>
      <ClockBar clock={clock} />
      {action && clock.currentStep && (
        <div className="card-action">
          <span className="step-label" data-testid="current-step">
            {t(`step_${clock.currentStep}`)}
          </span>
          <NextStepButton order={order} clock={clock} action={action} onOpen={() => onOpen(order.id)} />
        </div>
      )}
    </article>
  );
});
