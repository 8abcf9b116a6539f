import { useState } from 'react';
import type { EvidenceRecord, OrderRecord } from '@/lib/db';
import { formatChinaTime } from '@/lib/time';
import { EVIDENCE_KIND_LABELS, evidenceChecklist } from '@/lib/evidence';
import { TimestampError, describeTimestampFailure } from '@/lib/evidence/timestamp/errors';
import { t } from '@/lib/i18n';
import { sendMessage } from '@/lib/messaging/protocol';
import { uiLocale } from '@/lib/ui-locale';
import { downloadBundle } from '../bundle-export';
import { ChainStatus } from './chain-status';
import { TimestampPanel, useAuthority } from './timestamp-panel';
import { importEvidenceFiles } from '../evidence-import';

/** What the user can file an item as (automatic order-page captures and text records are the extension's own). */
const MANUAL_KINDS = ['payment_receipt', 'order_screenshot', 'recipient_account', 'support_chat', 'other'] as const;
type ManualKind = (typeof MANUAL_KINDS)[number];

/** The order's evidence: what the checklist still misses, capture and import, the items with their hashes, the bundle. */
export function EvidencePanel({
  order,
  evidence,
}: {
  order: OrderRecord & { id: number };
  evidence: EvidenceRecord[];
}): React.JSX.Element {
  const locale = uiLocale();
  const [kind, setKind] = useState<ManualKind>('payment_receipt');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  // Per export, never remembered: each stamped bundle is the buyer's own choice.
  const [stampBundle, setStampBundle] = useState(false);
  const authority = useAuthority();

  const run = async (work: () => Promise<string>, failed = (text: string): string => text): Promise<void> => {
    setBusy(true);
    try {
      setNote(await work());
    } catch (err) {
      setNote(
        failed(
          err instanceof TimestampError
            ? describeTimestampFailure(err.code, err.detail, locale)
            : err instanceof Error
              ? err.message
              : String(err),
        ),
      );
    } finally {
      setBusy(false);
    }
  };
  const capture = (fullPage: boolean): Promise<void> =>
    run(async () => {
      const r = await sendMessage('captureTab', { orderId: order.id, kind, fullPage });
      return r.ok ? t('evidence_captured') : t('evidence_capture_failed', r.error ?? '');
    });
  const importFiles = (files: FileList | null): Promise<void> =>
    run(async () => {
      const { stored, duplicates } = await importEvidenceFiles(order, kind, files ? [...files] : []);
      return duplicates
        ? t('evidence_imported_duplicates', [String(stored), String(duplicates)])
        : t('evidence_imported', String(stored));
    });
  const bundle = (): Promise<void> =>
    run(
      async () => {
        await downloadBundle(
          [order.id],
          locale,
          (done, total) => setNote(t('evidence_bundle_progress', [String(done), String(total)])),
          { timestamp: stampBundle, onStamping: () => setNote(t('evidence_bundle_stamping')) },
        );
        return t(stampBundle ? 'evidence_bundle_done_stamped' : 'evidence_bundle_done');
      },
      (text) => t('evidence_bundle_failed', text),
    );
  const stampNow = (): Promise<void> =>
    run(
      async () => {
        if (authority) setNote(t('tsa_stamping', authority.name));
        const reply = await sendMessage('stampOrder', { orderId: order.id });
        if (!reply.ok) throw new TimestampError(reply.code, reply.detail);
        return t('tsa_done', [
          reply.facts.authority,
          formatChinaTime(reply.facts.time, locale, { seconds: true }) ?? reply.facts.time,
        ]);
      },
      (text) => t('tsa_failed', text),
    );
  const stamps = evidence.filter((e) => e.kind === 'timestamp');

  return (
    <section
      className="evidence"
      data-testid="evidence"
      onDragOver={(e) => e.preventDefault()}
      onDrop={(e) => {
        e.preventDefault();
        void importFiles(e.dataTransfer.files);
      }}
    >
      <h3>{t('evidence_title')}</h3>
      <ul className="checklist" data-testid="checklist">
        {evidenceChecklist(evidence).map((c) => (
          <li key={c.id} className={c.present ? 'done' : 'missing'} data-present={c.present}>
            {c.present ? '✓' : '○'} {c.label[locale]}
            {c.count > 1 ? ` ×${c.count}` : ''}
          </li>
        ))}
      </ul>
      <div className="row">
        <select value={kind} onChange={(e) => setKind(e.target.value as ManualKind)} aria-label={t('evidence_kind')}>
          {MANUAL_KINDS.map((k) => (
            <option key={k} value={k}>
              {EVIDENCE_KIND_LABELS[k][locale]}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="small"
          disabled={busy}
          data-testid="capture-tab"
          onClick={() => void capture(false)}
        >
          {t('evidence_capture_tab')}
        </button>
        <button type="button" className="small" disabled={busy} onClick={() => void capture(true)}>
          {t('evidence_capture_full')}
        </button>
        <label className="small file">
          {t('evidence_import')}
          <input
            type="file"
            accept="image/*,application/pdf"
            multiple
            hidden
            onChange={(e) => void importFiles(e.target.files)}
          />
        </label>
      </div>
      {note && (
        <p className="note" data-testid="evidence-note">
          {note}
        </p>
      )}
      <ol className="evidence-list">
        {evidence.map((e) => (
          <li key={e.id} data-kind={e.kind}>
            {EVIDENCE_KIND_LABELS[e.kind][locale]} · {formatChinaTime(e.capturedAt, locale, { seconds: true })} ·{' '}
            <code title={e.sha256}>{e.sha256.slice(0, 12)}</code>
          </li>
        ))}
      </ol>
      <ChainStatus orderId={order.id} />
      <TimestampPanel stamps={stamps} busy={busy} onStamp={() => void stampNow()} />
      <div className="row">
        <button type="button" className="small" disabled={busy} data-testid="bundle" onClick={() => void bundle()}>
          {t('evidence_bundle')}
        </button>
        {authority && (
          <label className="small-text">
            <input
              type="checkbox"
              data-testid="bundle-stamp"
              checked={stampBundle}
              disabled={busy}
              onChange={(e) => setStampBundle(e.currentTarget.checked)}
            />{' '}
            {t('evidence_bundle_stamp', authority.name)}
          </label>
        )}
      </div>
    </section>
  );
}
