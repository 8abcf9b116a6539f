import { timeScale } from '@/lib/chart/time-scale';
import { formatElapsed } from '@/lib/drafts/format';
import type { ShopRecord } from '@/lib/escalation/shop-record';
import { t } from '@/lib/i18n';
import { uiLocale } from '@/lib/ui-locale';
import { coarseSpan } from '@/lib/order-list';

/** Shops drawn at most: past a dozen rows the chart stops being read; the table has them all. */
const MAX_ROWS = 12;
const WIDTH = 960;
const LABEL = 170;
const RIGHT = 44;
const ROW = 34;
const TOP = 12;
const AXIS = 28;

/**
 * Delivery times per shop, as dots on a logarithmic time axis (one dot per delivery; late ones marked by shape as
 * well as colour), the median as a bar and the shop's promised window as a dashed line. Plain SVG. The figures are
 * in the table beside it, and each row carries them as text for screen readers.
 */
export function DeliveryChart({
  records,
  windowOf,
}: {
  records: readonly ShopRecord[];
  /** The promised window of a shop, in minutes. */
  windowOf: (site: string) => number;
}): React.JSX.Element | null {
  const locale = uiLocale();
  const shown = records.filter((r) => r.deliveries.length > 0).slice(0, MAX_ROWS);
  if (shown.length === 0) return null;
  const scale = timeScale(
    shown.flatMap((r) => [...r.deliveries.map((d) => d.ms), windowOf(r.site) * 60_000]),
    LABEL,
    WIDTH - RIGHT,
  );
  const height = TOP + shown.length * ROW + AXIS;
  const span = (ms: number | undefined): string => (ms === undefined ? '' : (formatElapsed(ms, locale) ?? ''));
  return (
    <figure className="chart" data-testid="delivery-chart">
      <svg
        viewBox={`0 0 ${WIDTH} ${height}`}
        width="100%"
        role="group"
        aria-labelledby="chart-caption"
        className="chart-svg"
      >
        {scale.ticks.map((tick) => (
          <g key={tick} className="chart-tick">
            <line x1={scale.x(tick)} x2={scale.x(tick)} y1={TOP - 4} y2={height - AXIS + 4} />
            <text x={scale.x(tick)} y={height - 8} textAnchor="middle">
              {coarseSpan(tick, locale)}
            </text>
          </g>
        ))}
        {shown.map((r, i) => {
          const y = TOP + i * ROW + ROW / 2;
          const late = r.deliveries.filter((d) => d.late).length;
          const summary = t('record_chart_row', [
            r.site,
            String(r.deliveries.length),
            span(r.medianDeliveryMs),
            span(r.maxDeliveryMs),
            String(late),
          ]);
          const windowX = scale.x(windowOf(r.site) * 60_000);
          return (
            <g key={r.site} role="img" aria-label={summary} data-site={r.site}>
              <title>{summary}</title>
              <text x={LABEL - 10} y={y + 4} textAnchor="end" className="chart-label">
                {r.site.length > 22 ? `${r.site.slice(0, 21)}…` : r.site}
              </text>
              <line className="chart-row" x1={LABEL} x2={WIDTH - RIGHT} y1={y} y2={y} />
              <line className="chart-window" x1={windowX} x2={windowX} y1={y - 11} y2={y + 11} />
              {r.deliveries.map((d, j) =>
                d.late ? (
                  <rect
                    key={j}
                    className="chart-dot late"
                    x={scale.x(d.ms) - 4}
                    y={y - 4}
                    width={8}
                    height={8}
                    transform={`rotate(45 ${scale.x(d.ms)} ${y})`}
                  />
                ) : (
                  <circle key={j} className="chart-dot" cx={scale.x(d.ms)} cy={y} r={4} />
                ),
              )}
              {r.medianDeliveryMs !== undefined && (
                <line
                  className="chart-median"
                  x1={scale.x(r.medianDeliveryMs)}
                  x2={scale.x(r.medianDeliveryMs)}
                  y1={y - 9}
                  y2={y + 9}
                />
              )}
            </g>
          );
        })}
      </svg>
      <figcaption id="chart-caption">
        {t('record_chart_caption')}{' '}
        <span className="legend">
          <span className="legend-dot" aria-hidden="true" /> {t('record_legend_on_time')}
          <span className="legend-dot late" aria-hidden="true" /> {t('record_legend_late')}
          <span className="legend-median" aria-hidden="true" /> {t('record_legend_median')}
          <span className="legend-window" aria-hidden="true" /> {t('record_legend_window')}
        </span>
      </figcaption>
    </figure>
  );
}
