/**
 * The escalation ladder as data: which steps exist, in which order, and what each asks of the user.
 * Offsets live in the settings (the user can change them); this file only names things.
 */

/** Ladder step ids, in ladder order (留证 → 确认状态 → 联系客服 → 支付渠道投诉 → 监管投诉 → 复盘). */
export const STEP_IDS = [
  'evidence',
  'confirm_status',
  'contact_support',
  'payment_complaint',
  'regulator_complaint',
  'review',
] as const;

/** One ladder step. */
export type StepId = (typeof STEP_IDS)[number];

/** Steps whose time is counted from the clock start; the others count from the end of the promised window. */
export type StepBase = 'start' | 'window';

/** Where each timed step's offset is measured from. `review` has no offset: it is due when the clock stops. */
export const STEP_BASE: Readonly<Record<Exclude<StepId, 'review'>, StepBase>> = {
  evidence: 'start',
  confirm_status: 'start',
  contact_support: 'start',
  payment_complaint: 'window',
  regulator_complaint: 'window',
};

/**
 * Steps that raise a notification when they come due. 留证 is left out because it is due the moment the order is
 * picked up, while the user is looking at the page (the popup shows it); 复盘 happens on resolution, by the user.
 */
export const NOTIFY_STEPS: readonly StepId[] = [
  'confirm_status',
  'contact_support',
  'payment_complaint',
  'regulator_complaint',
];

/** i18n message key of the one action the UI offers; keys are listed with their texts in lib/reminders/messages.ts. */
export type ActionKey =
  | `action_${StepId}`
  /** Nothing due right now: wait for the next step. */
  | 'action_wait'
  /** No payment seen: pay, or say "I have paid", or re-order. */
  | 'action_reorder'
  /** The clock has stopped and the outcome is recorded. */
  | 'action_none';

/** The action key of a step. */
export function stepAction(step: StepId): ActionKey {
  return `action_${step}`;
}

/** i18n message key of a step's short name (留证, 确认状态 ...). */
export function stepNameKey(step: StepId): `step_${StepId}` {
  return `step_${step}`;
}

/** Type guard for step ids read from event details or storage. */
export function isStepId(value: unknown): value is StepId {
  return typeof value === 'string' && (STEP_IDS as readonly string[]).includes(value);
}
