import { useLiveQuery } from 'dexie-react-hooks';
import { getDb } from '@/lib/db';
import { verifyOrderChain } from '@/lib/evidence';
import { t } from '@/lib/i18n';

/** Whether the order's timeline and evidence still form an unbroken hash chain (re-checked whenever they change). */
export function ChainStatus({ orderId }: { orderId: number }): React.JSX.Element | null {
  const result = useLiveQuery(() => verifyOrderChain(getDb(), orderId), [orderId]);
  if (!result) return null;
  return result.ok ? (
    <p className="muted" data-testid="chain-status" data-ok="true">
      {t('chain_ok', [String(result.count), result.head.slice(0, 12)])}
    </p>
  ) : (
    <p className="error" role="alert" data-testid="chain-status" data-ok="false">
      {t('chain_broken', [String(result.brokenAt + 1), result.reason])}
    </p>
  );
}
