import { runCheckoutPanel } from '@/lib/content/checkout';

// The checkout panel (issue 14). Injected by the background (scripting.executeScript) once it found a buy form in the
// page's snapshot (lib/background/checkout-pages.ts), which then tells it, after each reading, where the form is and
// what to show; in the page it only places the panel and checks what the buyer types. An unlisted script rather than a
// WXT content script: the content-script wrapper brings webextension-polyfill along.
export default defineUnlistedScript(() => {
  runCheckoutPanel();
});
