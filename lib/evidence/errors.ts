/** Typed errors the evidence layer throws for writes that did not happen, carrying what was not saved. */
import type { EvidenceKind } from '@/lib/db/types';
import type { Localized } from './labels';

/** What a failed write would have stored, for the message shown to the user. */
export interface UnsavedItem {
  orderId: number;
  kind: EvidenceKind;
  size: number;
  sha256: string;
  capturedAt: number;
  url: string;
  pageTitle?: string;
}

/** A write failed and was rolled back: nothing of `unsaved` is in the database. */
export class EvidenceWriteError extends Error {
  override name = 'EvidenceWriteError';
  readonly unsaved: UnsavedItem[];

  constructor(message: string, unsaved: UnsavedItem[], options?: { cause?: unknown }) {
    super(message, options);
    this.unsaved = unsaved;
  }
}

/** The browser refused the write for lack of space (quota or disk). Nothing was written. */
export class StorageFullError extends EvidenceWriteError {
  override name = 'StorageFullError';
}

/** Messages for the UI (prefix; the UI lists `unsaved` after it). */
export const WRITE_ERROR_MESSAGES: Record<'storage_full' | 'write_failed', Localized> = {
  storage_full: {
    zh_CN: '存储空间已满，以下证据未能保存（数据库未被改动）：',
    en: 'Storage is full; these items were not saved (nothing was changed):',
  },
  write_failed: {
    zh_CN: '写入失败，以下证据未能保存（数据库未被改动）：',
    en: 'The write failed; these items were not saved (nothing was changed):',
  },
};

const QUOTA_NAMES = new Set(['QuotaExceededError', 'NS_ERROR_DOM_QUOTA_REACHED', 'NS_ERROR_FILE_NO_DEVICE_SPACE']);

/**
 * True when `error` (or an error it wraps) is a quota / disk-full failure. Dexie wraps IndexedDB errors
 * (`inner`), transactions abort with the cause attached, and `cause` chains are followed too.
 */
export function isQuotaError(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 5) return false;
  const e = error as { name?: unknown; inner?: unknown; cause?: unknown; code?: unknown; failures?: unknown };
  if (typeof e.name === 'string' && QUOTA_NAMES.has(e.name)) return true;
  // Legacy DOMException code for QUOTA_EXCEEDED_ERR.
  if (e.code === 22) return true;
  if (Array.isArray(e.failures) && e.failures.some((f) => isQuotaError(f, depth + 1))) return true;
  return isQuotaError(e.inner, depth + 1) || isQuotaError(e.cause, depth + 1);
}
