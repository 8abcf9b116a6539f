/**
 * Storing evidence: content-addressed bytes in `blobs`, one chained row per item in `evidence`, atomically.
 */
import type { KamiGuardDb } from '@/lib/db/database';
import type { EventRecord, EvidenceKind, EvidenceRecord, TimestampFacts } from '@/lib/db/types';
import type { ChainItem } from '../db/chain';
import { appendChained, chainTables } from '../db/timeline';
import { EvidenceWriteError, StorageFullError, isQuotaError, type UnsavedItem } from './errors';
import { sha256Hex, toBytes, type ByteSource } from '../hash';
import { EVIDENCE_KINDS, EVIDENCE_SOURCES } from './labels';

export { evidenceChecklist, type ChecklistEntry } from './checklist';

/** What the caller knows about a new item. Compress images (image.ts) BEFORE calling: the hash covers these bytes. */
export interface EvidenceInput {
  orderId: number;
  kind: EvidenceKind;
  source: EvidenceRecord['source'];
  bytes: ByteSource;
  /** Defaults to the Blob's type, else 'text/plain;charset=utf-8' for strings, else 'application/octet-stream'. */
  mime?: string;
  url: string;
  pageTitle?: string;
  /** Epoch ms. */
  capturedAt: number;
  note?: string;
  /** What a verified timestamp token says (kind 'timestamp'). */
  timestamp?: TimestampFacts;
}

export interface AddEvidenceOptions {
  /** Also append an `evidence_added` event (detail `"<kind>:<sha256>"`) to the timeline, in the same transaction. */
  timelineEvent?: boolean;
  /** Epoch ms for that event; defaults to Date.now(). */
  now?: number;
}

export interface AddEvidenceResult {
  /** The stored row (or the existing one when `duplicate`). */
  evidence: EvidenceRecord;
  /** The same bytes were already stored for this order under this kind; nothing was written. */
  duplicate: boolean;
  /** The bytes were new to the blob store (false when another item already had identical bytes). */
  blobStored: boolean;
}

function defaultMime(source: ByteSource): string {
  if (typeof source === 'string') return 'text/plain;charset=utf-8';
  if (source instanceof Blob && source.type) return source.type;
  return 'application/octet-stream';
}

function checkInput(input: EvidenceInput): void {
  if (!Number.isInteger(input.orderId) || input.orderId <= 0) throw new TypeError('addEvidence: bad orderId');
  if (!(EVIDENCE_KINDS as readonly string[]).includes(input.kind)) throw new TypeError('addEvidence: bad kind');
  if (!(EVIDENCE_SOURCES as readonly string[]).includes(input.source)) throw new TypeError('addEvidence: bad source');
  if (!Number.isFinite(input.capturedAt)) throw new TypeError('addEvidence: bad capturedAt');
  if (typeof input.url !== 'string') throw new TypeError('addEvidence: bad url');
}

/**
 * Stores one evidence item: hashes the bytes as given (SHA-256 of the stored bytes), stores them once in `blobs`
 * (identical bytes are shared), and appends the evidence row to the order's chain, all in one transaction.
 * If the same bytes are already stored for this order under the same kind, returns that row (`duplicate: true`).
 * On failure nothing is written and an `EvidenceWriteError` (a `StorageFullError` for quota/disk) is thrown.
 */
export async function addEvidence(
  db: KamiGuardDb,
  input: EvidenceInput,
  options: AddEvidenceOptions = {},
): Promise<AddEvidenceResult> {
  checkInput(input);
  // Read and hash before the transaction: awaiting non-IndexedDB work inside it would let it commit early.
  const bytes = await toBytes(input.bytes);
  const sha256 = await sha256Hex(bytes);
  const mime = input.mime ?? defaultMime(input.bytes);
  const data = new Blob([bytes as Uint8Array<ArrayBuffer>], { type: mime });
  const record: EvidenceRecord = {
    orderId: input.orderId,
    kind: input.kind,
    source: input.source,
    sha256,
    mime,
    size: bytes.length,
    capturedAt: input.capturedAt,
    url: input.url,
    blobId: sha256,
    ...(input.pageTitle !== undefined ? { pageTitle: input.pageTitle } : {}),
    ...(input.note !== undefined ? { note: input.note } : {}),
    ...(input.timestamp !== undefined ? { timestamp: input.timestamp } : {}),
  };
  const unsaved: UnsavedItem = {
    orderId: input.orderId,
    kind: input.kind,
    size: bytes.length,
    sha256,
    capturedAt: input.capturedAt,
    url: input.url,
    ...(input.pageTitle !== undefined ? { pageTitle: input.pageTitle } : {}),
  };

  try {
    return await db.transaction('rw', [...chainTables(db), db.blobs], async () => {
      const existing = await db.evidence
        .where('sha256')
        .equals(sha256)
        .filter((e) => e.orderId === input.orderId && e.kind === input.kind)
        .first();
      if (existing) return { evidence: existing, duplicate: true, blobStored: false };

      const blobStored = (await db.blobs.where('sha256').equals(sha256).count()) === 0;
      if (blobStored) await db.blobs.add({ sha256, data });
      const items: ChainItem[] = [{ type: 'evidence', record }];
      if (options.timelineEvent) {
        const event: EventRecord = {
          orderId: input.orderId,
          kind: 'evidence_added',
          at: options.now ?? Date.now(),
          url: input.url,
          detail: `${input.kind}:${sha256}`,
        };
        items.push({ type: 'event', record: event });
      }
      await appendChained(db, input.orderId, items);
      return { evidence: record, duplicate: false, blobStored };
    });
  } catch (error) {
    if (isQuotaError(error)) {
      throw new StorageFullError('Storage is full: the evidence item was not saved', [unsaved], { cause: error });
    }
    const detail = error instanceof Error ? error.message : String(error);
    throw new EvidenceWriteError(`The evidence item was not saved: ${detail}`, [unsaved], { cause: error });
  }
}

/** The stored bytes of a blob, or undefined when absent. */
export async function getBlobBytes(db: KamiGuardDb, sha256: string): Promise<Uint8Array | undefined> {
  const row = await db.blobs.get(sha256);
  return row ? blobDataToBytes(row.data) : undefined;
}

/** Reads a `BlobRecord.data` value (a Blob in browsers; tolerates raw bytes). */
export async function blobDataToBytes(data: unknown): Promise<Uint8Array> {
  if (data instanceof Blob || data instanceof Uint8Array || data instanceof ArrayBuffer) return toBytes(data);
  throw new TypeError('blob data is not a Blob');
}

/** Storage used, by table, for the options page. */
export interface StorageUsage {
  /** Approximate bytes: rows as UTF-8 JSON; blobs by their stored size. */
  bytes: { orders: number; events: number; evidence: number; blobs: number; kv: number };
  counts: { orders: number; events: number; evidence: number; blobs: number; kv: number };
  total: number;
  /** `navigator.storage.estimate()` when available (whole extension origin, includes overhead). */
  browserEstimate?: { usage?: number; quota?: number };
}

const encoder = new TextEncoder();

function rowBytes(row: unknown): number {
  try {
    return encoder.encode(JSON.stringify(row) ?? '').length;
  } catch {
    return 0;
  }
}

/** Sums stored sizes per table (one pass over each table, in a read transaction). */
export async function storageUsage(db: KamiGuardDb): Promise<StorageUsage> {
  const tables = ['orders', 'events', 'evidence', 'kv'] as const;
  const usage = await db.transaction('r', [db.orders, db.events, db.evidence, db.kv, db.blobs], async () => {
    const bytes = { orders: 0, events: 0, evidence: 0, blobs: 0, kv: 0 };
    const counts = { orders: 0, events: 0, evidence: 0, blobs: 0, kv: 0 };
    for (const name of tables) {
      await (db[name] as KamiGuardDb['kv']).each((row) => {
        bytes[name] += rowBytes(row);
        counts[name]++;
      });
    }
    await db.blobs.each((row) => {
      const data = row.data as unknown;
      bytes.blobs += data instanceof Blob ? data.size : data instanceof Uint8Array ? data.byteLength : 0;
      counts.blobs++;
    });
    return { bytes, counts };
  });
  const total = Object.values(usage.bytes).reduce((a, b) => a + b, 0);
  const result: StorageUsage = { ...usage, total };
  if (typeof navigator !== 'undefined' && navigator.storage?.estimate) {
    try {
      const estimate = await navigator.storage.estimate();
      result.browserEstimate = { usage: estimate.usage, quota: estimate.quota };
    } catch {
      // The estimate is optional information.
    }
  }
  return result;
}
