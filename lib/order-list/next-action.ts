import type { OrderRecord } from '@/lib/db/types';
import { channelMeta } from '@/lib/drafts/channels';
import type { DraftChannel } from '@/lib/drafts/types';
import type { ClockState, StepId } from '@/lib/escalation';

/**
 * The one button a row and the order page show for the step that is due now:
 * - `copy_draft`: copy the channel's draft (and record draft_copied); `path` tells where to paste it;
 * - `import_receipt`: pick the payment receipt screenshot (what 留证 still lacks);
 * - `open_page`: re-open the shop's order page (the re-sighting itself completes 确认状态);
 * - `open_order`: open the order's page in the popup (复盘: record the outcome there).
 */
export type NextAction =
  | { kind: 'copy_draft'; step: StepId; channel: DraftChannel; label: string }
  | { kind: 'import_receipt'; step: StepId; label: string }
  | { kind: 'open_page'; step: StepId; label: string }
  | { kind: 'open_order'; step: StepId; label: string };

/** The payment channel a complaint goes to, from the payment method the shop showed (Alipay when unknown). */
export function paymentChannel(paymentMethod: string | undefined): DraftChannel {
  return /微信|wechat|wxpay|weixin/i.test(paymentMethod ?? '') ? 'wechat' : 'alipay';
}

/**
 * The action of the step due now, or undefined when nothing is due (waiting inside the window, never paid, or done
 * and reviewed). Pure: the step comes from the clock (lib/escalation), the channel from the drafts' channel list.
 * `label` is an i18n message key (`next_…`).
 */
export function nextAction(
  order: Pick<OrderRecord, 'paymentMethod' | 'resolvedAt'>,
  clock: Pick<ClockState, 'currentStep' | 'started'>,
): NextAction | undefined {
  const step = clock.currentStep;
  if (!clock.started || !step) return undefined;
  switch (step) {
    case 'evidence':
      return { kind: 'import_receipt', step, label: 'next_import_receipt' };
    case 'confirm_status':
      return { kind: 'open_page', step, label: 'next_open_page' };
    case 'contact_support':
      return copy(step, 'chat');
    case 'payment_complaint':
      return copy(step, paymentChannel(order.paymentMethod));
    case 'regulator_complaint':
      return copy(step, 'c12315');
    case 'review':
      return order.resolvedAt === undefined ? { kind: 'open_order', step, label: 'next_review' } : undefined;
  }
}

function copy(step: StepId, channel: DraftChannel): NextAction {
  // The channel must belong to the step (a check on the drafts' table, which another step's channel would fail).
  if (channelMeta(channel).step !== step) throw new Error(`channel ${channel} is not of step ${step}`);
  return { kind: 'copy_draft', step, channel, label: `next_copy_${channel}` };
}
