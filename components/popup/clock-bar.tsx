import type { ClockState } from '@/lib/escalation';
import { t } from '@/lib/i18n';
import { barFraction, barTone, coarseSpan } from '@/lib/order-list';
import { uiLocale } from '@/lib/ui-locale';

/**
 * The delay clock as a bar with words under it: "已等 5 小时 / 承诺 24 小时", and how far past the window when it
 * is. The words carry everything the colour does.
 */
export function ClockBar({ clock }: { clock: ClockState }): React.JSX.Element | null {
  const locale = uiLocale();
  if (!clock.started) {
    return clock.advice === 'reorder' ? <p className="clock-line muted">{t('clock_not_paid')}</p> : null;
  }
  // First seen already delivered or refunded: the wait before that is unknown, so no duration is claimed.
  if (!clock.running && clock.stoppedAt === clock.startAt) {
    return <p className="clock-line muted">{t('clock_done_when_seen')}</p>;
  }
  const fraction = barFraction(clock);
  const tone = barTone(clock);
  const waited = t(clock.running ? 'list_waited' : 'list_took', [
    coarseSpan(clock.elapsedMs, locale),
    coarseSpan(clock.windowMs, locale),
  ]);
  return (
    <div className={`clock-bar tone-${tone}`} data-testid="clock">
      <div
        className="bar"
        role="progressbar"
        aria-label={waited}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(fraction * 100)}
      >
        <div className="bar-fill" style={{ transform: `scaleX(${fraction})` }} />
      </div>
      <p className="clock-line">
        <span data-testid="waited">{waited}</span>
        {clock.overdue && (
          <strong className="overdue-by"> · {t('list_overdue_by', coarseSpan(clock.overdueMs, locale))}</strong>
        )}
        {!clock.running && clock.late && <span className="muted"> · {t('list_was_late')}</span>}
      </p>
    </div>
  );
}
