import type { ClockState } from '@/lib/escalation';

/** How full the clock's bar is drawn, 0..1: the waited share of the promised window (full once past it). */
export function barFraction(clock: Pick<ClockState, 'started' | 'elapsedMs' | 'windowMs'>): number {
  if (!clock.started) return 0;
  if (!(clock.windowMs > 0)) return 1;
  const f = clock.elapsedMs / clock.windowMs;
  return Number.isFinite(f) ? Math.min(1, Math.max(0, f)) : 0;
}

/** The bar's tone: past the window, past half of it, or fine; a stopped clock is neutral. */
export function barTone(
  clock: Pick<ClockState, 'running' | 'overdue' | 'late' | 'progress'>,
): 'bad' | 'warn' | 'ok' | 'idle' {
  if (clock.overdue) return 'bad';
  if (!clock.running) return clock.late ? 'warn' : 'idle';
  return clock.progress > 0.5 ? 'warn' : 'ok';
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * A duration as a person says it at a glance: "40 分钟", "5 小时", "3 天" (whole units, rounded down; hours up to
 * two days, so "承诺 24 小时" reads as promised). For the bar's label, where "5小时12分钟" is more than the eye needs.
 */
export function coarseSpan(ms: number, locale: 'zh_CN' | 'en'): string {
  const zh = locale === 'zh_CN';
  const safe = Number.isFinite(ms) && ms > 0 ? ms : 0;
  if (safe < HOUR) {
    const m = Math.max(1, Math.floor(safe / MINUTE));
    return zh ? `${m} 分钟` : `${m} min`;
  }
  if (safe < 2 * DAY) {
    const h = Math.floor(safe / HOUR);
    return zh ? `${h} 小时` : `${h} h`;
  }
  const d = Math.floor(safe / DAY);
  return zh ? `${d} 天` : `${d} ${d === 1 ? 'day' : 'days'}`;
}
