import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { PopupApp } from '@/components/popup/app';
import '@/components/styles.css';
import '@/components/popup/popup.css';

document.documentElement.lang = browser.i18n.getUILanguage();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <PopupApp />
  </StrictMode>,
);
