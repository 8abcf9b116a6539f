import { useLiveQuery } from 'dexie-react-hooks';
import { getDb, getTimeline } from '@/lib/db';
import { t } from '@/lib/i18n';
import type { OrderClock } from '@/lib/reminders';
import { ClockSummary } from './clock-summary';
import { DraftsPanel } from './drafts-panel';
import { EvidencePanel } from './evidence-panel';
import { LadderView } from './ladder-view';
import { OrderControls } from './order-controls';
import { OrderFacts } from './order-facts';
import { TimelineView } from './timeline-view';

/** One order: its facts, its clock and ladder, what the user can do now, the drafts and the timeline. */
export function OrderDetail({
  item,
  now,
  onBack,
}: {
  item: OrderClock;
  now: number;
  onBack: () => void;
}): React.JSX.Element {
  const { order, clock } = item;
  const data = useLiveQuery(async () => {
    const db = getDb();
    return {
      events: await getTimeline(db, order.id),
      evidence: await db.evidence.where('orderId').equals(order.id).toArray(),
    };
  }, [order.id]);
  return (
    <section className="detail" data-testid="order-detail" data-order-no={order.orderNo}>
      <button type="button" className="link" onClick={onBack}>
        ← {t('popup_back')}
      </button>
      <h2 className="detail-title">{order.productName ?? order.orderNo}</h2>
      <div className="order-meta">
        <span className={`status status-${order.status}`} data-testid="status">
          {t(`status_${order.status}`)}
        </span>
        {order.statusText && <span className="muted">“{order.statusText}”</span>}
      </div>
      <ClockSummary clock={clock} />
      {clock.advice && <p className="advice">{t(`advice_${clock.advice}`)}</p>}
      <LadderView order={order} clock={clock} />
      <OrderControls order={order} clock={clock} />
      {data && <DraftsPanel order={order} clock={clock} events={data.events} evidence={data.evidence} now={now} />}
      {data && <EvidencePanel order={order} evidence={data.evidence} />}
      <OrderFacts order={order} />
      {data && <TimelineView events={data.events} />}
    </section>
  );
}
