/**
 * Hashing helpers: SHA-256 of bytes (WebCrypto) and a canonical JSON form of records, so that the same record
 * always hashes to the same value whatever order its keys were written in.
 */
import { sha256Sync } from './sha256-sync';

/** Anything evidence bytes can arrive as. Strings are UTF-8 encoded. */
export type ByteSource = Blob | Uint8Array | ArrayBuffer | string;

const encoder = new TextEncoder();

/** Lower-case hex of `bytes`. */
export function bytesToHex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out;
}

/** Base64 (standard alphabet, padded) of `bytes`; chunked so large images do not overflow the argument list. */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return btoa(binary);
}

/** Decodes standard base64. Throws on malformed input. */
export function base64ToBytes(text: string): Uint8Array {
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

/** Reads any byte source into a Uint8Array (Blob contents are read; strings are UTF-8 encoded). */
export async function toBytes(source: ByteSource): Promise<Uint8Array> {
  if (typeof source === 'string') return encoder.encode(source);
  if (source instanceof Uint8Array) return source;
  if (source instanceof ArrayBuffer) return new Uint8Array(source);
  return new Uint8Array(await source.arrayBuffer());
}

/** SHA-256 (hex) of the bytes, via WebCrypto. Use this for evidence bytes. */
export async function sha256Hex(source: ByteSource): Promise<string> {
  const bytes = await toBytes(source);
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return bytesToHex(new Uint8Array(digest));
}

/**
 * SHA-256 (hex) computed synchronously. For short inputs (chain records) that must be hashed inside an IndexedDB
 * transaction, where awaiting WebCrypto would let the transaction commit early.
 */
export function sha256HexSync(source: string | Uint8Array): string {
  return bytesToHex(sha256Sync(source));
}

/** True for `{}`-style objects (not arrays, Blobs, Dates, Maps ...). */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/**
 * Canonical JSON: object keys sorted by UTF-16 code units (as RFC 8785 does), no whitespace, `undefined` members
 * left out, numbers and strings written exactly as `JSON.stringify` writes them. Throws a TypeError on values JSON
 * cannot represent faithfully (NaN, Infinity, bigint, functions, class instances such as Blob or Date) so that such
 * a value is never silently hashed as `null` or `{}`.
 */
export function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: non-finite number ${value}`);
      return JSON.stringify(value);
    case 'object':
      break;
    default:
      throw new TypeError(`canonicalJson: cannot serialise a ${typeof value}`);
  }
  if (Array.isArray(value)) {
    // As in JSON, a hole or undefined inside an array is written as null (arrays keep their length).
    return `[${value.map((item: unknown) => (item === undefined ? 'null' : canonicalJson(item))).join(',')}]`;
  }
  if (!isPlainObject(value)) {
    throw new TypeError(`canonicalJson: cannot serialise a ${Object.prototype.toString.call(value)}`);
  }
  const members: string[] = [];
  for (const key of Object.keys(value).sort()) {
    const member = value[key];
    if (member === undefined) continue;
    members.push(`${JSON.stringify(key)}:${canonicalJson(member)}`);
  }
  return `{${members.join(',')}}`;
}

/**
 * Fields a stored record carries that are not part of its hashed content:
 * - `id`: the auto-increment key, assigned by the database after hashing;
 * - `hash`: the result itself;
 * - `orderId`: a local auto id that changes when a backup is restored into another database. The record is bound
 *   to its order through the chain's genesis value (site + order number) instead.
 */
export const UNHASHED_FIELDS: readonly string[] = ['id', 'hash', 'orderId'];

/** The record without its unhashed fields, ready for `canonicalJson`. Does not modify the input. */
export function hashedContent(record: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    if (!UNHASHED_FIELDS.includes(key) && value !== undefined) out[key] = value;
  }
  return out;
}
