import type { EventRecord, EvidenceRecord, OrderRecord } from '@/lib/db';
import { buildDraft, type DraftInput } from '@/lib/drafts';
import type { ClockState } from '@/lib/escalation';
import { evidenceChecklist } from '@/lib/evidence/checklist';
import { t } from '@/lib/i18n';
import { nextAction } from '@/lib/order-list';
import { uiLocale } from '@/lib/ui-locale';
import { act } from '../act';
import { NextStepButton } from './next-step-button';

/** Checklist items each step relies on (what a shop or a payment channel will ask to see at that step). */
const NEEDS: Record<string, readonly string[]> = {
  evidence: ['payment_receipt', 'order_screenshot'],
  confirm_status: ['order_screenshot'],
  contact_support: ['payment_receipt', 'order_screenshot', 'recipient_account'],
  payment_complaint: ['payment_receipt', 'order_screenshot', 'support_chat'],
  regulator_complaint: ['payment_receipt', 'order_screenshot', 'support_chat'],
};

/**
 * The step due now, up front on the order's page: what to do, the button that does it, its draft as it will be
 * copied, and the evidence that step needs (present or still missing).
 */
export function CurrentStep({
  order,
  clock,
  events,
  evidence,
  shop,
  now,
  onOpen,
}: {
  order: OrderRecord & { id: number };
  clock: ClockState;
  events: EventRecord[];
  evidence: EvidenceRecord[];
  shop?: DraftInput['shop'];
  now: number;
  onOpen: () => void;
}): React.JSX.Element {
  const locale = uiLocale();
  const step = clock.currentStep;
  const action = nextAction(order, clock);
  if (!step || !action) {
    return (
      <section className="now-card idle" data-testid="now-card">
        <h3>{t('detail_now')}</h3>
        <p>{t(clock.action)}</p>
        {clock.nextStep && clock.steps.find((s) => s.id === clock.nextStep)?.at !== undefined && (
          <p className="muted">{t('detail_next_step', t(`step_${clock.nextStep}`))}</p>
        )}
      </section>
    );
  }
  const draft =
    action.kind === 'copy_draft'
      ? buildDraft(action.channel, {
          order,
          events,
          evidence,
          shop,
          now,
          locale,
          clock: { elapsedMs: clock.elapsedMs, windowMs: clock.windowMs, overdue: clock.overdue },
        })
      : undefined;
  const needs = evidenceChecklist(evidence).filter((c) => NEEDS[step]?.includes(c.id));
  return (
    <section className="now-card" data-testid="now-card" data-step={step}>
      <p className="now-step">{t('detail_now_step', t(`step_${step}`))}</p>
      <h3 className="now-action">{t(clock.action)}</h3>
      <NextStepButton order={order} clock={clock} action={action} onOpen={onOpen} big />
      {draft && (
        <div className="now-draft">
          {draft.path && <p className="muted">{t('drafts_path', draft.path)}</p>}
          <pre className="draft-text" data-testid="now-draft">
            {draft.body}
          </pre>
        </div>
      )}
      {needs.length > 0 && (
        <ul className="needs" aria-label={t('detail_needs')}>
          {needs.map((c) => (
            <li key={c.id} data-present={c.present}>
              <span aria-hidden="true">{c.present ? '✓' : '○'}</span> {c.label[locale]}{' '}
              <span className="muted">{t(c.present ? 'detail_have' : 'detail_missing')}</span>
            </li>
          ))}
        </ul>
      )}
      {step !== 'review' && (
        <button type="button" className="link" onClick={() => void act(order.id, { type: 'step_done', step })}>
          {t('ladder_mark_done')}
        </button>
      )}
    </section>
  );
}
