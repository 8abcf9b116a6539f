import { useLiveQuery } from 'dexie-react-hooks';
import { getDb, type EvidenceRecord } from '@/lib/db';
import { formatChinaTime } from '@/lib/time';
import { authorityOf, loadTimestampSettings } from '@/lib/evidence/timestamp/settings';
import { t } from '@/lib/i18n';
import { uiLocale } from '@/lib/ui-locale';

/**
 * The chosen authority as the popup shows it: its name, and a label with its host (a custom address is named by its
 * host alone); undefined when the custom address is not valid, null while loading.
 */
export function useAuthority(): { name: string; label: string } | undefined | null {
  const settings = useLiveQuery(() => loadTimestampSettings(getDb()), []);
  if (!settings) return null;
  const authority = authorityOf(settings);
  if (!authority) return undefined;
  const host = new URL(authority.url).host;
  return { name: authority.name, label: authority.name === host ? host : `${authority.name} · ${host}` };
}

/**
 * The order's trusted timestamps: those already obtained (authority, its time, serial), and "申请可信时间戳", which asks
 * the background to stamp the order's chain head at the chosen authority. Says where the hash goes before the click.
 */
export function TimestampPanel({
  stamps,
  busy,
  onStamp,
}: {
  stamps: EvidenceRecord[];
  busy: boolean;
  onStamp: () => void;
}): React.JSX.Element {
  const locale = uiLocale();
  const authority = useAuthority();
  return (
    <section className="stamps" data-testid="timestamps" aria-labelledby="stamps-title">
      <h4 id="stamps-title">{t('tsa_title')}</h4>
      <p className="muted">{t('tsa_explain')}</p>
      {stamps.length > 0 && (
        <ul className="stamp-list">
          {stamps.map((s) => (
            <li key={s.id} data-testid="stamp-item">
              ✔{' '}
              {t('tsa_item', [
                s.timestamp?.authority ?? '',
                s.timestamp ? (formatChinaTime(s.timestamp.time, locale, { seconds: true }) ?? s.timestamp.time) : '',
                (s.timestamp?.serial ?? '').slice(0, 16),
              ])}
              {s.source === 'auto' ? ` ${t('tsa_item_auto')}` : ''}
            </li>
          ))}
        </ul>
      )}
      <div className="row">
        <button type="button" className="small" data-testid="stamp" disabled={busy || !authority} onClick={onStamp}>
          {t('tsa_stamp')}
        </button>
        <button type="button" className="link small" onClick={() => void browser.runtime.openOptionsPage()}>
          {t('tsa_change')}
        </button>
      </div>
      {authority !== null && (
        <p className={authority ? 'muted small-text' : 'error'} data-testid="stamp-target">
          {authority ? t('tsa_sends_to', authority.label) : t('tsa_no_authority')}
        </p>
      )}
    </section>
  );
}
