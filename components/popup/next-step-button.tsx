import { useRef, useState } from 'react';
import type { OrderRecord } from '@/lib/db';
import type { ClockState } from '@/lib/escalation';
import { t } from '@/lib/i18n';
import type { NextAction } from '@/lib/order-list';
import { uiLocale } from '@/lib/ui-locale';
import { Icon, type IconName } from './icons';

const ICONS: Record<NextAction['kind'], IconName> = {
  copy_draft: 'copy',
  import_receipt: 'upload',
  open_page: 'external',
  open_order: 'next',
};

/**
 * Copies a channel's draft for one order and records the copy on its timeline. The drafts, the timeline read and the
 * messaging are loaded on first use: the list does not need them to paint.
 */
async function copyDraft(
  order: OrderRecord & { id: number },
  channel: Extract<NextAction, { kind: 'copy_draft' }>['channel'],
  clock: ClockState,
): Promise<string | undefined> {
  const [{ buildDraft }, { getDb, getTimeline }, { act }, { draftShop }] = await Promise.all([
    import('@/lib/drafts'),
    import('@/lib/db'),
    import('../act'),
    import('../draft-shop'),
  ]);
  const db = getDb();
  const [events, evidence, shop] = await Promise.all([
    getTimeline(db, order.id),
    db.evidence.where('orderId').equals(order.id).toArray(),
    draftShop(db, order.site),
  ]);
  const draft = buildDraft(channel, {
    order,
    events,
    evidence,
    shop,
    now: Date.now(),
    locale: uiLocale(),
    clock: clock.started ? { elapsedMs: clock.elapsedMs, windowMs: clock.windowMs, overdue: clock.overdue } : undefined,
  });
  await navigator.clipboard.writeText(draft.body);
  await act(order.id, { type: 'draft_copied', channel });
  return draft.path;
}

/** The button that does the step due now (`nextAction`), with a line saying what it did. */
export function NextStepButton({
  order,
  clock,
  action,
  onOpen,
  big = false,
}: {
  order: OrderRecord & { id: number };
  clock: ClockState;
  action: NextAction;
  onOpen: () => void;
  big?: boolean;
}): React.JSX.Element {
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const file = useRef<HTMLInputElement>(null);

  const run = async (work: () => Promise<string>): Promise<void> => {
    setBusy(true);
    try {
      setNote(await work());
    } catch (err) {
      setNote(t('next_failed', err instanceof Error ? err.message : String(err)));
    } finally {
      setBusy(false);
    }
  };
  const click = (): void => {
    switch (action.kind) {
      case 'copy_draft':
        void run(async () => {
          const path = await copyDraft(order, action.channel, clock);
          return path ? t('next_copied_path', path) : t('drafts_copied');
        });
        return;
      case 'import_receipt':
        file.current?.click();
        return;
      case 'open_page':
        void browser.tabs.create({ url: order.url });
        return;
      case 'open_order':
        onOpen();
    }
  };
  const importFiles = (files: FileList | null): void => {
    if (!files?.length) return;
    void run(async () => {
      const { importEvidenceFiles } = await import('../evidence-import');
      const { stored } = await importEvidenceFiles(order, 'payment_receipt', [...files]);
      return t('evidence_imported', String(stored));
    });
  };

  return (
    <div className="next-step">
      <button
        type="button"
        className={`next-button${big ? ' big' : ''}`}
        data-testid="next-step"
        data-action={action.kind}
        data-step={action.step}
        disabled={busy}
        onClick={click}
      >
        <Icon name={ICONS[action.kind]} size={big ? 18 : 16} />
        <span>{t(action.label)}</span>
      </button>
      {action.kind === 'import_receipt' && (
        <input
          ref={file}
          type="file"
          accept="image/*,application/pdf"
          multiple
          hidden
          data-testid="next-step-file"
          onChange={(e) => importFiles(e.target.files)}
        />
      )}
      {note && (
        <p className="next-note" role="status" data-testid="next-step-note">
          {note}
        </p>
      )}
    </div>
  );
}
