import type { OrderRecord } from '@/lib/db';
import { formatChinaTime } from '@/lib/time';
import type { ClockState } from '@/lib/escalation';
import { t } from '@/lib/i18n';
import { uiLocale } from '@/lib/ui-locale';
import { act } from '../act';

/** The escalation ladder: each step, when it is due, done or not; the current step carries its one action. */
export function LadderView({
  order,
  clock,
}: {
  order: OrderRecord & { id: number };
  clock: ClockState;
}): React.JSX.Element {
  const locale = uiLocale();
  return (
    <ol className="ladder" data-testid="ladder">
      {clock.steps.map((s) => {
        const current = s.id === clock.currentStep;
        return (
          <li
            key={s.id}
            className={`step${s.done ? ' done' : ''}${current ? ' current' : ''}${s.due && !s.done ? ' due' : ''}`}
            data-step={s.id}
            data-done={s.done}
          >
            <span className="step-mark">{s.done ? '✓' : current ? '▶' : '○'}</span>
            <span className="step-name">{t(`step_${s.id}`)}</span>
            {s.at !== undefined && !s.done && <span className="muted step-at">{formatChinaTime(s.at, locale)}</span>}
            {current && <div className="step-action">{t(s.action)}</div>}
            {clock.started && !s.done && s.due && s.id !== 'review' && (
              <button
                type="button"
                className="small"
                onClick={() => void act(order.id, { type: 'step_done', step: s.id })}
              >
                {t('ladder_mark_done')}
              </button>
            )}
          </li>
        );
      })}
    </ol>
  );
}
