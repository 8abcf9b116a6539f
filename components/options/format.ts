/** Small pure formatters the options page needs beyond lib/drafts/format.ts. */

const pad = (n: number): string => String(n).padStart(2, '0');
const UNITS = ['KB', 'MB', 'GB', 'TB'] as const;

/** Bytes in binary units, one decimal below 100: "0 B", "900 B", "1.5 KB", "23.4 MB", "120 MB". */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '—';
  if (bytes < 1024) return `${Math.round(bytes)} B`;
  let value = bytes;
  let unit = -1;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  const text = value < 100 ? value.toFixed(1).replace(/\.0$/, '') : String(Math.round(value));
  return `${text} ${UNITS[unit]}`;
}

/**
 * File name for a backup made at `at`, in the computer's local time: kamiguard-backup-YYYYMMDD-HHmm.zip. Local
 * rather than China time because the user looks for the file by the clock on their own screen.
 */
export function backupFileName(at: Date): string {
  const date = `${at.getFullYear()}${pad(at.getMonth() + 1)}${pad(at.getDate())}`;
  return `kamiguard-backup-${date}-${pad(at.getHours())}${pad(at.getMinutes())}.zip`;
}

/** A UTC offset in minutes east, as "UTC+8", "UTC-3:30", "UTC+5:45", "UTC+0". */
export function formatUtcOffset(minutesEast: number): string {
  const sign = minutesEast < 0 ? '-' : '+';
  const abs = Math.abs(Math.round(minutesEast));
  const minutes = abs % 60;
  return `UTC${sign}${Math.floor(abs / 60)}${minutes ? `:${pad(minutes)}` : ''}`;
}

/** A 0..1 rate as a whole percentage: 0.666 → "67". */
export function formatPercent(rate: number): string {
  return String(Math.round(Math.min(1, Math.max(0, rate)) * 100));
}

/** The first 128 bits of a hex key fingerprint in groups of four, for reading aloud or comparing by eye. */
export function formatKeyFingerprint(hex: string): string {
  return (
    hex
      .toLowerCase()
      .replace(/[^0-9a-f]/g, '')
      .slice(0, 32)
      .match(/.{1,4}/g) ?? []
  ).join(' ');
}
