import { STEP_BASE, stepNameKey } from '@/lib/escalation';
import { t } from '@/lib/i18n';
import { DurationField } from './duration-field';
import { OFFSET_IDS, type FormErrors, type SettingsForm } from './form';

/** Props of {@link ClockFields}. */
export interface ClockFieldsProps {
  form: SettingsForm;
  errors: FormErrors;
  /** Applies a change; `path` names the edited field so its old error can be cleared. */
  onChange(next: SettingsForm, path: string): void;
}

/** The delay clock's own numbers: default window, when each ladder step comes due, notifications, snooze. */
export function ClockFields({ form, errors, onChange }: ClockFieldsProps): React.JSX.Element {
  return (
    <>
      <DurationField
        id="default-window"
        label={t('options_default_window')}
        hint={t('options_default_window_hint')}
        value={form.defaultWindow}
        error={errors.defaultWindow}
        onChange={(defaultWindow) => onChange({ ...form, defaultWindow }, 'defaultWindow')}
      />
      <fieldset className="opt-field opt-offsets">
        <legend className="opt-label">{t('options_offsets_heading')}</legend>
        <p className="opt-hint">{t('options_offsets_hint')}</p>
        <div className="opt-grid">
          {OFFSET_IDS.map((id) => (
            <DurationField
              key={id}
              id={`offset-${id}`}
              label={t(stepNameKey(id))}
              hint={STEP_BASE[id] === 'start' ? t('options_offset_from_start') : t('options_offset_from_window')}
              value={form.offsets[id]}
              error={errors[`offsets.${id}`]}
              onChange={(value) => onChange({ ...form, offsets: { ...form.offsets, [id]: value } }, `offsets.${id}`)}
            />
          ))}
        </div>
      </fieldset>
      <div className="opt-field">
        <label className="opt-check">
          <input
            type="checkbox"
            checked={form.notifications}
            onChange={(e) => onChange({ ...form, notifications: e.currentTarget.checked }, 'notifications')}
          />{' '}
          {t('options_notifications')}
        </label>
        <p className="opt-hint">{t('options_notifications_hint')}</p>
      </div>
      <DurationField
        id="snooze"
        label={t('options_snooze')}
        hint={t('options_snooze_hint')}
        value={form.snooze}
        error={errors.snooze}
        onChange={(snooze) => onChange({ ...form, snooze }, 'snooze')}
      />
    </>
  );
}
