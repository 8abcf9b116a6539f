import type { EventRecord } from '@/lib/db';
import { formatChinaTime } from '@/lib/time';
import { t } from '@/lib/i18n';
import { uiLocale } from '@/lib/ui-locale';

/** A line of the timeline: the event's kind in words, plus what it carries (status, step, channel). */
function describe(e: EventRecord): string {
  if (e.kind === 'first_seen' && e.detail === 'buyer') return t('event_entered_by_buyer');
  const what = t(`event_${e.kind}`);
  const extra =
    e.status !== undefined ? t(`status_${e.status}`) + (e.statusText ? ` “${e.statusText}”` : '') : (e.detail ?? '');
  return extra ? `${what}: ${extra}` : what;
}

/** The order's timeline, newest first. */
export function TimelineView({ events }: { events: EventRecord[] }): React.JSX.Element {
  const locale = uiLocale();
  return (
    <section className="timeline">
      <h3>{t('timeline_title')}</h3>
      <ol data-testid="timeline">
        {events.toReversed().map((e, i) => (
          <li key={e.id ?? i} data-kind={e.kind}>
            <span className="muted">{formatChinaTime(e.at, locale)}</span> {describe(e)}
          </li>
        ))}
      </ol>
    </section>
  );
}
