import type { OrderRecord } from '@/lib/db';
import { partialKeysStatus, type ListGroup } from '@/lib/order-list';
import { t } from '@/lib/i18n';
import { Icon, type IconName } from './icons';

const GROUP_ICON: Record<ListGroup, IconName> = { overdue: 'alert', running: 'clock', done: 'check' };

/**
 * The order's status in words, with an icon and a tone for its group (overdue, running, done). The words are the
 * signal; icon and colour only repeat them.
 */
export function StatusBadge({ order, group }: { order: OrderRecord; group: ListGroup }): React.JSX.Element {
  return (
    <span className={`badge badge-${group}`}>
      <Icon name={GROUP_ICON[group]} size={14} />
      {group === 'overdue' && <span className="badge-group">{t('list_group_overdue')} · </span>}
      <span data-testid="status">{t(`status_${order.status}`)}</span>
    </span>
  );
}

/**
 * A line for what the status alone would hide: keys shown while the shop still says the order is not done (处理中 in a
 * partial delivery; the clock keeps running), or an order that was already delivered when KamiGuard first saw it.
 */
export function statusNote(order: OrderRecord, firstSeenDone: boolean): string | undefined {
  const partial = partialKeysStatus(order);
  if (partial) return t('popup_partial_keys', t(`status_${partial}`));
  if (firstSeenDone) return t(order.status === 'refunded' ? 'popup_first_seen_refunded' : 'popup_first_seen_delivered');
  return undefined;
}

/** The mark of an order the buyer entered by hand: its facts are the buyer's own, not what a shop page showed. */
export function EntryTag(): React.JSX.Element {
  return (
    <span className="entry-tag" data-testid="entry-buyer" title={t('popup_entry_buyer_title')}>
      <Icon name="pen" size={12} />
      {t('popup_entry_buyer')}
    </span>
  );
}
