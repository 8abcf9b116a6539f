// @vitest-environment node
import { describe, expect, it } from 'vitest';
import {
  bytesToBase64,
  base64ToBytes,
  canonicalJson,
  hashedContent,
  sha256Hex,
  sha256HexSync,
  toBytes,
} from '@/lib/hash';

/** getRandomValues fills at most 64 KiB per call. */
function randomBytes(length: number): Uint8Array {
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i += 65_536) crypto.getRandomValues(out.subarray(i, Math.min(length, i + 65_536)));
  return out;
}

async function webCryptoHex(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
  return [...digest].map((b) => b.toString(16).padStart(2, '0')).join('');
}

describe('sha256', () => {
  it('matches the FIPS 180-2 test vectors', async () => {
    // Known answers from the standard's appendix, checked against WebCrypto as well.
    expect(sha256HexSync('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256HexSync('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(await sha256Hex('abc')).toBe(sha256HexSync('abc'));
  });

  it('agrees with WebCrypto around every padding boundary and for multi-block input', async () => {
    for (const length of [1, 31, 55, 56, 57, 63, 64, 65, 119, 120, 127, 128, 129, 1000, 70_000]) {
      const bytes = randomBytes(length);
      expect(sha256HexSync(bytes), `length ${length}`).toBe(await webCryptoHex(bytes));
    }
  });

  it('hashes strings as UTF-8, and Blobs, ArrayBuffers and Uint8Arrays by content', async () => {
    const text = '卡密守护 订单 #123';
    const bytes = new TextEncoder().encode(text);
    const expected = await webCryptoHex(bytes);
    expect(sha256HexSync(text)).toBe(expected);
    expect(await sha256Hex(text)).toBe(expected);
    expect(await sha256Hex(bytes)).toBe(expected);
    expect(await sha256Hex(bytes.slice().buffer)).toBe(expected);
    expect(await sha256Hex(new Blob([bytes], { type: 'text/plain' }))).toBe(expected);
    expect(await toBytes(new Blob([bytes]))).toEqual(bytes);
  });

  it('round-trips base64', () => {
    const bytes = randomBytes(100_003);
    expect(base64ToBytes(bytesToBase64(bytes))).toEqual(bytes);
    expect(bytesToBase64(new TextEncoder().encode('abc'))).toBe('YWJj');
  });
});

describe('canonicalJson', () => {
  it('does not depend on key order, at any depth', () => {
    const a = { b: 1, a: { y: [1, { q: 1, p: 2 }], x: 'x' } };
    const b = { a: { x: 'x', y: [1, { p: 2, q: 1 }] }, b: 1 };
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(canonicalJson(a)).toBe('{"a":{"x":"x","y":[1,{"p":2,"q":1}]},"b":1}');
  });

  it('leaves out undefined members but keeps null and array positions', () => {
    expect(canonicalJson({ a: undefined, b: null, c: [undefined, 1] })).toBe('{"b":null,"c":[null,1]}');
  });

  it('escapes strings like JSON and keeps unicode', () => {
    expect(canonicalJson({ s: 'a"b\\c\n<卡>' })).toBe('{"s":"a\\"b\\\\c\\n<卡>"}');
  });

  it('refuses values it cannot represent faithfully', () => {
    expect(() => canonicalJson({ at: Number.NaN })).toThrow(TypeError);
    expect(() => canonicalJson({ at: Infinity })).toThrow(TypeError);
    expect(() => canonicalJson({ data: new Blob(['x']) })).toThrow(TypeError);
    expect(() => canonicalJson({ when: new Date(0) })).toThrow(TypeError);
    expect(() => canonicalJson({ n: 1n })).toThrow(TypeError);
  });

  it('hashedContent drops id, hash and orderId and nothing else', () => {
    const record = { id: 7, orderId: 3, hash: 'h', prevHash: 'p', kind: 'first_seen', at: 1, url: undefined };
    expect(hashedContent(record)).toEqual({ prevHash: 'p', kind: 'first_seen', at: 1 });
    expect(record.id).toBe(7);
  });
});
