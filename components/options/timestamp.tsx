import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { getDb } from '@/lib/db';
import { formatChinaTime } from '@/lib/time';
import {
  TIMESTAMP_AUTHORITIES,
  checkAuthorityUrl,
  type AuthorityUrlProblem,
} from '@/lib/evidence/timestamp/authorities';
import { describeTimestampFailure } from '@/lib/evidence/timestamp/errors';
import {
  AUTO_FAILURE_KEY,
  loadTimestampSettings,
  saveTimestampSettings,
  type AutoStampFailure,
  type TimestampSettings,
} from '@/lib/evidence/timestamp/settings';
import { t } from '@/lib/i18n';
import { uiLocale } from '@/lib/ui-locale';
import { errorDetail } from './errors';

/**
 * Trusted timestamps: which authority gets the hash (a preset with its note, or the buyer's own checked address),
 * whether each status change is stamped without a click (off by default), and what is sent, in words.
 */
export function OptionsTimestamp(): React.JSX.Element {
  const locale = uiLocale();
  const settings = useLiveQuery(() => loadTimestampSettings(getDb()), []);
  const autoFailure = useLiveQuery(
    async () => (await getDb().kv.get(AUTO_FAILURE_KEY))?.value as AutoStampFailure | undefined,
    [],
  );
  const [draftUrl, setDraftUrl] = useState<string | null>(null);
  const [problem, setProblem] = useState<AuthorityUrlProblem | null>(null);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);

  if (!settings) return <section className="opt-section" aria-busy="true" />;
  const url = draftUrl ?? settings.customUrl;

  const save = (next: TimestampSettings): void => {
    saveTimestampSettings(getDb(), next).then(
      () => setStatus({ ok: true, text: t('options_tsa_saved') }),
      (error: unknown) => setStatus({ ok: false, text: t('options_tsa_failed', errorDetail(error)) }),
    );
  };
  // The custom address is used only once it passes the check; until then the previous choice stays in force.
  const useCustom = (): void => {
    const checked = checkAuthorityUrl(url);
    if (!checked.ok) {
      setProblem(checked.problem);
      setStatus(null);
      return;
    }
    setProblem(null);
    setDraftUrl(null);
    save({ ...settings, authority: 'custom', customUrl: checked.url });
  };

  return (
    <section className="opt-section" aria-labelledby="opt-tsa-heading" data-testid="options-timestamp">
      <h2 id="opt-tsa-heading">{t('options_tsa_heading')}</h2>
      <p className="opt-intro">{t('options_tsa_intro')}</p>
      <p className="note" data-testid="tsa-privacy">
        {t('tsa_privacy')}
      </p>
      <fieldset className="opt-field">
        <legend className="opt-label">{t('options_tsa_authority')}</legend>
        {TIMESTAMP_AUTHORITIES.map((a) => (
          <label key={a.id} className="opt-tsa">
            <input
              type="radio"
              name="tsa"
              value={a.id}
              checked={settings.authority === a.id}
              onChange={() => save({ ...settings, authority: a.id })}
            />
            <span>
              <b>{a.name}</b> <code>{a.url}</code>
              <span className="opt-hint">{t(`tsa_note_${a.id}`)}</span>
            </span>
          </label>
        ))}
        <label className="opt-tsa">
          <input
            type="radio"
            name="tsa"
            value="custom"
            data-testid="tsa-custom"
            checked={settings.authority === 'custom'}
            onChange={useCustom}
          />
          <span>
            <b>{t('options_tsa_custom')}</b>
            <span className="opt-hint">{t('options_tsa_custom_note')}</span>
          </span>
        </label>
        <div className="opt-row opt-tsa-url">
          <input
            type="text"
            inputMode="url"
            spellCheck={false}
            data-testid="tsa-url"
            aria-label={t('options_tsa_custom')}
            aria-invalid={problem ? true : undefined}
            placeholder="https://"
            value={url}
            onChange={(e) => {
              setDraftUrl(e.currentTarget.value);
              setProblem(null);
            }}
          />
          <button type="button" data-testid="tsa-url-save" onClick={useCustom}>
            {t('options_tsa_custom_save')}
          </button>
        </div>
        {problem && (
          <p className="opt-error" role="alert" data-testid="tsa-url-error">
            {t(`options_tsa_url_${problem}`)}
          </p>
        )}
        <p className="opt-hint">{t('options_tsa_unverified')}</p>
      </fieldset>
      <label className="opt-check">
        <input
          type="checkbox"
          data-testid="tsa-auto"
          checked={settings.autoOnStatusChange}
          onChange={(e) => save({ ...settings, autoOnStatusChange: e.currentTarget.checked })}
        />{' '}
        {t('options_tsa_auto')}
      </label>
      <p className="opt-hint">{t('options_tsa_auto_hint')}</p>
      {autoFailure && (
        <p className="opt-error" data-testid="tsa-auto-failure">
          {t('options_tsa_auto_failed', [
            formatChinaTime(autoFailure.at, locale) ?? '',
            describeTimestampFailure(autoFailure.code, autoFailure.detail, locale),
          ])}
        </p>
      )}
      {status && (
        <p className={status.ok ? 'opt-ok' : 'opt-error'} role="status" data-testid="tsa-status">
          {status.text}
        </p>
      )}
    </section>
  );
}
