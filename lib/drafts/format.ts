/**
 * Formatting of durations and amounts for drafts and the popup. Pure: no clock reads. Points in time (China time)
 * are lib/time.ts's.
 */
import type { DraftLocale } from './types';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Amounts at or beyond this are not prices but garbage (and `toFixed` would switch to exponent notation). */
const MAX_AMOUNT = 1e12;

/**
 * Elapsed time in words, to the minute: zh "45分钟", "2小时15分钟", "3天2小时"; en "45 min", "2 h 15 min",
 * "3 days 2 h". Once it runs to days the minutes are dropped: nobody counts minutes after a day. Returns undefined
 * for negative or non-finite input (a clock skew must not print "-3 min").
 */
export function formatElapsed(ms: number, locale: DraftLocale): string | undefined {
  if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) return undefined;
  const zh = locale === 'zh_CN';
  if (ms < MINUTE) return zh ? '不到1分钟' : 'under 1 min';
  const days = Math.floor(ms / DAY);
  const hours = Math.floor((ms % DAY) / HOUR);
  const minutes = Math.floor((ms % HOUR) / MINUTE);
  if (days > 0) {
    if (zh) return `${days}天${hours ? `${hours}小时` : ''}`;
    return `${days} ${days === 1 ? 'day' : 'days'}${hours ? ` ${hours} h` : ''}`;
  }
  if (hours > 0) {
    if (zh) return `${hours}小时${minutes ? `${minutes}分钟` : ''}`;
    return `${hours} h${minutes ? ` ${minutes} min` : ''}`;
  }
  return zh ? `${minutes}分钟` : `${minutes} min`;
}

/** Currencies written with the yuan sign. A missing currency is yuan too: 发卡 shops price in yuan by default. */
const YUAN = new Set(['CNY', 'RMB', 'CNH']);

/**
 * Formats an amount in major units: `¥29.90` for yuan, `29.90 USDT` for any other currency code. Crypto amounts keep
 * up to 6 decimals (0.123456 USDT must not turn into 0.12). Returns undefined for negative, non-finite or absurd
 * amounts; a currency that is not a plausible code is left out rather than printed.
 */
export function formatAmount(amount: number, currency?: string): string | undefined {
  if (typeof amount !== 'number' || !Number.isFinite(amount) || amount < 0 || amount >= MAX_AMOUNT) return undefined;
  const cur = typeof currency === 'string' ? currency.trim().toUpperCase() : undefined;
  const yuan = !cur || YUAN.has(cur);
  let number = amount.toFixed(2);
  if (!yuan && Number(number) !== amount) {
    const [int, dec = ''] = amount.toFixed(6).replace(/0+$/, '').split('.');
    number = `${int}.${dec.padEnd(2, '0')}`;
  }
  if (yuan) return `¥${number}`;
  if (!/^[A-Z][A-Z0-9-]{1,11}$/.test(cur)) return number;
  return `${number} ${cur}`;
}
