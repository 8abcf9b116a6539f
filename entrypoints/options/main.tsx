import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { OptionsApp } from '@/components/options/app';
import { t } from '@/lib/i18n';
import '@/components/styles.css';
import '@/components/options/options.css';

document.documentElement.lang = browser.i18n.getUILanguage();
document.title = t('options_title');
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <OptionsApp />
  </StrictMode>,
);
