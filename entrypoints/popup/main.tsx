import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { PopupApp } from '@/components/popup/app';
import { primeOrderClocks } from '@/components/popup/first-read';
import '@/components/styles.css';
import '@/components/popup/popup.css';

// The list's data first: its rows may already be read (popup-first-read.js); React draws the header meanwhile.
primeOrderClocks().catch(() => undefined);
document.documentElement.lang = browser.i18n.getUILanguage();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <PopupApp />
  </StrictMode>,
);
