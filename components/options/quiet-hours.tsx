import { t } from '@/lib/i18n';
import { fieldErrorText } from './errors';
import type { FieldError, SettingsForm } from './form';
import { formatUtcOffset } from './format';

/** China time: the zone of the shops and of most users, and the settings' default. */
const CHINA_OFFSET = 8 * 60;
const HOURS = Array.from({ length: 24 }, (_, h) => h);
/** This computer's offset east of UTC when the page opened (read once: the page does not live across a DST change). */
const LOCAL_OFFSET = -new Date().getTimezoneOffset();

type QuietFields = Pick<SettingsForm, 'quietEnabled' | 'quietStartHour' | 'quietEndHour' | 'quietUtcOffsetMinutes'>;

/** Props of {@link QuietHoursField}. */
export interface QuietHoursFieldProps {
  value: QuietFields;
  error?: FieldError;
  onChange(value: QuietFields): void;
  /** This computer's offset east of UTC in minutes; a parameter so tests need not depend on the machine's zone. */
  localOffsetMinutes?: number;
}

/** Quiet hours: on/off, from and to (whole hours), and the zone the hours are read in. */
export function QuietHoursField({
  value,
  error,
  onChange,
  localOffsetMinutes = LOCAL_OFFSET,
}: QuietHoursFieldProps): React.JSX.Element {
  // Offer China time and this computer's time; keep a stored offset that is neither (set on another computer).
  const zones = [...new Set([CHINA_OFFSET, localOffsetMinutes, value.quietUtcOffsetMinutes])];
  const zoneLabel = (offset: number): string =>
    offset === CHINA_OFFSET
      ? t('options_quiet_zone_china')
      : offset === localOffsetMinutes
        ? t('options_quiet_zone_local', formatUtcOffset(offset))
        : formatUtcOffset(offset);
  const hourSelect = (id: string, hour: number, set: (h: number) => void): React.JSX.Element => (
    <select id={id} value={hour} disabled={!value.quietEnabled} onChange={(e) => set(Number(e.currentTarget.value))}>
      {HOURS.map((h) => (
        <option key={h} value={h}>
          {`${String(h).padStart(2, '0')}:00`}
        </option>
      ))}
    </select>
  );
  return (
    <fieldset className="opt-field opt-quiet" data-field="quiet">
      <legend className="opt-label">
        <label>
          <input
            type="checkbox"
            checked={value.quietEnabled}
            onChange={(e) => onChange({ ...value, quietEnabled: e.currentTarget.checked })}
          />{' '}
          {t('options_quiet_enabled')}
        </label>
      </legend>
      <div className="opt-row">
        <label htmlFor="quiet-start">{t('options_quiet_from')}</label>
        {hourSelect('quiet-start', value.quietStartHour, (h) => onChange({ ...value, quietStartHour: h }))}
        <label htmlFor="quiet-end">{t('options_quiet_to')}</label>
        {hourSelect('quiet-end', value.quietEndHour, (h) => onChange({ ...value, quietEndHour: h }))}
        <select
          aria-label={t('options_quiet_zone')}
          value={value.quietUtcOffsetMinutes}
          disabled={!value.quietEnabled}
          onChange={(e) => onChange({ ...value, quietUtcOffsetMinutes: Number(e.currentTarget.value) })}
        >
          {zones.map((z) => (
            <option key={z} value={z}>
              {zoneLabel(z)}
            </option>
          ))}
        </select>
      </div>
      <p className="opt-hint">{t('options_quiet_hint')}</p>
      {error && (
        <p className="opt-error" role="alert">
          {fieldErrorText(error)}
        </p>
      )}
    </fieldset>
  );
}
