import type { OrderRecord } from '@/lib/db';
import { formatAmount } from '@/lib/drafts/format';
import { formatChinaTime } from '@/lib/time';
import { t } from '@/lib/i18n';
import { uiLocale } from '@/lib/ui-locale';

/** The order's facts as picked up from the shop's pages. Page text is rendered as text, never as markup. */
export function OrderFacts({ order }: { order: OrderRecord }): React.JSX.Element {
  const locale = uiLocale();
  const rows: [string, string | undefined][] = [
    ['facts_order_no', order.orderNo],
    ['facts_shop', order.site],
    ['facts_amount', order.amount === undefined ? undefined : formatAmount(order.amount, order.currency)],
    ['facts_quantity', order.quantity === undefined ? undefined : String(order.quantity)],
    ['facts_payment', order.paymentMethod],
    ['facts_ordered_at', order.orderedAt && formatChinaTime(order.orderedAt, locale)],
    ['facts_paid_at', order.paidAt && formatChinaTime(order.paidAt, locale)],
    ['facts_contact', order.contact],
    ['facts_delivery', order.deliveryMode && t(`delivery_${order.deliveryMode}`)],
    [
      'facts_entry',
      order.entry === 'buyer' ? t('facts_entry_buyer') : order.entry === 'page' ? t('facts_entry_page') : undefined,
    ],
  ];
  return (
    <section className="facts">
      <h3>{t('facts_title')}</h3>
      <dl>
        {rows
          .filter((r): r is [string, string] => Boolean(r[1]))
          .map(([key, value]) => (
            <div key={key} className="fact">
              <dt>{t(key)}</dt>
              <dd>{value}</dd>
            </div>
          ))}
      </dl>
      {order.cardKeys && order.cardKeys.length > 0 && (
        <>
          <h4>{t('facts_card_keys', String(order.cardKeys.length))}</h4>
          <pre className="keys" data-testid="card-keys">
            {order.cardKeys.join('\n')}
          </pre>
        </>
      )}
      <a href={order.url} target="_blank" rel="noreferrer noopener" className="link">
        {t('facts_open_page')}
      </a>
    </section>
  );
}
