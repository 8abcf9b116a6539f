import { t } from '@/lib/i18n';
import { fieldErrorText } from './errors';
import type { DurationInput, FieldError } from './form';

/** Props of {@link DurationField}. */
export interface DurationFieldProps {
  /** Element id prefix; the inputs are `<id>-hours` and `<id>-minutes`. */
  id: string;
  label: string;
  hint?: string;
  value: DurationInput;
  error?: FieldError;
  onChange(value: DurationInput): void;
}

/**
 * A duration typed as hours and minutes. Text inputs rather than `type=number`: a number input shows nothing for
 * "1,5" or "abc", so the user could not see what was refused next to the message that refuses it.
 */
export function DurationField({ id, label, hint, value, error, onChange }: DurationFieldProps): React.JSX.Element {
  const errorId = `${id}-error`;
  const common = {
    type: 'text',
    inputMode: 'numeric' as const,
    autoComplete: 'off',
    className: 'opt-number',
    'aria-invalid': error ? true : undefined,
    'aria-describedby': error ? errorId : undefined,
  };
  return (
    <div className="opt-field" data-field={id}>
      <label className="opt-label" htmlFor={`${id}-hours`}>
        {label}
      </label>
      <div className="opt-duration">
        <input
          {...common}
          id={`${id}-hours`}
          value={value.hours}
          onChange={(e) => onChange({ ...value, hours: e.currentTarget.value })}
        />
        <span>{t('options_hours')}</span>
        <input
          {...common}
          id={`${id}-minutes`}
          aria-label={`${label} (${t('options_minutes')})`}
          value={value.minutes}
          onChange={(e) => onChange({ ...value, minutes: e.currentTarget.value })}
        />
        <span>{t('options_minutes')}</span>
      </div>
      {hint && <p className="opt-hint">{hint}</p>}
      {error && (
        <p className="opt-error" id={errorId} role="alert">
          {fieldErrorText(error)}
        </p>
      )}
    </div>
  );
}
