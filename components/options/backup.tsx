import { useState, type ChangeEvent } from 'react';
import { getDb } from '@/lib/db';
import { BackupError, exportBackup, importBackup, type ImportReport } from '@/lib/backup';
import { t } from '@/lib/i18n';
import { sendMessage } from '@/lib/messaging/protocol';
import { uiLocale } from '@/lib/ui-locale';
import { downloadBytes } from '../download';
import { errorDetail } from './errors';
import { backupFileName, formatBytes } from './format';

type ExportState =
  { kind: 'busy' } | { kind: 'done'; name: string; size: number } | { kind: 'failed'; message: string };
type ImportState = { kind: 'busy' } | { kind: 'done'; report: ImportReport } | { kind: 'failed'; message: string };

function importSummary(r: ImportReport): string[] {
  const lines = [
    t('options_imported', [String(r.orders.added), String(r.orders.merged), String(r.events.added)]),
    t('options_imported_evidence', [String(r.evidence.added), String(r.events.skipped + r.evidence.skipped)]),
  ];
  if (r.settings.added || r.settings.skipped)
    lines.push(t('options_imported_settings', [String(r.settings.added), String(r.settings.skipped)]));
  if (r.brokenChains.length)
    lines.push(t('options_imported_broken', r.brokenChains.map((c) => `${c.site} ${c.orderNo}`).join('、')));
  return lines;
}

/** Export of everything as one ZIP, and import of such a ZIP (validated whole first; refused whole when bad). */
export function OptionsBackup(): React.JSX.Element {
  const [exported, setExported] = useState<ExportState>();
  const [imported, setImported] = useState<ImportState>();
  const [overwrite, setOverwrite] = useState(false);

  const doExport = async (): Promise<void> => {
    setExported({ kind: 'busy' });
    try {
      const at = new Date();
      const bytes = await exportBackup(getDb(), at.getTime());
      const name = backupFileName(at);
      downloadBytes(bytes, name, 'application/zip');
      setExported({ kind: 'done', name, size: bytes.length });
    } catch (error) {
      const message = error instanceof BackupError ? error.userMessage(uiLocale()) : errorDetail(error);
      setExported({ kind: 'failed', message });
    }
  };

  const doImport = async (event: ChangeEvent<HTMLInputElement>): Promise<void> => {
    const input = event.currentTarget;
    const file = input.files?.[0];
    // Cleared so that choosing the same file again (after fixing something) fires another change.
    input.value = '';
    if (!file) return;
    setImported({ kind: 'busy' });
    try {
      const report = await importBackup(getDb(), file, { overwriteSettings: overwrite });
      setImported({ kind: 'done', report });
    } catch (error) {
      // importBackup refuses before writing and rolls back a failed write: in every case nothing changed.
      const reason = error instanceof BackupError ? error.userMessage(uiLocale()) : t('options_import_unreadable');
      setImported({ kind: 'failed', message: t('options_import_failed', reason) });
      return;
    }
    // New orders (and maybe settings) need their reminders; the background rebuilds them all on this message.
    await sendMessage('settingsChanged', undefined).catch(() => undefined);
  };

  return (
    <div className="opt-backup">
      <h3>{t('options_backup_heading')}</h3>
      <p className="opt-intro">{t('options_backup_intro')}</p>
      <div className="opt-row">
        <button type="button" disabled={exported?.kind === 'busy'} onClick={() => void doExport()}>
          {exported?.kind === 'busy' ? t('options_exporting') : t('options_export')}
        </button>
      </div>
      {exported?.kind === 'done' && (
        <p className="opt-ok" role="status" data-testid="export-result">
          {t('options_exported', [exported.name, formatBytes(exported.size)])}
        </p>
      )}
      {exported?.kind === 'failed' && (
        <p className="opt-error" role="alert">
          {t('options_export_failed', exported.message)}
        </p>
      )}
      <div className="opt-row">
        <label htmlFor="opt-import-file">{t('options_import')}</label>
        <input
          id="opt-import-file"
          type="file"
          accept=".zip,application/zip"
          disabled={imported?.kind === 'busy'}
          onChange={(e) => void doImport(e)}
        />
      </div>
      <label className="opt-check">
        <input type="checkbox" checked={overwrite} onChange={(e) => setOverwrite(e.currentTarget.checked)} />{' '}
        {t('options_import_overwrite')}
      </label>
      {imported?.kind === 'busy' && <p className="muted">{t('options_importing')}</p>}
      {imported?.kind === 'done' && (
        <div className="opt-ok" role="status" data-testid="import-result">
          {importSummary(imported.report).map((line) => (
            <p key={line}>{line}</p>
          ))}
        </div>
      )}
      {imported?.kind === 'failed' && (
        <p className="opt-error" role="alert" data-testid="import-error">
          {imported.message}
        </p>
      )}
    </div>
  );
}
