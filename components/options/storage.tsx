import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import { getDb } from '@/lib/db';
import { storageUsage, type StorageUsage } from '@/lib/evidence/store';
import { t } from '@/lib/i18n';
import { OptionsBackup } from './backup';
import { errorDetail } from './errors';
import { formatBytes } from './format';

/** Row counts of every table, as one string: changes whenever something is added or removed. */
async function tableCounts(): Promise<string> {
  const db = getDb();
  const counts = await Promise.all([db.orders, db.events, db.evidence, db.blobs, db.kv].map((table) => table.count()));
  return counts.join(',');
}

/** How much the extension stores, by kind, then backup and restore. */
export function OptionsStorage(): React.JSX.Element {
  // storageUsage reads every row (and the browser's estimate, which is not a database call), so it is not run as a
  // live query itself; the cheap live row counts say when to run it again.
  const counts = useLiveQuery(tableCounts, []);
  const [usage, setUsage] = useState<StorageUsage>();
  const [failure, setFailure] = useState('');

  useEffect(() => {
    if (counts === undefined) return;
    let current = true;
    storageUsage(getDb()).then(
      (u) => current && (setUsage(u), setFailure('')),
      (error: unknown) => current && setFailure(errorDetail(error)),
    );
    return () => {
      current = false;
    };
  }, [counts]);

  const estimate = usage?.browserEstimate;
  return (
    <section className="opt-section" aria-labelledby="opt-storage-heading">
      <h2 id="opt-storage-heading">{t('options_storage_heading')}</h2>
      {failure ? (
        <p className="opt-error" role="alert">
          {t('options_storage_failed', failure)}
        </p>
      ) : !usage ? (
        <p className="muted">{t('options_storage_loading')}</p>
      ) : (
        <div data-testid="storage-usage">
          <p className="opt-total">{t('options_storage_total', formatBytes(usage.total))}</p>
          <ul className="opt-usage">
            <li>{t('options_storage_orders', [String(usage.counts.orders), formatBytes(usage.bytes.orders)])}</li>
            <li>{t('options_storage_events', [String(usage.counts.events), formatBytes(usage.bytes.events)])}</li>
            <li>
              {t('options_storage_evidence', [
                String(usage.counts.evidence),
                String(usage.counts.blobs),
                formatBytes(usage.bytes.evidence + usage.bytes.blobs),
              ])}
            </li>
            <li>{t('options_storage_settings', formatBytes(usage.bytes.kv))}</li>
          </ul>
          {estimate?.usage !== undefined && (
            <p className="opt-hint">
              {estimate.quota !== undefined
                ? t('options_storage_browser', [formatBytes(estimate.usage), formatBytes(estimate.quota)])
                : t('options_storage_browser_usage', formatBytes(estimate.usage))}
            </p>
          )}
        </div>
      )}
      <OptionsBackup />
    </section>
  );
}
