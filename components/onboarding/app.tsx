import { browser } from 'wxt/browser';
import { t } from '@/lib/i18n';
import { PrivacyPromise } from '../privacy-promise';
import { DefaultWindow } from './default-window';
import { ONBOARDING_PERMISSIONS } from './permissions';
import { TestNotification } from './test-notification';
import { WaitingOrder } from './waiting-order';

/**
 * The demo shop's order page, when `npm start` opened this page with `?demo=<its URL>`: only a plain http(s) address
 * on this computer is taken, so the link can never lead anywhere else.
 */
export function demoLink(search: string): string | undefined {
  const raw = new URLSearchParams(search).get('demo');
  if (!raw) return undefined;
  try {
    const url = new URL(raw);
    const local = url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';
    return local && (url.protocol === 'http:' || url.protocol === 'https:') ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The onboarding page: opened once when KamiGuard is installed, and again from the options page. It starts with the
 * order the buyer may already be waiting for, then says what KamiGuard does, which permissions it asks for and why,
 * the privacy promise, the default promised window, a test notification, and where the settings are.
 */
export function OnboardingApp(): React.JSX.Element {
  const demoUrl = demoLink(location.search);
  return (
    <main className="page">
      <header className="page-header">
        <h1>
          <img src="/icon/48.png" alt="" width={32} height={32} />
          {t('onboarding_title')}
        </h1>
        <p className="lead">{t('onboarding_lead')}</p>
      </header>

      <WaitingOrder demoUrl={demoUrl} />

      <section className="card" id="onboarding-about" aria-labelledby="onboarding-about-h">
        <h2 id="onboarding-about-h">{t('onboarding_about_title')}</h2>
        <ol className="about">
          <li>{t('onboarding_about_1')}</li>
          <li>{t('onboarding_about_2')}</li>
          <li>{t('onboarding_about_3')}</li>
        </ol>
      </section>

      <section className="card" aria-labelledby="onboarding-privacy-h">
        <h2 id="onboarding-privacy-h">{t('onboarding_privacy_title')}</h2>
        <PrivacyPromise />
      </section>

      <section className="card" aria-labelledby="onboarding-perms-h">
        <h2 id="onboarding-perms-h">{t('onboarding_perms_title')}</h2>
        <p className="muted">{t('onboarding_perms_intro')}</p>
        <dl className="perms" data-testid="permissions">
          {ONBOARDING_PERMISSIONS.map((p) => (
            <div key={p.key} className="perm" data-permissions={p.ids.join(' ')}>
              <dt>{t(`${p.key}_title`)}</dt>
              <dd>{t(p.key)}</dd>
            </div>
          ))}
        </dl>
      </section>

      <section className="card" aria-labelledby="onboarding-reminders-h">
        <h2 id="onboarding-reminders-h">{t('onboarding_reminders_title')}</h2>
        <p>{t('onboarding_window_intro')}</p>
        <DefaultWindow />
        <p>{t('onboarding_test_intro')}</p>
        <TestNotification />
      </section>

      <footer className="page-footer">
        <button type="button" className="link" onClick={() => void browser.runtime.openOptionsPage()}>
          {t('onboarding_options')}
        </button>
        <span className="muted"> · {t('onboarding_footer')}</span>
      </footer>
    </main>
  );
}
