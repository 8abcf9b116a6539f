import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { getDb } from '@/lib/db';
import { loadBundleSettings, saveBundleSettings } from '@/lib/evidence/bundle-settings';
import { SIGNING_KEY_KV, type StoredSigningKey } from '@/lib/evidence/signing';
import { t } from '@/lib/i18n';
import { errorDetail } from './errors';
import { formatKeyFingerprint } from './format';

/** Whether evidence bundles are signed, and the fingerprint of this install's key, to tell a recipient. */
export function OptionsSigning(): React.JSX.Element {
  const settings = useLiveQuery(() => loadBundleSettings(getDb()), []);
  const key = useLiveQuery(
    async () => (await getDb().kv.get(SIGNING_KEY_KV))?.value as StoredSigningKey | undefined,
    [],
  );
  const [failure, setFailure] = useState('');

  const toggle = (sign: boolean): void => {
    saveBundleSettings(getDb(), { sign }).then(
      () => setFailure(''),
      (error: unknown) => setFailure(errorDetail(error)),
    );
  };

  return (
    <section className="opt-section" aria-labelledby="opt-signing-heading">
      <h2 id="opt-signing-heading">{t('options_signing_heading')}</h2>
      <label className="opt-check">
        <input
          type="checkbox"
          data-testid="sign-bundles"
          checked={settings?.sign ?? true}
          disabled={!settings}
          onChange={(e) => toggle(e.currentTarget.checked)}
        />{' '}
        {t('options_signing_toggle')}
      </label>
      <p className="opt-hint">{t('options_signing_hint')}</p>
      {key?.fingerprint ? (
        <p data-testid="signing-key">
          {t('options_signing_key', [
            formatKeyFingerprint(key.fingerprint),
            new Date(key.createdAt).toLocaleDateString(),
          ])}
        </p>
      ) : (
        <p className="muted" data-testid="signing-key">
          {t('options_signing_no_key')}
        </p>
      )}
      {failure && (
        <p className="opt-error" role="alert">
          {t('options_signing_failed', failure)}
        </p>
      )}
    </section>
  );
}
