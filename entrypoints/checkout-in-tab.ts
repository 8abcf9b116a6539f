import { runCheckoutInTab } from '@/lib/content/checkout';

// The checkout check with its buy-form finder, for the rare buy page a snapshot cannot carry (too large, or a tree
// markup cannot rebuild): it finds the form in the tab, as the extractor reads such a page's orders in the tab. Every
// other buy page's form is found in the background (entrypoints/checkout.ts).
export default defineUnlistedScript(() => {
  runCheckoutInTab();
});
