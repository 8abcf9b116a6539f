/**
 * Formatting of times, durations and amounts for drafts and the popup. Pure: no clock reads, no Intl time zones
 * (China has had no daylight saving since 1991, so a fixed +8 h offset is exact and works in every runtime).
 */
import type { DraftLocale } from './types';

const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** `Date` is only defined within ±8.64e15 ms of the epoch. */
const MAX_DATE_MS = 8.64e15;
/** Amounts at or beyond this are not prices but garbage (and `toFixed` would switch to exponent notation). */
const MAX_AMOUNT = 1e12;

/** ISO 8601 date or date-time; the time zone part is optional (shop times without a zone are China time). */
const ISO_RE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?\s*(Z|[+-]\d{2}:?\d{2})?)?$/i;

const pad = (n: number): string => String(n).padStart(2, '0');

/**
 * Parses an ISO 8601 string to epoch ms. A date-time without a zone is read as China time (+08:00), as the
 * extraction contract says. Returns undefined for anything it cannot read, including impossible dates.
 */
export function parseChinaTime(iso: string): number | undefined {
  const m = ISO_RE.exec(iso.trim());
  if (!m) return undefined;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', zone] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return undefined;
  const utc = Date.UTC(year, month - 1, day, hour, minute, second, Number(frac.slice(0, 3).padEnd(3, '0')));
  // Date.UTC rolls 2026-02-31 over to March: reject dates that do not exist.
  const check = new Date(utc);
  if (check.getUTCDate() !== day || check.getUTCMonth() !== month - 1) return undefined;
  let offsetMs = CHINA_OFFSET_MS;
  if (zone && zone.toUpperCase() !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    offsetMs = sign * (Number(digits.slice(0, 2)) * HOUR + Number(digits.slice(2, 4)) * MINUTE);
  } else if (zone) {
    offsetMs = 0;
  }
  return utc - offsetMs;
}

/** Options for {@link formatChinaTime}. */
export interface ChinaTimeOptions {
  /** Show seconds (evidence capture times, where the second helps to match a screenshot). */
  seconds?: boolean;
}

/**
 * Formats an instant as China time: `2026-11-30 14:05 (UTC+8)`; zh_CN uses full-width brackets to sit in Chinese
 * prose. A date-only ISO string stays a date (`2026-11-30`) rather than inventing a midnight. Returns undefined for
 * input that is not a valid time, so callers leave the fact out instead of printing "NaN".
 */
export function formatChinaTime(
  epochMsOrIso: number | string,
  locale: DraftLocale,
  options: ChinaTimeOptions = {},
): string | undefined {
  if (typeof epochMsOrIso === 'string') {
    const trimmed = epochMsOrIso.trim();
    if (/^\d{4}-\d{2}-\d{2}$/.test(trimmed)) return parseChinaTime(trimmed) === undefined ? undefined : trimmed;
  }
  const ms = typeof epochMsOrIso === 'number' ? epochMsOrIso : parseChinaTime(epochMsOrIso);
  if (ms === undefined || !Number.isFinite(ms) || Math.abs(ms) > MAX_DATE_MS - CHINA_OFFSET_MS) return undefined;
  const t = new Date(ms + CHINA_OFFSET_MS);
  const date = `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
  const time = `${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}${options.seconds ? `:${pad(t.getUTCSeconds())}` : ''}`;
  return locale === 'zh_CN' ? `${date} ${time}（UTC+8）` : `${date} ${time} (UTC+8)`;
}

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
