import { useVirtualizer } from '@tanstack/react-virtual';
import { useDeferredValue, useMemo, useRef, useState } from 'react';
import { t } from '@/lib/i18n';
import { buildList, type ListFilter } from '@/lib/order-list';
import type { OrderClock } from '@/lib/reminders/clocks';
import { Icon } from './icons';
import { OrderRow } from './order-row';

const FILTERS: ListFilter[] = ['open', 'ended', 'all'];

/**
 * The orders: overdue first, then running, then done, with a filter (进行中 / 已结束 / 全部) and a search over order
 * number, product and shop. Windowed: only the cards in view (and a few either side) are in the DOM, so a thousand
 * orders cost what ten do.
 */
export function OrderList({
  clocks,
  onOpen,
}: {
  clocks: OrderClock[];
  onOpen: (id: number) => void;
}): React.JSX.Element {
  const [filter, setFilter] = useState<ListFilter>('all');
  const [query, setQuery] = useState('');
  const deferredQuery = useDeferredValue(query);
  const { entries, counts, shown } = useMemo(
    () => buildList(clocks, filter, deferredQuery),
    [clocks, filter, deferredQuery],
  );
  const scroller = useRef<HTMLDivElement>(null);
  // The virtualizer's returned functions change between renders; nothing here memoizes them (no React Compiler).
  // oxlint-disable-next-line react/incompatible-library
  const virtualizer = useVirtualizer({
    count: entries.length,
    getScrollElement: () => scroller.current,
    estimateSize: (i) => (entries[i]?.type === 'heading' ? 34 : 156),
    getItemKey: (i) => {
      const e = entries[i]!;
      return e.type === 'heading' ? `h-${e.group}` : e.item.order.id;
    },
    overscan: 3,
    // The popup's list box before it is measured, so the first render already holds the first cards.
    initialRect: { width: 380, height: 520 },
  });
  const count = (f: ListFilter): number =>
    f === 'open' ? counts.overdue + counts.running : f === 'ended' ? counts.done : clocks.length;

  return (
    <section className="list" aria-label={t('popup_title')}>
      <div className="list-tools">
        <div className="filters" role="group" aria-label={t('list_filter_label')}>
          {FILTERS.map((f) => (
            <button
              key={f}
              type="button"
              className="filter"
              aria-pressed={filter === f}
              data-testid={`filter-${f}`}
              onClick={() => setFilter(f)}
            >
              {t(`list_filter_${f}`)} <span className="filter-count">{count(f)}</span>
            </button>
          ))}
        </div>
        <label className="search">
          <Icon name="search" size={16} />
          <input
            type="search"
            value={query}
            data-testid="search"
            placeholder={t('list_search_placeholder')}
            aria-label={t('list_search_placeholder')}
            onChange={(e) => setQuery(e.target.value)}
          />
        </label>
        {(query || filter !== 'all') && (
          <p className="list-shown muted" data-testid="list-shown" aria-live="polite">
            {t('list_shown', [String(shown), String(clocks.length)])}
          </p>
        )}
      </div>
      <div className="list-scroll" ref={scroller} data-testid="order-list">
        {entries.length === 0 ? (
          <p className="no-match" data-testid="no-match">
            {t('list_no_match')}
          </p>
        ) : (
          <div className="list-inner" style={{ height: virtualizer.getTotalSize() }}>
            {virtualizer.getVirtualItems().map((v) => {
              const entry = entries[v.index]!;
              return (
                <div
                  key={v.key}
                  data-index={v.index}
                  ref={virtualizer.measureElement}
                  className="list-item"
                  style={{ transform: `translateY(${v.start}px)` }}
                >
                  {entry.type === 'heading' ? (
                    <h2 className={`group-heading group-${entry.group}`} data-testid="group-heading">
                      {t(`list_group_${entry.group}`)} <span className="filter-count">{entry.count}</span>
                    </h2>
                  ) : (
                    <OrderRow item={entry.item} group={entry.group} onOpen={onOpen} />
                  )}
                </div>
              );
            })}
          </div>
        )}
      </div>
    </section>
  );
}
