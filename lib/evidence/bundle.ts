/**
 * The evidence bundle: one ZIP with every order's evidence files, manifest.json (facts, chain, hashes of every
 * file) and report.html (self-contained printable report), optionally manifest.sig.json and manifest.tsr.
 *
 * What covers what: manifest.json lists the SHA-256 of every other file, report.html and each order's stored
 * timestamp tokens included. manifest.sig.json (a signature) and manifest.tsr (an RFC 3161 token) are made from
 * manifest.json's final bytes, so they cannot be in its list; each is checked directly against manifest.json, and
 * manifest.json names them under `detached`. report.html is written before manifest.json (its hash is in the list),
 * so it explains manifest.tsr but cannot print its time: `openssl ts -reply -in manifest.tsr -text` does.
 */
import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';
import type { EventRecord, EvidenceRecord, OrderRecord } from '@/lib/db/types';
import { CHAIN_TAG, genesisHash, orderChainItems, verifyChain, type ChainAnchor, type ChainItem } from '../db/chain';
import { bytesToBase64, hashedContent, sha256Hex } from '../hash';
import {
  BUNDLE_FORMAT,
  BUNDLE_VERSION,
  SIGNATURE_FORMAT,
  type BundleDraft,
  type BundleManifest,
  type ManifestChainEntry,
  type ManifestDetachedFile,
  type ManifestEvidenceEntry,
  type ManifestFile,
  type ManifestOrder,
  type ManifestSignatureFile,
} from './manifest';
import { previewKey, renderReport, type ReportPreview } from './report-html';
import { evidenceChecklist } from './checklist';

/** One order's data for the bundle (`collectBundleOrder` in bundle-data.ts reads it from the database). */
export interface BundleOrderInput {
  order: OrderRecord;
  events: EventRecord[];
  evidence: EvidenceRecord[];
  /** Stored bytes by SHA-256. Items whose bytes are absent are listed as missing. */
  blobs: Map<string, Uint8Array>;
  /** The order's stored chain anchor: omit to skip the tail check, null when none is stored. */
  anchor?: ChainAnchor | null;
  drafts?: BundleDraft[];
}

/** What `sign` returns (signing.ts `createManifestSigner` makes such a function). */
export interface BundleSignature {
  alg: string;
  publicKeyJwk: JsonWebKey;
  /** Base64. */
  signature: string;
}

export interface BundleInput {
  orders: BundleOrderInput[];
  /** Epoch ms. */
  generatedAt: number;
  /** Called after each file is written: (files done, files in total). */
  onProgress?: (done: number, total: number) => void;
  /** Signs manifest.json's exact bytes; the result is written as manifest.sig.json. */
  sign?: (bytes: Uint8Array) => Promise<BundleSignature>;
  /**
   * Gets a trusted timestamp of manifest.json's exact bytes: returns the authority's TimeStampResp (DER), written as
   * manifest.tsr. A failure fails the bundle (the buyer asked for a stamped one).
   */
  timestamp?: (manifest: Uint8Array) => Promise<Uint8Array>;
  /** Makes report thumbnails (image.ts `makeThumbnail`). Without it, images up to `inlineImageMaxBytes` are inlined. */
  makeThumbnail?: (bytes: Uint8Array, mime: string) => Promise<{ bytes: Uint8Array; mime: string } | undefined>;
  /** Inline limit for images when no thumbnail is made. Default 1 MiB. */
  inlineImageMaxBytes?: number;
  /** Card keys are the goods themselves; by default only masked keys go into the bundle. */
  includeCardKeys?: boolean;
  /** Offset used for times printed in report.html; default 480 (UTC+08:00). */
  utcOffsetMinutes?: number;
  generator?: { name: string; version?: string };
}

/** Images the report may inline (never SVG: it can carry script). */
const INLINE_IMAGE_MIMES = new Set(['image/png', 'image/jpeg', 'image/webp', 'image/gif']);
/** Already-compressed formats are stored, not deflated again (that would cost time for nothing). */
const STORED_MIMES = new Set([...INLINE_IMAGE_MIMES, 'application/pdf', 'application/zip']);
const TEXT_PREVIEW_CHARS = 20_000;

const EXTENSIONS: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/webp': 'webp',
  'image/gif': 'gif',
  'application/json': 'json',
  'text/plain': 'txt',
  // A saved page must not open as a live page from the bundle.
  'text/html': 'html.txt',
  'application/pdf': 'pdf',
  // An RFC 3161 TimeStampResp, as `openssl ts -verify -in x.tsr` reads it.
  'application/timestamp-reply': 'tsr',
};

function baseMime(mime: string): string {
  return mime.split(';')[0]!.trim().toLowerCase();
}

/** File extension for a stored mime type. */
export function extensionFor(mime: string): string {
  return EXTENSIONS[baseMime(mime)] ?? 'bin';
}

/** Makes a page-derived string safe as one ZIP path segment: ASCII letters, digits, '.', '_', '-' only. */
export function safeSegment(text: string, maxLength = 64): string {
  const cleaned = text
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/^[._]+/, '')
    .slice(0, maxLength);
  return cleaned || 'x';
}

/** The ZIP folder of an order: `orders/<site>_<orderNo>`, made unique with a suffix when two orders collide. */
export function orderDir(order: Pick<OrderRecord, 'site' | 'orderNo'>, taken: Set<string>): string {
  const base = `orders/${safeSegment(order.site)}_${safeSegment(order.orderNo)}`;
  let dir = base;
  for (let n = 2; taken.has(dir); n++) dir = `${base}-${n}`;
  taken.add(dir);
  return dir;
}

/** Path of an evidence file: `<dir>/evidence/<n>-<kind>-<sha12>.<ext>` (n = 1-based position among the order's evidence). */
export function evidencePath(dir: string, n: number, record: Pick<EvidenceRecord, 'kind' | 'sha256' | 'mime'>): string {
  return `${dir}/evidence/${String(n).padStart(3, '0')}-${safeSegment(record.kind, 32)}-${record.sha256.slice(0, 12)}.${extensionFor(record.mime)}`;
}

/** Masks card keys (first 4 characters kept) so a shared bundle does not hand the goods to its readers. */
export function maskCardKey(key: string): string {
  return key.length <= 4 ? '*'.repeat(key.length) : `${key.slice(0, 4)}${'*'.repeat(Math.min(12, key.length - 4))}`;
}

function orderFacts(order: OrderRecord, includeCardKeys: boolean): Record<string, unknown> {
  const { id: _id, ...facts } = order;
  if (facts.cardKeys && !includeCardKeys) facts.cardKeys = facts.cardKeys.map(maskCardKey);
  return JSON.parse(JSON.stringify(facts)) as Record<string, unknown>;
}

function isoTime(ms: number): string {
  return Number.isFinite(ms) ? new Date(ms).toISOString() : String(ms);
}

/** Collects ZIP output chunks; fflate's Zip with synchronous entries emits synchronously. */
class ZipWriter {
  private readonly chunks: Uint8Array[] = [];
  private error: Error | null = null;
  private readonly zip = new Zip((err, chunk) => {
    if (err) this.error = err;
    else this.chunks.push(chunk);
  });

  constructor(private readonly mtime: number) {}

  add(path: string, bytes: Uint8Array, compress: boolean): void {
    const entry = compress ? new ZipDeflate(path, { level: 6 }) : new ZipPassThrough(path);
    entry.mtime = this.mtime;
    this.zip.add(entry);
    entry.push(bytes, true);
    if (this.error) throw this.error;
  }

  finish(): Uint8Array {
    this.zip.end();
    if (this.error) throw this.error;
    const total = this.chunks.reduce((n, c) => n + c.length, 0);
    const out = new Uint8Array(total);
    let offset = 0;
    for (const chunk of this.chunks) {
      out.set(chunk, offset);
      offset += chunk.length;
    }
    return out;
  }
}

const encoder = new TextEncoder();

/**
 * Builds the evidence bundle ZIP. Verifies each order's chain and each file's bytes against its recorded SHA-256
 * (mismatches and missing files are reported in manifest.json and report.html, never hidden).
 */
export async function buildBundle(input: BundleInput): Promise<Uint8Array> {
  // ZIP timestamps are DOS dates (1980+), local; use the generation time for every entry.
  const zip = new ZipWriter(Math.max(input.generatedAt, Date.UTC(1980, 1, 1)));
  const files: ManifestFile[] = [];
  const evidenceTotal = input.orders.reduce((n, o) => n + o.evidence.length, 0);
  const total = evidenceTotal + 2 + (input.sign ? 1 : 0) + (input.timestamp ? 1 : 0);
  let done = 0;
  const progress = (): void => input.onProgress?.(++done, total);
  const inlineMax = input.inlineImageMaxBytes ?? 1024 * 1024;

  const addFile = async (path: string, bytes: Uint8Array, compress: boolean): Promise<string> => {
    const sha256 = await sha256Hex(bytes);
    zip.add(path, bytes, compress);
    files.push({ path, sha256, size: bytes.length });
    return sha256;
  };

  const taken = new Set<string>();
  const previews = new Map<string, ReportPreview>();
  const manifestOrders: ManifestOrder[] = [];

  for (const [orderIndex, entry] of input.orders.entries()) {
    const { order } = entry;
    const dir = orderDir(order, taken);
    const genesis = genesisHash(order);
    const items = orderChainItems(genesis, [
      ...entry.events.map((record): ChainItem => ({ type: 'event', record })),
      ...entry.evidence.map((record): ChainItem => ({ type: 'evidence', record })),
    ]);
    const verification = verifyChain(order, items, entry.anchor);
    const events: ManifestChainEntry[] = [];
    const evidence: ManifestEvidenceEntry[] = [];
    let evidenceNo = 0;

    for (const [seq, item] of items.entries()) {
      const base = { seq, record: hashedContent(item.record), hash: item.record.hash };
      if (item.type === 'event') {
        events.push({ ...base, type: 'event', time: isoTime(item.record.at) });
        continue;
      }
      const record = item.record;
      const bytes = entry.blobs.get(record.sha256);
      const manifestEntry: ManifestEvidenceEntry = {
        ...base,
        type: 'evidence',
        time: isoTime(record.capturedAt),
        file: 'missing',
      };
      if (bytes) {
        const path = evidencePath(dir, ++evidenceNo, record);
        const actual = await addFile(path, bytes, !STORED_MIMES.has(baseMime(record.mime)));
        manifestEntry.path = path;
        manifestEntry.file = actual === record.sha256 ? 'ok' : 'hash_mismatch';
        if (actual !== record.sha256) manifestEntry.fileSha256 = actual;
        previews.set(previewKey(orderIndex, seq), await makePreview(bytes, record.mime, input, inlineMax));
      }
      evidence.push(manifestEntry);
      progress();
    }

    manifestOrders.push({
      dir,
      order: orderFacts(order, input.includeCardKeys ?? false),
      chain: {
        genesis,
        head: verification.head,
        count: verification.count,
        ...(entry.anchor !== undefined ? { anchor: entry.anchor } : {}),
        verification,
      },
      events,
      evidence,
      checklist: evidenceChecklist(entry.evidence).map(({ id, present, count }) => ({ id, present, count })),
      drafts: entry.drafts ?? [],
    });
  }

  const report = renderReport({
    generatedAt: input.generatedAt,
    orders: manifestOrders,
    previews,
    signed: !!input.sign,
    timestamped: !!input.timestamp,
    utcOffsetMinutes: input.utcOffsetMinutes,
  });
  await addFile('report.html', encoder.encode(report), true);
  progress();

  const manifest: BundleManifest = {
    format: BUNDLE_FORMAT,
    version: BUNDLE_VERSION,
    generatedAt: isoTime(input.generatedAt),
    generator: input.generator ?? { name: 'KamiGuard' },
    hashAlgorithm: 'SHA-256',
    chainAlgorithm: {
      tag: CHAIN_TAG,
      recordHash: `SHA-256 of the UTF-8 string "${CHAIN_TAG}\\n" + type + "\\n" + canonicalJson(record)`,
      genesis: `SHA-256 of the UTF-8 string "${CHAIN_TAG}\\ngenesis\\n" + canonicalJson({"orderNo":…,"site":…})`,
      canonicalJson:
        'JSON with object keys sorted by UTF-16 code units, no whitespace, numbers and strings as JSON.stringify writes them (RFC 8785 style)',
    },
    orders: manifestOrders,
    files,
  };
  const detached: ManifestDetachedFile[] = [
    ...(input.sign
      ? [
          {
            path: 'manifest.sig.json',
            about: 'ECDSA P-256 signature of this file’s exact bytes (this install’s key)',
          } as const,
        ]
      : []),
    ...(input.timestamp
      ? [
          {
            path: 'manifest.tsr',
            about:
              'RFC 3161 timestamp token (DER TimeStampResp) of this file’s exact bytes: openssl ts -verify -data manifest.json -in manifest.tsr -CAfile <the authority’s CA certificate>',
          } as const,
        ]
      : []),
  ];
  if (detached.length) manifest.detached = detached;
  const manifestBytes = encoder.encode(JSON.stringify(manifest, null, 2));
  zip.add('manifest.json', manifestBytes, true);
  progress();

  if (input.sign) {
    const signature = await input.sign(manifestBytes);
    const sigFile: ManifestSignatureFile = {
      format: SIGNATURE_FORMAT,
      version: 1,
      file: 'manifest.json',
      sha256: await sha256Hex(manifestBytes),
      ...signature,
    };
    zip.add('manifest.sig.json', encoder.encode(JSON.stringify(sigFile, null, 2)), true);
    progress();
  }
  if (input.timestamp) {
    zip.add('manifest.tsr', await input.timestamp(manifestBytes), false);
    progress();
  }
  return zip.finish();
}

async function makePreview(
  bytes: Uint8Array,
  mime: string,
  input: BundleInput,
  inlineMax: number,
): Promise<ReportPreview> {
  const type = baseMime(mime);
  if (INLINE_IMAGE_MIMES.has(type)) {
    const thumb = input.makeThumbnail ? await input.makeThumbnail(bytes, mime) : undefined;
    if (thumb && INLINE_IMAGE_MIMES.has(baseMime(thumb.mime))) {
      return { dataUri: `data:${baseMime(thumb.mime)};base64,${bytesToBase64(thumb.bytes)}` };
    }
    if (bytes.length <= inlineMax) return { dataUri: `data:${type};base64,${bytesToBase64(bytes)}` };
    return {};
  }
  if (type.startsWith('text/') || type === 'application/json') {
    const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, TEXT_PREVIEW_CHARS * 4));
    return { text: text.length > TEXT_PREVIEW_CHARS ? `${text.slice(0, TEXT_PREVIEW_CHARS)}\n…` : text };
  }
  return {};
}
