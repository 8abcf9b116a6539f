import { t } from '@/lib/i18n';

/**
 * The privacy promise, in one place (the `privacy_` messages): what stays on this computer, and the only two times
 * KamiGuard goes online, each bounded to what the buyer already used or asked for. The onboarding page shows it whole;
 * the options page shows it in two sentences.
 */
export function PrivacyPromise({ short = false }: { short?: boolean }): React.JSX.Element {
  if (short)
    return (
      <p className="muted" data-testid="privacy-short">
        {t('privacy_promise')} {t('privacy_exceptions_short')}
      </p>
    );
  return (
    <div className="privacy" data-testid="privacy">
      <p className="privacy-promise">{t('privacy_promise')}</p>
      <p>{t('privacy_exceptions_intro')}</p>
      <ul>
        <li>{t('privacy_exception_recheck')}</li>
        <li>{t('privacy_exception_timestamp')}</li>
      </ul>
      <p className="muted">{t('privacy_uninstall')}</p>
    </div>
  );
}
