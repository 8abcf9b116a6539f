import { browser } from 'wxt/browser';
import { t } from '@/lib/i18n';
import { OrderEntryForm, type EntryAdded } from './order-entry-form';

/** Where an added order opens: its page (the popup's order view, in this tab), with a note of what was stored. */
export function orderPageUrl(added: EntryAdded): string {
  return browser.runtime.getURL(`/popup.html#order=${added.orderId}`);
}

/** The add-an-order-by-hand page, opened from the popup: the form, then the new order's page in the same tab. */
export function AddOrderApp(): React.JSX.Element {
  return (
    <main className="page page-narrow">
      <header className="page-header">
        <h1>
          <img src="/icon/32.png" alt="" width={24} height={24} />
          {t('entry_page_title')}
        </h1>
        <p className="lead">{t('entry_page_intro')}</p>
      </header>
      <OrderEntryForm onAdded={(added) => location.assign(orderPageUrl(added))} />
    </main>
  );
}
