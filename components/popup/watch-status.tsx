import { useLiveQuery } from 'dexie-react-hooks';
import { getDb, type OrderRecord } from '@/lib/db';
import type { WatchCheck } from '@/lib/db/types';
import { formatChinaTime } from '@/lib/time';
import { t } from '@/lib/i18n';
import type { OrderClock } from '@/lib/reminders/clocks';
import { uiLocale } from '@/lib/ui-locale';
import { loadWatchContext, planOf } from '@/lib/watch/store';
import { act } from '../act';

/** A time as the line needs it: the hour alone today (China time, as every time in the popup), else the date too. */
function when(ms: number, now: number): string {
  const locale = uiLocale();
  const full = formatChinaTime(ms, locale) ?? '';
  const day = (at: number): string => (formatChinaTime(at, locale) ?? '').slice(0, 10);
  return day(ms) === day(now) ? full.slice(11, 16) : full;
}

/** The last check in words ("上次检查 14:05：页面需要登录 …"). */
function lastCheckText(check: WatchCheck, now: number): string {
  return t(`watch_last_${check.result}`, [when(check.at, now), String(check.httpStatus ?? '')]);
}

/**
 * Whether the order's page is checked in the background, and how the last check went: a login page, a captcha or a
 * server error is shown here, never as the order's status. Nothing for an order that is not waiting.
 */
export function WatchStatus({ item, now }: { item: OrderClock; now: number }): React.JSX.Element | null {
  const data = useLiveQuery(async () => {
    const db = getDb();
    const [row, ctx] = await Promise.all([db.watch.get(item.order.id), loadWatchContext(db)]);
    return { row, ctx };
  }, [item.order.id]);
  if (!data) return null;
  const plan = planOf(item, data.row, data.ctx, now);
  if (!plan.watch && plan.reason === 'ended') return null;
  const last = data.row?.checks?.at(-1);
  const lines: string[] = [];
  if (plan.watch) {
    if (last) lines.push(lastCheckText(last, now));
    if (data.row?.nextAt !== undefined) lines.push(t('watch_next', when(data.row.nextAt, now)));
  } else {
    if (plan.reason === 'gone' && last) lines.push(lastCheckText(last, now));
    lines.push(t(`watch_stopped_${plan.reason}`));
  }
  if (!lines.length) return null;
  return (
    <p
      className="watch-status muted"
      data-testid="watch-status"
      data-state={plan.watch ? (last?.result ?? 'pending') : plan.reason}
    >
      {lines.join(' · ')}
    </p>
  );
}

/** The order's own switch for background checks (in its settings). */
export function WatchToggle({ order }: { order: OrderRecord & { id: number } }): React.JSX.Element {
  return (
    <label className="row">
      <input
        type="checkbox"
        data-testid="watch-toggle"
        checked={!order.watchOff}
        onChange={(e) => void act(order.id, { type: 'set_watch', on: e.currentTarget.checked })}
      />{' '}
      {t('watch_toggle')}
    </label>
  );
}
