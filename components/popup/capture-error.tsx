import { useLiveQuery } from 'dexie-react-hooks';
import { CAPTURE_ERROR_KEY } from '@/lib/background/capture-keys';
import { getDb } from '@/lib/db';
import { t } from '@/lib/i18n';

/** A capture the background could not store (full disk, quota) stays on screen until the user has seen it. */
export function CaptureError(): React.JSX.Element | null {
  const row = useLiveQuery(() => getDb().kv.get(CAPTURE_ERROR_KEY), []);
  const value = row?.value as { message?: string } | undefined;
  if (!value) return null;
  return (
    <p className="note error" role="alert">
      {t('capture_error_banner', value.message ?? '')}{' '}
      <button type="button" className="link" onClick={() => void getDb().kv.delete(CAPTURE_ERROR_KEY)}>
        {t('dismiss')}
      </button>
    </p>
  );
}
