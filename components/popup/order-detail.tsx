import { useLiveQuery } from 'dexie-react-hooks';
import { getDb, getTimeline } from '@/lib/db';
import { formatAmount } from '@/lib/drafts/format';
import { formatChinaTime } from '@/lib/time';
import { t } from '@/lib/i18n';
import { groupOf } from '@/lib/order-list';
import type { OrderClock } from '@/lib/reminders/clocks';
import { uiLocale } from '@/lib/ui-locale';
import { draftShop } from '../draft-shop';
import { ClockBar } from './clock-bar';
import { CurrentStep } from './current-step';
import { DraftsPanel } from './drafts-panel';
import { EvidencePanel } from './evidence-panel';
import { Icon } from './icons';
import { LadderView } from './ladder-view';
import { OrderControls } from './order-controls';
import { OrderFacts } from './order-facts';
import { EntryTag, StatusBadge, statusNote } from './status-badge';
import { TimelineView } from './timeline-view';
import { WatchStatus, WatchToggle } from './watch-status';

/** A folded section of the order's page (a native disclosure: keyboard and screen readers know it). */
function Fold({ id, title, children }: { id: string; title: string; children: React.ReactNode }): React.JSX.Element {
  return (
    <details className="fold" data-fold={id}>
      <summary data-testid={`fold-${id}`}>{title}</summary>
      <div className="fold-body">{children}</div>
    </details>
  );
}

/**
 * One order, built around the step due now: what happened (status, paid at, how long waited), then the step with its
 * button, draft and the evidence it needs; the rest of the ladder, the other drafts, the evidence, the facts, the
 * timeline and the order's settings folded below.
 */
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
  const locale = uiLocale();
  const data = useLiveQuery(async () => {
    const db = getDb();
    return {
      events: await getTimeline(db, order.id),
      evidence: await db.evidence.where('orderId').equals(order.id).toArray(),
      shop: await draftShop(db, order.site),
    };
  }, [order.id, order.site]);
  const group = groupOf(item);
  const note = statusNote(order, !clock.running && clock.started && clock.stoppedAt === clock.startAt);
  const amount = order.amount === undefined ? undefined : formatAmount(order.amount, order.currency);
  const paidAt = order.paidAt ?? (clock.startAt !== undefined ? new Date(clock.startAt).toISOString() : undefined);
  return (
    <section className="detail" data-testid="order-detail" data-order-no={order.orderNo} data-group={group}>
      <button type="button" className="back" onClick={onBack}>
        <Icon name="back" /> {t('popup_back')}
      </button>
      <section className={`happened group-${group}`} aria-labelledby="detail-title">
        <StatusBadge order={order} group={group} />
        <h2 id="detail-title" className="detail-title">
          {order.productName ?? order.orderNo}
        </h2>
        <p className="card-sub">
          {order.site}
          {amount && (
            <>
              {' '}
              · <strong>{amount}</strong>
            </>
          )}
          {order.statusText && <span className="muted"> · “{order.statusText}”</span>}
        </p>
        {order.entry === 'buyer' && (
          <p className="entry-note" data-testid="entry-note">
            <EntryTag /> {t('detail_entry_buyer')}
          </p>
        )}
        {note && (
          <p className="status-note" data-testid="status-note">
            {note}
          </p>
        )}
        {clock.started && paidAt && (
          <p className="muted">
            {t(
              clock.startReason === 'paid_at' ? 'detail_paid_at' : 'detail_clock_from',
              formatChinaTime(paidAt, locale),
            )}
          </p>
        )}
        <ClockBar clock={clock} />
        <WatchStatus item={item} now={now} />
        {clock.advice && <p className="advice">{t(`advice_${clock.advice}`)}</p>}
        <OrderControls order={order} clock={clock} part="paid" />
      </section>
      {data && (
        <CurrentStep
          order={order}
          clock={clock}
          events={data.events}
          evidence={data.evidence}
          shop={data.shop}
          now={now}
          onOpen={() => undefined}
        />
      )}
      <Fold id="ladder" title={t('detail_ladder')}>
        <LadderView order={order} clock={clock} />
      </Fold>
      {data && (
        <Fold id="drafts" title={t('detail_drafts')}>
          <DraftsPanel
            order={order}
            clock={clock}
            events={data.events}
            evidence={data.evidence}
            shop={data.shop}
            now={now}
          />
        </Fold>
      )}
      {data && (
        <Fold id="evidence" title={t('detail_evidence', String(data.evidence.length))}>
          <EvidencePanel order={order} evidence={data.evidence} />
        </Fold>
      )}
      <Fold id="facts" title={t('facts_title')}>
        <OrderFacts order={order} />
      </Fold>
      {data && (
        <Fold id="timeline" title={t('detail_timeline', String(data.events.length))}>
          <TimelineView events={data.events} />
        </Fold>
      )}
      <Fold id="settings" title={t('detail_settings')}>
        <OrderControls order={order} clock={clock} part="settings" />
        {clock.running && <WatchToggle order={order} />}
      </Fold>
    </section>
  );
}
