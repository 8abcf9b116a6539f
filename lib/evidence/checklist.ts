/** The per-order evidence checklist (pure). */
import type { EvidenceRecord } from '@/lib/db/types';
import { EVIDENCE_CHECKLIST, type ChecklistItemId, type Localized } from './labels';

/** One line of an order's evidence checklist. */
export interface ChecklistEntry {
  id: ChecklistItemId;
  label: Localized;
  present: boolean;
  count: number;
  /** Ids of the evidence rows that satisfy the item. */
  evidenceIds: number[];
}

/** The evidence checklist of one order: 支付凭证, 订单截图, 接收账号信息, 客服聊天记录 — present or missing. */
export function evidenceChecklist(evidence: readonly Pick<EvidenceRecord, 'kind' | 'id'>[]): ChecklistEntry[] {
  return EVIDENCE_CHECKLIST.map((item) => {
    const matching = evidence.filter((e) => item.kinds.includes(e.kind));
    return {
      id: item.id,
      label: item.label,
      present: matching.length > 0,
      count: matching.length,
      evidenceIds: matching.flatMap((e) => (e.id === undefined ? [] : [e.id])),
    };
  });
}
