import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { PopupApp } from '@/components/popup/app';
import { primeOrderClocks } from '@/components/use-orders';
import '@/components/styles.css';
import '@/components/popup/popup.css';

// The list's data first: the database reads while React renders the header.
primeOrderClocks().catch(() => undefined);
document.documentElement.lang = browser.i18n.getUILanguage();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <PopupApp />
  </StrictMode>,
);
