import { t } from '@/lib/i18n';

/** What a new user sees before any order was picked up: what to do to get one. */
export function EmptyState(): React.JSX.Element {
  return (
    <section className="empty" data-testid="empty-state">
      <h2>{t('popup_empty_title')}</h2>
      <p>{t('popup_empty_body')}</p>
    </section>
  );
}
