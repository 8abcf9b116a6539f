/**
 * Backup and restore of the whole database as one ZIP:
 *   backup.json          orders, events, evidence, chain anchors, settings (kv), blob list, shops
 *   backup.json.sha256   SHA-256 of backup.json (ZIP readers do not reliably check CRCs)
 *   blobs/<sha256>       each stored evidence file, once
 * Import validates the WHOLE archive before writing anything, then merges in one transaction.
 */
import { unzipSync, zipSync, type Zippable } from 'fflate';
import * as v from 'valibot';
import type { KamiGuardDb } from '@/lib/db/database';
import type { BlobRecord, EventRecord, EvidenceRecord, KvRecord, OrderRecord, ShopRecord } from '@/lib/db/types';
import { mergeShopRecords } from '@/lib/db/shops';
import { orderChainItems, genesisHash, type ChainAnchor, type ChainItem } from '../db/chain';
import { CACHE_KV_PREFIX } from '../db/cache-keys';
import { EVIDENCE_KV_PREFIX, anchorKey, loadChainItems, readAnchor } from '../db/timeline';
import { isQuotaError } from '../evidence/errors';
import { sha256Hex, toBytes } from '../hash';
import type { Localized } from '../evidence/labels';
import { mergeOrderRecords, planChainMerge } from './merge';
import { BACKUP_FORMAT, BACKUP_VERSION, BackupSchema, type BackupData } from './schema';
import { blobDataToBytes } from '../evidence/store';

export { BACKUP_FORMAT, BACKUP_VERSION };

const DATA_FILE = 'backup.json';
const CHECKSUM_FILE = 'backup.json.sha256';
const BLOB_PATH = /^blobs\/([0-9a-f]{64})$/;
/** Refuse absurd entries before inflating them (a ZIP can claim any size). */
const MAX_ENTRY_BYTES = 512 * 1024 * 1024;
const MAX_TOTAL_BYTES = 4 * 1024 * 1024 * 1024;

/** Why an import was refused. The database is unchanged in every case. */
export type BackupErrorCode =
  | 'not_a_zip'
  | 'damaged'
  | 'foreign_file'
  | 'newer_version'
  | 'unsupported_version'
  | 'invalid_data'
  | 'missing_blob'
  | 'blob_mismatch'
  | 'too_large'
  | 'storage_full'
  | 'write_failed';

/** User-facing reasons, per locale. */
export const BACKUP_ERROR_MESSAGES: Record<BackupErrorCode, Localized> = {
  not_a_zip: {
    zh_CN: '这不是卡密守护的备份文件（不是 ZIP 文件）。',
    en: 'This is not a KamiGuard backup (not a ZIP file).',
  },
  damaged: { zh_CN: '备份文件已损坏或不完整。', en: 'The backup file is damaged or incomplete.' },
  foreign_file: { zh_CN: '这不是卡密守护的备份文件。', en: 'This is not a KamiGuard backup file.' },
  newer_version: {
    zh_CN: '这个备份由更新版本的卡密守护制作，当前版本读不了。请先把扩展更新到最新版本，再导入。',
    en: 'This backup was made by a newer version of KamiGuard, which this version cannot read. Update the extension, then import it.',
  },
  unsupported_version: {
    zh_CN: '备份文件的格式版本无法识别，未导入任何内容。',
    en: 'The backup file has a format version this extension does not know; nothing was imported.',
  },
  invalid_data: { zh_CN: '备份文件中的数据不正确。', en: 'The data in the backup file is not valid.' },
  missing_blob: { zh_CN: '备份文件缺少证据文件。', en: 'The backup file lacks evidence files.' },
  blob_mismatch: {
    zh_CN: '备份中的证据文件与其哈希不符（文件被改动或已损坏）。',
    en: 'An evidence file in the backup does not match its hash (altered or damaged).',
  },
  too_large: { zh_CN: '备份文件过大，无法导入。', en: 'The backup file is too large to import.' },
  storage_full: { zh_CN: '存储空间不足，未导入任何内容。', en: 'Not enough storage; nothing was imported.' },
  write_failed: { zh_CN: '写入失败，未导入任何内容。', en: 'The write failed; nothing was imported.' },
};

/** A refused or failed import/export. `code` selects the user-facing message; `detail` is for logs. */
export class BackupError extends Error {
  override name = 'BackupError';
  constructor(
    readonly code: BackupErrorCode,
    readonly detail?: string,
    options?: { cause?: unknown },
  ) {
    super(`${BACKUP_ERROR_MESSAGES[code].en}${detail ? ` (${detail})` : ''}`, options);
  }

  /** The message to show, in the UI locale. */
  userMessage(locale: keyof Localized = 'zh_CN'): string {
    return BACKUP_ERROR_MESSAGES[this.code][locale];
  }
}

function isJsonValue(value: unknown, depth = 0): boolean {
  if (depth > 32) return false;
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every((item) => isJsonValue(item, depth + 1));
  if (typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) return false;
  return Object.values(value).every((item) => item === undefined || isJsonValue(item, depth + 1));
}

const encoder = new TextEncoder();

/** The tables a backup holds (the `watch` schedule is derived from the orders and rebuilt, so it is not one). */
const BACKUP_TABLES = (db: KamiGuardDb) => [db.orders, db.events, db.evidence, db.blobs, db.kv, db.shops];

/** Contents of backup.json as written (see backup-schema.ts). */
export interface BackupFile extends BackupData {
  /** kv keys left out because their values are not plain JSON (e.g. CryptoKeys). */
  skippedKv: string[];
}

/**
 * Exports every table as a backup ZIP. Blob bytes are checked against their hash first; a stored blob that no
 * longer matches is left out and listed under `missingBlobs` (so one damaged file cannot make the whole backup
 * unimportable). The evidence layer's own kv rows are not copied as such: chain anchors travel in `chains`, and the
 * signing key stays with this install.
 */
export async function exportBackup(db: KamiGuardDb, now: number = Date.now()): Promise<Uint8Array> {
  const snapshot = await db.transaction('r', BACKUP_TABLES(db), async () => ({
    orders: await db.orders.toArray(),
    events: await db.events.toArray(),
    evidence: await db.evidence.toArray(),
    blobs: await db.blobs.toArray(),
    kv: await db.kv.toArray(),
    shops: await db.shops.toArray(),
  }));

  const files: Zippable = {};
  const blobs: BackupData['blobs'] = [];
  const missingBlobs: BackupData['missingBlobs'] = [];
  for (const row of snapshot.blobs) {
    const bytes = await blobDataToBytes(row.data).catch(() => undefined);
    if (!bytes || (await sha256Hex(bytes)) !== row.sha256) {
      missingBlobs.push({ sha256: row.sha256, reason: 'hash_mismatch' });
      continue;
    }
    blobs.push({ sha256: row.sha256, size: bytes.length });
    // Evidence images are already compressed; deflating them again costs time for nothing.
    files[`blobs/${row.sha256}`] = [bytes, { level: 0 }];
  }
  const stored = new Set(snapshot.blobs.map((b) => b.sha256));
  for (const sha of new Set(snapshot.evidence.map((e) => e.blobId))) {
    if (!stored.has(sha)) missingBlobs.push({ sha256: sha, reason: 'absent' });
  }

  const chains: BackupData['chains'] = [];
  const anchors = new Map(snapshot.kv.map((row) => [row.key, row.value]));
  for (const order of snapshot.orders) {
    const anchor = anchors.get(anchorKey(order)) as ChainAnchor | undefined;
    if (anchor && typeof anchor.head === 'string' && typeof anchor.count === 'number') {
      chains.push({ orderId: order.id!, head: anchor.head, count: anchor.count });
    }
  }

  const kv: KvRecord[] = [];
  const skippedKv: string[] = [];
  for (const row of snapshot.kv) {
    if (row.key.startsWith(EVIDENCE_KV_PREFIX) || row.key.startsWith(CACHE_KV_PREFIX)) continue;
    if (isJsonValue(row.value)) kv.push(row);
    else skippedKv.push(row.key);
  }

  const data: BackupFile = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    exportedAt: now,
    orders: snapshot.orders,
    events: snapshot.events,
    evidence: snapshot.evidence,
    chains,
    kv,
    blobs,
    missingBlobs,
    skippedKv,
    shops: snapshot.shops,
  } as BackupFile;
  const json = encoder.encode(JSON.stringify(data));
  files[DATA_FILE] = [json, { level: 6 }];
  files[CHECKSUM_FILE] = [encoder.encode(await sha256Hex(json)), { level: 0 }];
  return zipSync(files, { mtime: Math.max(now, Date.UTC(1980, 1, 1)) });
}

/** What an import did. */
export interface ImportReport {
  orders: { added: number; merged: number };
  events: { added: number; skipped: number };
  evidence: { added: number; skipped: number };
  blobs: { added: number; skipped: number };
  settings: { added: number; skipped: number };
  /** Records re-linked after the local chain head because the local chain had diverged from the backup's. */
  rechained: number;
  /** Orders whose chain in the backup did not verify (imported unchanged; verification will show the break). */
  brokenChains: { site: string; orderNo: string }[];
}

export interface ImportOptions {
  /** Replace existing settings with the backup's. Default false: settings already present are kept. */
  overwriteSettings?: boolean;
}

function refuse(code: BackupErrorCode, detail?: string, cause?: unknown): never {
  throw new BackupError(code, detail, cause === undefined ? undefined : { cause });
}

function startsLikeZip(bytes: Uint8Array): boolean {
  // Local file header, or the end-of-central-directory record of an empty archive.
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5);
}

function readArchive(bytes: Uint8Array): Record<string, Uint8Array> {
  if (!startsLikeZip(bytes)) refuse('not_a_zip');
  let tooLarge: string | undefined;
  let total = 0;
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes, {
      filter: (file) => {
        const wanted = file.name === DATA_FILE || file.name === CHECKSUM_FILE || BLOB_PATH.test(file.name);
        if (!wanted) return false;
        total += file.originalSize;
        if (file.originalSize > MAX_ENTRY_BYTES || total > MAX_TOTAL_BYTES) {
          tooLarge = file.name;
          return false;
        }
        return true;
      },
    });
  } catch (error) {
    refuse('damaged', error instanceof Error ? error.message : undefined, error);
  }
  if (tooLarge) refuse('too_large', tooLarge);
  return entries;
}

function parseData(entries: Record<string, Uint8Array>): BackupData {
  const raw = entries[DATA_FILE];
  if (!raw) refuse('foreign_file', `no ${DATA_FILE}`);
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(raw));
  } catch (error) {
    refuse(entries[CHECKSUM_FILE] ? 'damaged' : 'foreign_file', `${DATA_FILE} is not JSON`, error);
  }
  const head = json as { format?: unknown; version?: unknown } | null;
  if (!head || typeof head !== 'object' || head.format !== BACKUP_FORMAT) refuse('foreign_file', 'format id');
  // A later format may carry what this version would drop or misread: refuse it whole and say why.
  if (typeof head.version === 'number' && Number.isInteger(head.version) && head.version > BACKUP_VERSION)
    refuse('newer_version', `format ${head.version}, this version reads ${BACKUP_VERSION}`);
  if (head.version !== BACKUP_VERSION) refuse('unsupported_version', String(head.version));
  const result = v.safeParse(BackupSchema, json);
  if (!result.success) {
    const issue = result.issues[0];
    refuse('invalid_data', `${v.getDotPath(issue) ?? '(root)'}: ${issue.message}`);
  }
  return result.output;
}

function checkReferences(data: BackupData): void {
  const orderIds = new Set<number>();
  const identities = new Set<string>();
  for (const order of data.orders) {
    if (orderIds.has(order.id)) refuse('invalid_data', `duplicate order id ${order.id}`);
    orderIds.add(order.id);
    const identity = JSON.stringify([order.site, order.orderNo]);
    if (identities.has(identity)) refuse('invalid_data', `duplicate order ${identity}`);
    identities.add(identity);
  }
  const seen = { event: new Set<number>(), evidence: new Set<number>() };
  for (const event of data.events) {
    if (!orderIds.has(event.orderId)) refuse('invalid_data', `event ${event.id}: unknown order ${event.orderId}`);
    if (seen.event.has(event.id)) refuse('invalid_data', `duplicate event id ${event.id}`);
    seen.event.add(event.id);
  }
  const blobs = new Set([...data.blobs.map((b) => b.sha256), ...data.missingBlobs.map((b) => b.sha256)]);
  for (const item of data.evidence) {
    if (!orderIds.has(item.orderId)) refuse('invalid_data', `evidence ${item.id}: unknown order ${item.orderId}`);
    if (seen.evidence.has(item.id)) refuse('invalid_data', `duplicate evidence id ${item.id}`);
    seen.evidence.add(item.id);
    if (item.blobId !== item.sha256) refuse('invalid_data', `evidence ${item.id}: blobId differs from sha256`);
    if (!blobs.has(item.blobId)) refuse('missing_blob', item.blobId);
  }
  for (const chain of data.chains) {
    if (!orderIds.has(chain.orderId)) refuse('invalid_data', `chain of unknown order ${chain.orderId}`);
  }
}

/** Checks every listed blob's bytes against its hash and returns them as Blobs ready to store. */
async function checkBlobs(data: BackupData, entries: Record<string, Uint8Array>): Promise<Map<string, Blob>> {
  const mimes = new Map<string, string>();
  for (const item of data.evidence) if (!mimes.has(item.sha256)) mimes.set(item.sha256, item.mime);
  const out = new Map<string, Blob>();
  for (const { sha256, size } of data.blobs) {
    const bytes = entries[`blobs/${sha256}`];
    if (!bytes) refuse('missing_blob', sha256);
    if (bytes.length !== size || (await sha256Hex(bytes)) !== sha256) refuse('blob_mismatch', sha256);
    out.set(sha256, new Blob([bytes as Uint8Array<ArrayBuffer>], { type: mimes.get(sha256) ?? '' }));
  }
  return out;
}

function emptyReport(): ImportReport {
  return {
    orders: { added: 0, merged: 0 },
    events: { added: 0, skipped: 0 },
    evidence: { added: 0, skipped: 0 },
    blobs: { added: 0, skipped: 0 },
    settings: { added: 0, skipped: 0 },
    rechained: 0,
    brokenChains: [],
  };
}

/**
 * Validates a backup ZIP completely (format id and version, schemas of every table, references, every blob's
 * SHA-256), then merges it in ONE transaction: orders by [site+orderNo] (ids re-mapped), events/evidence by hash or
 * content (see `planChainMerge`), blobs by SHA-256, settings kept unless `overwriteSettings`. Throws `BackupError`
 * with the database unchanged when the file is refused or the write fails.
 */
export async function importBackup(
  db: KamiGuardDb,
  input: Uint8Array | ArrayBuffer | Blob,
  options: ImportOptions = {},
): Promise<ImportReport> {
  const bytes = await toBytes(input);
  const entries = readArchive(bytes);
  const checksum = entries[CHECKSUM_FILE];
  const data = parseData(entries);
  const expected = checksum ? new TextDecoder().decode(checksum).trim() : undefined;
  if (expected !== (await sha256Hex(entries[DATA_FILE]!))) refuse('damaged', `${DATA_FILE} checksum`);
  checkReferences(data);
  const blobs = await checkBlobs(data, entries);

  try {
    return await db.transaction('rw', BACKUP_TABLES(db), () => writeImport(db, data, blobs, options));
  } catch (error) {
    if (error instanceof BackupError) throw error;
    const detail = error instanceof Error ? error.message : String(error);
    refuse(isQuotaError(error) ? 'storage_full' : 'write_failed', detail, error);
  }
}

/** The writing half of `importBackup`; runs inside its transaction. */
async function writeImport(
  db: KamiGuardDb,
  data: BackupData,
  blobs: Map<string, Blob>,
  options: ImportOptions,
): Promise<ImportReport> {
  const report = emptyReport();
  // Merged orders may change without a new event: summaries built from the tables are rebuilt from them next time.
  await db.kv.where('key').startsWith(CACHE_KV_PREFIX).delete();
  const anchors = new Map(data.chains.map((c) => [c.orderId, { head: c.head, count: c.count }]));
  const eventsByOrder = Map.groupBy(data.events as EventRecord[], (e) => e.orderId);
  const evidenceByOrder = Map.groupBy(data.evidence as EvidenceRecord[], (e) => e.orderId);
  const neededBlobs = new Set<string>();

  for (const incoming of [...(data.orders as OrderRecord[])].sort((a, b) => a.id! - b.id!)) {
    const local = await db.orders.where('[site+orderNo]').equals([incoming.site, incoming.orderNo]).first();
    let orderId: number;
    let localItems: ChainItem[] = [];
    let localAnchor: ChainAnchor | null = null;
    if (local) {
      orderId = local.id!;
      localItems = await loadChainItems(db, local);
      localAnchor = await readAnchor(db, local);
      await db.orders.put(mergeOrderRecords(local, incoming));
      report.orders.merged++;
    } else {
      const { id: _id, ...row } = incoming;
      orderId = (await db.orders.add(row)) as number;
      report.orders.added++;
    }

    const incomingItems: ChainItem[] = [
      ...(eventsByOrder.get(incoming.id!) ?? []).map((record): ChainItem => ({ type: 'event', record })),
      ...(evidenceByOrder.get(incoming.id!) ?? []).map((record): ChainItem => ({ type: 'evidence', record })),
    ];
    for (const item of incomingItems) if (item.type === 'evidence') neededBlobs.add(item.record.blobId);
    const plan = planChainMerge(
      incoming,
      { items: localItems, anchor: localAnchor },
      { items: orderChainItems(genesisHash(incoming), incomingItems), anchor: anchors.get(incoming.id!) ?? null },
    );
    for (const item of plan.append) {
      const record = { ...item.record, orderId };
      if (item.type === 'event') {
        await db.events.add(record as EventRecord);
        report.events.added++;
      } else {
        await db.evidence.add(record as EvidenceRecord);
        report.evidence.added++;
      }
    }
    const appendedEvents = plan.append.filter((item) => item.type === 'event').length;
    const incomingEvents = incomingItems.filter((item) => item.type === 'event').length;
    report.events.skipped += incomingEvents - appendedEvents;
    report.evidence.skipped += incomingItems.length - incomingEvents - (plan.append.length - appendedEvents);
    if (plan.anchor) await db.kv.put({ key: anchorKey(incoming), value: { ...plan.anchor, updatedAt: Date.now() } });
    report.rechained += plan.rechained;
    if (plan.incomingBroken) report.brokenChains.push({ site: incoming.site, orderNo: incoming.orderNo });
  }

  for (const [sha256, blob] of blobs) {
    if (!neededBlobs.has(sha256) || (await db.blobs.where('sha256').equals(sha256).count()) > 0) {
      report.blobs.skipped++;
      continue;
    }
    await db.blobs.add({ sha256, data: blob } satisfies BlobRecord);
    report.blobs.added++;
  }

  for (const incoming of (data.shops ?? []) as ShopRecord[]) {
    const local = await db.shops.get(incoming.site);
    await db.shops.put(local ? mergeShopRecords(local, incoming) : incoming);
  }

  for (const row of data.kv) {
    if (row.key.startsWith(EVIDENCE_KV_PREFIX) || row.key.startsWith(CACHE_KV_PREFIX)) continue;
    const exists = (await db.kv.where('key').equals(row.key).count()) > 0;
    if (exists && !options.overwriteSettings) {
      report.settings.skipped++;
      continue;
    }
    await db.kv.put({ key: row.key, value: row.value });
    report.settings.added++;
  }
  return report;
}
