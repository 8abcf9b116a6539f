import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { getDb } from '@/lib/db';
import { MAX_MINUTES } from '@/lib/escalation';
import { t } from '@/lib/i18n';
import { sendMessage } from '@/lib/messaging/protocol';
import { loadEscalationSettings, saveEscalationSettings } from '@/lib/reminders/store';

/** The default promised window (24 h unless changed), changed here in place; the options page holds the rest. */
export function DefaultWindow(): React.JSX.Element | null {
  const settings = useLiveQuery(() => loadEscalationSettings(getDb()), []);
  const [hours, setHours] = useState<string>();
  const [note, setNote] = useState<{ ok: boolean; text: string }>();
  if (!settings) return null;
  const shown = hours ?? String(Math.round(settings.defaultWindowMinutes / 6) / 10);

  const save = async (): Promise<void> => {
    const text = shown.normalize('NFKC').trim();
    const minutes = /^\d{1,4}(\.\d{1,2})?$/.test(text) ? Math.round(Number(text) * 60) : NaN;
    if (!(minutes >= 1 && minutes <= MAX_MINUTES)) return setNote({ ok: false, text: t('onboarding_window_invalid') });
    await saveEscalationSettings(getDb(), { ...settings, defaultWindowMinutes: minutes });
    // The background re-arms every reminder from the new window (and would at its next start anyway).
    await sendMessage('settingsChanged', undefined).catch(() => undefined);
    setHours(undefined);
    setNote({ ok: true, text: t('onboarding_window_saved') });
  };

  return (
    <form
      className="inline-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <label htmlFor="onboarding-window">{t('onboarding_window_label')}</label>
      <input
        id="onboarding-window"
        type="text"
        inputMode="decimal"
        size={5}
        value={shown}
        data-testid="default-window"
        aria-invalid={note && !note.ok ? true : undefined}
        aria-describedby="onboarding-window-note"
        onChange={(e) => {
          setHours(e.currentTarget.value);
          setNote(undefined);
        }}
      />
      <span>{t('options_hours')}</span>
      <button type="submit">{t('options_save')}</button>
      <span id="onboarding-window-note" role="status" className={note ? (note.ok ? 'ok' : 'entry-error') : undefined}>
        {note?.text}
      </span>
    </form>
  );
}
