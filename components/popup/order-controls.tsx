import { useState } from 'react';
import type { OrderOutcome, OrderRecord } from '@/lib/db';
import type { ClockState } from '@/lib/escalation';
import { t } from '@/lib/i18n';
import { act } from '../act';

const OUTCOMES: OrderOutcome[] = ['received', 'refunded', 'lost', 'abandoned'];

/** "I have paid", the promised window for this order, and resolving the order with its outcome. */
export function OrderControls({
  order,
  clock,
  part = 'all',
}: {
  order: OrderRecord & { id: number };
  clock: ClockState;
  /** 'paid': only the "I have paid" button (shown up front); 'settings': the window and resolving; 'all': both. */
  part?: 'all' | 'paid' | 'settings';
}): React.JSX.Element {
  const [hours, setHours] = useState(() => String(Math.round((order.windowMinutes ?? clock.windowMinutes) / 6) / 10));
  const [outcome, setOutcome] = useState<OrderOutcome>('received');
  const [error, setError] = useState('');
  const saveWindow = (): void => {
    const minutes = Math.round(Number(hours) * 60);
    if (!Number.isFinite(minutes) || minutes < 1 || minutes > 60 * 24 * 90)
      return setError(t('controls_window_invalid'));
    setError('');
    void act(order.id, { type: 'set_window', minutes });
  };
  const resolved = order.resolvedAt !== undefined;
  return (
    <div className="controls">
      {part !== 'settings' &&
        !order.userPaidAt &&
        !resolved &&
        (order.status === 'pending_payment' || !clock.started) && (
          <button
            type="button"
            className="primary"
            data-testid="user-paid"
            onClick={() => void act(order.id, { type: 'user_paid' })}
          >
            {t('controls_user_paid')}
          </button>
        )}
      {part !== 'paid' && clock.started && !resolved && (
        <div className="row">
          <label>
            {t('controls_window')}{' '}
            <input
              type="number"
              min="0.1"
              step="0.5"
              value={hours}
              onChange={(e) => setHours(e.target.value)}
              aria-label={t('controls_window')}
            />{' '}
            {t('controls_hours')}
          </label>
          <button type="button" className="small" onClick={saveWindow}>
            {t('controls_save')}
          </button>
          <span className="muted">{t(`window_source_${clock.windowSource}`)}</span>
        </div>
      )}
      {error && <p className="error">{error}</p>}
      {part === 'paid' ? null : resolved ? (
        <p className="muted">{t('controls_resolved', t(`outcome_${order.outcome ?? 'received'}`))}</p>
      ) : (
        <div className="row">
          <select
            value={outcome}
            onChange={(e) => setOutcome(e.target.value as OrderOutcome)}
            aria-label={t('controls_outcome')}
          >
            {OUTCOMES.map((o) => (
              <option key={o} value={o}>
                {t(`outcome_${o}`)}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="small"
            data-testid="resolve"
            onClick={() => void act(order.id, { type: 'resolve', outcome })}
          >
            {t('controls_resolve')}
          </button>
        </div>
      )}
    </div>
  );
}
