import { getDb, type EvidenceKind, type OrderRecord } from '@/lib/db';
import { addEvidence, compressImage } from '@/lib/evidence';
import { unsavedFilesText, writeErrorMessage } from '@/lib/background/write-errors';
import { t } from '@/lib/i18n';

/** Largest file taken: a phone screenshot is a few MB; anything far bigger is not a receipt or a chat. */
export const MAX_FILE_BYTES = 25 * 1024 * 1024;

/** What an import did: files stored, and files whose stored bytes were already evidence of this kind. */
export interface ImportResult {
  stored: number;
  duplicates: number;
}

/**
 * Stores files the user dropped or picked (payment receipts and chats are often screenshots taken on a phone) as
 * imported evidence of the order. PNGs are compressed like captures; other files are stored as they are. Throws with
 * a clear message on a file too large (after storing the others) or a failed write (naming the files not stored).
 */
export async function importEvidenceFiles(
  order: OrderRecord & { id: number },
  kind: EvidenceKind,
  files: File[],
): Promise<ImportResult> {
  let stored = 0;
  let duplicates = 0;
  const refused: string[] = [];
  for (const file of files) {
    if (file.size > MAX_FILE_BYTES) {
      refused.push(file.name);
      continue;
    }
    const image =
      file.type === 'image/png'
        ? await compressImage(file)
        : { blob: file, mime: file.type || 'application/octet-stream' };
    let r: Awaited<ReturnType<typeof addEvidence>>;
    try {
      r = await addEvidence(
        getDb(),
        {
          orderId: order.id,
          kind,
          source: 'imported',
          bytes: image.blob,
          mime: image.mime,
          url: order.url,
          capturedAt: Date.now(),
          note: file.name.slice(0, 200),
        },
        { timelineEvent: true },
      );
    } catch (error) {
      // Each file is one write: the files before this one are stored, this one and the rest are not.
      const unsaved = files.slice(files.indexOf(file)).map((f) => f.name);
      const message = writeErrorMessage(error, unsavedFilesText(unsaved, order.orderNo, kind));
      throw new Error(stored ? t('evidence_import_partly', [String(stored), message]) : message, { cause: error });
    }
    if (r.duplicate) duplicates++;
    else stored++;
  }
  if (refused.length) throw new Error(t('evidence_too_large', [String(stored), refused.join(', ')]));
  return { stored, duplicates };
}
