/** The text record stored beside each automatic screenshot: the extracted fields and the order block's text. */
import type { ExtractedOrder } from '@/lib/extract/types';

export const TEXT_RECORD_MIME = 'application/json';
/** Bounds the stored page text; an order block is far smaller, a hostile page could be far larger. */
export const MAX_VISIBLE_TEXT = 20_000;

export interface TextRecordInput {
  order: ExtractedOrder;
  /** Visible text of the page (lib/content/visible-text.ts). */
  visibleText?: string;
  url: string;
  pageTitle?: string;
  capturedAt: number;
}

/**
 * Serialises a text record (pretty JSON, stable key order of the writer) to store with
 * `addEvidence({ kind: 'order_text', bytes: text, mime: TEXT_RECORD_MIME, ... })`.
 */
export function buildTextRecord(input: TextRecordInput): string {
  const record = {
    format: 'kamiguard-text-record',
    version: 1,
    capturedAt: new Date(input.capturedAt).toISOString(),
    url: input.url,
    pageTitle: input.pageTitle,
    extracted: input.order,
    visibleText: input.visibleText?.slice(0, MAX_VISIBLE_TEXT),
    visibleTextTruncated: (input.visibleText?.length ?? 0) > MAX_VISIBLE_TEXT || undefined,
  };
  return JSON.stringify(record, null, 2);
}
