import type { ClockState } from '@/lib/escalation';
import { formatElapsed } from '@/lib/drafts/format';
import { t } from '@/lib/i18n';
import { uiLocale } from '@/lib/ui-locale';

/** One line and a bar: how long the order has waited against its promised window. */
export function ClockSummary({ clock }: { clock: ClockState }): React.JSX.Element | null {
  const locale = uiLocale();
  const span = (ms: number): string => formatElapsed(ms, locale) ?? t('popup_just_now');
  if (!clock.started) {
    return clock.advice === 'reorder' ? <p className="clock muted">{t('clock_not_paid')}</p> : null;
  }
  let text: string;
  // First seen already delivered or refunded: the wait before that is unknown, so no duration is claimed.
  if (!clock.running && clock.stoppedAt === clock.startAt) text = t('clock_done_when_seen');
  else if (!clock.running) text = t(clock.late ? 'clock_stopped_late' : 'clock_stopped', span(clock.elapsedMs));
  else if (clock.overdue) text = t('clock_overdue', span(clock.overdueMs));
  else text = t('clock_remaining', [span(clock.remainingMs), span(clock.elapsedMs)]);
  const tone = clock.overdue ? 'bad' : clock.running && clock.progress > 0.5 ? 'warn' : 'ok';
  return (
    <div className={`clock clock-${tone}`} data-testid="clock">
      <span className="clock-text">{text}</span>
      {clock.running && (
        <div
          className="bar"
          role="progressbar"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={Math.round(clock.progress * 100)}
        >
          <div className="bar-fill" style={{ width: `${Math.round(clock.progress * 100)}%` }} />
        </div>
      )}
    </div>
  );
}
