import { t } from '@/lib/i18n';
import { openExtensionPage } from './header-actions';

/**
 * What a new user sees before any order was picked up: how one gets here by itself, and — for the buyer already
 * waiting on an order whose page is gone — the way to add it by hand.
 */
export function EmptyState(): React.JSX.Element {
  return (
    <section className="empty" data-testid="empty-state">
      <h2>{t('popup_empty_title')}</h2>
      <p>{t('popup_empty_body')}</p>
      <p className="empty-hand">{t('popup_empty_hand')}</p>
      <button
        type="button"
        className="primary"
        data-testid="empty-add-order"
        onClick={() => openExtensionPage('/add-order.html')}
      >
        {t('popup_add_order')}
      </button>
    </section>
  );
}
