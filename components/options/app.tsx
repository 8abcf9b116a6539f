import { t } from '@/lib/i18n';
import { OptionsSettings } from './settings';
import { OptionsShops } from './shops';
import { OptionsSigning } from './signing';
import { OptionsStorage } from './storage';
import { OptionsTimestamp } from './timestamp';
import { OptionsWatch } from './watch';

/**
 * The options page: delay-clock settings, watching waiting orders, the per-shop record, bundle signing, trusted
 * timestamps, storage and backup.
 */
export function OptionsApp(): React.JSX.Element {
  return (
    <main className="opt-page">
      <header className="opt-header">
        <h1>{t('options_title')}</h1>
        <p className="muted">{t('options_local_only')}</p>
      </header>
      <OptionsSettings />
      <OptionsWatch />
      <OptionsShops />
      <OptionsSigning />
      <OptionsTimestamp />
      <OptionsStorage />
    </main>
  );
}
