import { formatElapsed } from '@/lib/drafts/format';
import { t } from '@/lib/i18n';
import { uiLocale } from '@/lib/ui-locale';
import type { FieldError } from './form';

/** A bound in minutes as words ("0分钟", "1分钟", "30天"). */
function boundText(minutes: number): string {
  if (minutes <= 0) return t('options_zero_minutes');
  return formatElapsed(minutes * 60_000, uiLocale()) ?? String(minutes);
}

/** The message shown under a refused field. */
export function fieldErrorText(error: FieldError): string {
  switch (error.code) {
    case 'whole_number':
      return t('options_error_whole_number');
    case 'range':
      return t('options_error_range', [boundText(error.bounds.min), boundText(error.bounds.max)]);
    case 'host_invalid':
      return t('options_error_host_invalid');
    case 'host_duplicate':
      return t('options_error_host_duplicate');
    case 'quiet_empty':
      return t('options_error_quiet_empty');
  }
}

/** A short description of an unexpected error, for "… failed: <detail>" messages. */
export function errorDetail(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}
