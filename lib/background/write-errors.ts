/**
 * A write that did not happen is told to the user, naming what was not saved: a screenshot of which order, files,
 * an order seen on a page. The database was left as it was (every write is one transaction), and the sentence says
 * so. On a full disk a note in the database would fail too, so the background keeps the notice in `storage.session`
 * (memory; it outlives the worker, not the browser) and shows a notification; the popup shows the notices.
 */
import { browser } from 'wxt/browser';
import type { KamiGuardDb } from '@/lib/db/database';
import type { EvidenceKind } from '@/lib/db/types';
import { formatChinaTime } from '@/lib/time';
import { EvidenceWriteError, isQuotaError, StorageFullError, type UnsavedItem } from '@/lib/evidence/errors';
import { EVIDENCE_KIND_LABELS } from '@/lib/evidence/labels';
import { t } from '@/lib/i18n';
import { uiLocale } from '@/lib/ui-locale';

/** `storage.session` key of the notices the popup shows. */
export const WRITE_ERRORS_KEY = 'writeErrors';
/** One notification, replaced by the next: a full disk must not stack up a notification per capture. */
const NOTIFICATION_ID = 'kamiguard-write-error';
const MAX_NOTICES = 5;

/** A write the user is told about. */
export interface WriteErrorNotice {
  at: number;
  message: string;
}

/** The sentence for a failed write: storage full or another failure, what was not saved, and that nothing changed. */
export function writeErrorMessage(error: unknown, what: string): string {
  const full = error instanceof StorageFullError || isQuotaError(error);
  return t(full ? 'write_error_full' : 'write_error_failed', what);
}

/** "订单 X 的订单页面截图（2026-05-01 12:30:45（UTC+8））" for each item not saved. */
export function unsavedEvidenceText(items: readonly UnsavedItem[], orderNo: string): string {
  const locale = uiLocale();
  return items
    .map((item) =>
      t('write_error_evidence', [
        orderNo,
        EVIDENCE_KIND_LABELS[item.kind][locale],
        formatChinaTime(item.capturedAt, locale, { seconds: true }) ?? '',
      ]),
    )
    .join(t('write_error_separator'));
}

/** The sentence for evidence that could not be stored, with its order's number read from the database. */
export async function evidenceWriteErrorMessage(db: KamiGuardDb, error: EvidenceWriteError): Promise<string> {
  const orderId = error.unsaved[0]?.orderId;
  const order = orderId === undefined ? undefined : await db.orders.get(orderId).catch(() => undefined);
  return writeErrorMessage(error, unsavedEvidenceText(error.unsaved, order?.orderNo ?? String(orderId ?? '')));
}

/** Files the user imported that were not saved, and the order and kind they were for. */
export function unsavedFilesText(names: readonly string[], orderNo: string, kind: EvidenceKind): string {
  return t('write_error_files', [
    names.join(t('write_error_separator')),
    orderNo,
    EVIDENCE_KIND_LABELS[kind][uiLocale()],
  ]);
}

/** Orders read from a page that could not be stored. */
export function unsavedOrdersText(orderNos: readonly string[], site: string): string {
  return t('write_error_orders', [orderNos.join(t('write_error_separator')), site]);
}

/** Keeps the notice for the popup and shows it as a notification at once (the popup may be closed). */
export async function reportWriteError(message: string, now: number): Promise<void> {
  try {
    const stored = (await browser.storage.session.get(WRITE_ERRORS_KEY))[WRITE_ERRORS_KEY];
    const notices = Array.isArray(stored) ? (stored as WriteErrorNotice[]) : [];
    await browser.storage.session.set({ [WRITE_ERRORS_KEY]: [...notices, { at: now, message }].slice(-MAX_NOTICES) });
  } catch (err) {
    console.warn('[kamiguard] could not keep the write-error notice', err);
  }
  await browser.notifications
    .create(NOTIFICATION_ID, {
      type: 'basic',
      iconUrl: browser.runtime.getURL('/icon/128.png'),
      title: t('extName'),
      message,
    })
    .catch((err: unknown) => console.warn('[kamiguard] could not show the write-error notification', err));
}
