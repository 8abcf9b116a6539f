import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { OnboardingApp } from '@/components/onboarding/app';
import { t } from '@/lib/i18n';
import '@/components/styles.css';
import '@/components/page.css';

document.documentElement.lang = browser.i18n.getUILanguage();
document.title = t('onboarding_title');
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <OnboardingApp />
  </StrictMode>,
);
