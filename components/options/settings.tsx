import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { getDb } from '@/lib/db';
import { normalizeHost } from '@/lib/escalation';
import { t } from '@/lib/i18n';
import { sendMessage } from '@/lib/messaging/protocol';
import { loadEscalationSettings, saveEscalationSettings } from '@/lib/reminders/store';
import { ClockFields } from './clock-fields';
import { errorDetail } from './errors';
import { defaultsForm, sameForm, toForm, type FormErrors, type SettingsForm } from './form';
import { formToSettings } from './form-check';
import { QuietHoursField } from './quiet-hours';
import { ShopWindowsEditor } from './shop-windows';

type Status = { kind: 'saved' } | { kind: 'invalid' } | { kind: 'defaults' } | { kind: 'failed'; detail: string };

async function knownHosts(): Promise<string[]> {
  const sites = (await getDb().orders.orderBy('site').uniqueKeys()) as string[];
  return [...new Set(sites.map(normalizeHost).filter(Boolean))].toSorted();
}

/** The settings form: edits stay in a draft until Save, which validates everything and saves all or nothing. */
export function OptionsSettings(): React.JSX.Element {
  const stored = useLiveQuery(() => loadEscalationSettings(getDb()), []);
  const hosts = useLiveQuery(knownHosts, [], []);
  const [draft, setDraft] = useState<SettingsForm | null>(null);
  const [errors, setErrors] = useState<FormErrors>({});
  const [status, setStatus] = useState<Status | null>(null);
  const [saving, setSaving] = useState(false);

  const [seen, setSeen] = useState(stored);

  // When the stored settings change and now equal the draft (our own save landing), drop the draft so the form
  // follows the database again (an import that replaces settings, a save in another tab). Adjusted during render,
  // as React recommends for state derived from a changing input, rather than in an effect.
  if (stored !== seen) {
    setSeen(stored);
    if (stored && draft && sameForm(draft, toForm(stored))) setDraft(null);
  }

  if (!stored) return <section className="opt-section" aria-busy="true" />;
  const storedForm = toForm(stored);
  const dirty = draft !== null && !sameForm(draft, storedForm);
  const form = dirty ? draft : storedForm;

  const update = (next: SettingsForm, path: string): void => {
    setDraft(next);
    setStatus(null);
    setErrors((old) => Object.fromEntries(Object.entries(old).filter(([key]) => !key.startsWith(path))));
  };

  const save = async (): Promise<void> => {
    const result = formToSettings(form, stored);
    if (!result.ok) {
      setErrors(result.errors);
      setStatus({ kind: 'invalid' });
      return;
    }
    setSaving(true);
    try {
      const saved = await saveEscalationSettings(getDb(), result.settings);
      setDraft(toForm(saved));
      setErrors({});
      setStatus({ kind: 'saved' });
    } catch (error) {
      setStatus({ kind: 'failed', detail: errorDetail(error) });
      return;
    } finally {
      setSaving(false);
    }
    // The background rebuilds every reminder from the new settings. The settings are saved either way, and the
    // background also rebuilds from the database at its next start, so a missed message loses nothing.
    await sendMessage('settingsChanged', undefined).catch(() => undefined);
  };

  const statusText =
    status?.kind === 'saved'
      ? t('options_saved')
      : status?.kind === 'invalid'
        ? t('options_invalid')
        : status?.kind === 'defaults'
          ? dirty
            ? t('options_restore_note')
            : t('options_already_defaults')
          : status?.kind === 'failed'
            ? t('options_save_failed', status.detail)
            : dirty
              ? t('options_unsaved')
              : '';

  return (
    <section className="opt-section" aria-labelledby="opt-settings-heading">
      <h2 id="opt-settings-heading">{t('options_settings_heading')}</h2>
      <p className="opt-intro">{t('options_settings_intro')}</p>
      <form
        className="opt-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <ClockFields form={form} errors={errors} onChange={update} />
        <QuietHoursField
          value={form}
          error={errors.quiet}
          onChange={(quiet) => update({ ...form, ...quiet }, 'quiet')}
        />
        <ShopWindowsEditor
          shops={form.shops}
          errors={errors}
          knownHosts={hosts}
          newWindow={form.defaultWindow}
          onChange={(shops) => update({ ...form, shops }, 'shops.')}
        />
        <div className="opt-actions">
          <button type="submit" className="primary" disabled={saving}>
            {t('options_save')}
          </button>
          <button
            type="button"
            onClick={() => {
              update(defaultsForm(form), '');
              setStatus({ kind: 'defaults' });
            }}
          >
            {t('options_restore_defaults')}
          </button>
          <span className={`opt-status opt-status-${status?.kind ?? (dirty ? 'dirty' : 'none')}`} role="status">
            {statusText}
          </span>
        </div>
      </form>
    </section>
  );
}
