import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { getDb } from '@/lib/db';
import { t } from '@/lib/i18n';
import { sendMessage } from '@/lib/messaging/protocol';
import { loadWatchSettings, saveWatchSettings, WATCH_PACES, type WatchSettings } from '@/lib/watch/settings';
import { errorDetail } from './errors';

/** Background checks of waiting orders: on or off, and how often; saved at once, then the background re-plans. */
export function OptionsWatch(): React.JSX.Element {
  const settings = useLiveQuery(() => loadWatchSettings(getDb()), []);
  const [failure, setFailure] = useState('');

  const save = (change: Partial<WatchSettings>): void => {
    if (!settings) return;
    saveWatchSettings(getDb(), { ...settings, ...change }).then(
      async () => {
        setFailure('');
        // Saved either way; the background also re-plans from the database at its next start.
        await sendMessage('settingsChanged', undefined).catch(() => undefined);
      },
      (error: unknown) => setFailure(errorDetail(error)),
    );
  };

  return (
    <section className="opt-section" aria-labelledby="opt-watch-heading">
      <h2 id="opt-watch-heading">{t('options_watch_heading')}</h2>
      <label className="opt-check">
        <input
          type="checkbox"
          data-testid="watch-enabled"
          checked={settings?.enabled ?? true}
          disabled={!settings}
          onChange={(e) => save({ enabled: e.currentTarget.checked })}
        />{' '}
        {t('options_watch_toggle')}
      </label>
      <label className="opt-row">
        {t('options_watch_pace')}{' '}
        <select
          data-testid="watch-pace"
          value={settings?.pace ?? 'normal'}
          disabled={!settings || !settings.enabled}
          onChange={(e) => save({ pace: e.currentTarget.value as WatchSettings['pace'] })}
        >
          {WATCH_PACES.map((pace) => (
            <option key={pace} value={pace}>
              {t(`options_watch_pace_${pace}`)}
            </option>
          ))}
        </select>
      </label>
      <p className="opt-hint">{t('options_watch_hint')}</p>
      {failure && (
        <p className="opt-error" role="alert">
          {t('options_watch_failed', failure)}
        </p>
      )}
    </section>
  );
}
