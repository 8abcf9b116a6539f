import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ShopRecordApp } from '@/components/shop-record/app';
import { t } from '@/lib/i18n';
import '@/components/styles.css';
import '@/components/page.css';

document.documentElement.lang = browser.i18n.getUILanguage();
document.title = t('record_title');
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ShopRecordApp />
  </StrictMode>,
);
