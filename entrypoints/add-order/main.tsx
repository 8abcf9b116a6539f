import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { AddOrderApp } from '@/components/order-entry/add-order-app';
import { t } from '@/lib/i18n';
import '@/components/styles.css';
import '@/components/page.css';

document.documentElement.lang = browser.i18n.getUILanguage();
document.title = t('entry_page_title');
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <AddOrderApp />
  </StrictMode>,
);
