/**
 * China time, for the whole house: reading a shop's printed time (the extractor), parsing the stored ISO strings
 * (the clock, the ladder, the drafts) and printing an instant for a buyer. Shops print times without a zone and mean
 * Beijing time; China has had no daylight saving since 1991, so a fixed +8 h offset is exact and needs no Intl time
 * zones in any runtime. Pure: no clock reads.
 */

export type TimeLocale = 'zh_CN' | 'en';

export const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** `Date` is only defined within ±8.64e15 ms of the epoch. */
const MAX_DATE_MS = 8.64e15;

const pad = (n: number): string => String(n).padStart(2, '0');
type Six = [number, number, number, number, number, number];

/**
 * A shop's printed time as ISO 8601. Zone-less times are China time (+08:00); an explicit zone is kept.
 * Accepts 2024-05-01 12:30:45, 2024/5/1 12:30, 2024.05.01, 2024年5月1日 12时30分, 2024-05-01T12:30:45Z, anywhere in
 * the text. Years outside 2000–2100 and dates or times that do not exist give undefined. The caller bounds the text
 * (the extractor passes a field it cleaned to 100 characters).
 */
export const readShopTime = (text: string | null | undefined): string | undefined => {
  const m =
    /(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s*T?\s*(\d{1,2})\s*[:：时]\s*(\d{1,2})(?:\s*[:：分]\s*(\d{1,2})(?:\.\d+)?\s*秒?)?)?\s*(Z|[+-]\d{2}:?\d{2})?/i.exec(
      text || '',
    );
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map((v) => Number(v ?? 0)) as Six;
  const local = `${y}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(s)}`;
  // Reject 2024-02-30, 25:00 and the like: Date.UTC rolls them over, so they do not print back the same.
  if (y < 2000 || y > 2100 || !new Date(Date.UTC(y, mo - 1, d, h, mi, s)).toISOString().startsWith(local))
    return undefined;
  const zone = m[7] ? (m[7].toUpperCase() === 'Z' ? 'Z' : m[7].replace(/^([+-]\d{2})(\d{2})$/, '$1:$2')) : '+08:00';
  return local + zone;
};

/** ISO 8601 date or date-time; the time zone part is optional (shop times without a zone are China time). */
const ISO_RE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?\s*(Z|[+-]\d{2}:?\d{2})?)?$/i;

/**
 * A stored ISO 8601 string as epoch ms. A date-time without a zone is read as China time (+08:00), as the
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
  locale: TimeLocale,
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
