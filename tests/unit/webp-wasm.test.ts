// @vitest-environment node
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import decode, { init as initDecoder } from '@jsquash/webp/decode.js';
import { deflateSync } from 'fflate';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  WASM_MAX_PIXELS,
  encodeLosslessWebp,
  releaseWebpEncoder,
  setWebpWasmLoader,
  type RgbaImage,
} from '@/lib/evidence/webp-wasm';
import { WEBP_WASM } from '@/lib/evidence/webp-wasm-file';

const require = createRequire(import.meta.url);
const compileFile = async (path: string): Promise<WebAssembly.Module> =>
  WebAssembly.compile(await readFile(require.resolve(path)));
const fromDisk = (): Promise<WebAssembly.Module> => compileFile(`@jsquash/webp/codec/enc/${WEBP_WASM}`);

/**
 * A screenshot-like image: white page, a dark header bar, rows of "glyphs" with anti-aliased (grey) edges, a
 * coloured badge, and a gradient banner — the mix that makes lossless screenshots hard.
 */
function screenshotLike(width: number, height: number, seed = 1): RgbaImage {
  const data = new Uint8ClampedArray(width * height * 4);
  let state = seed;
  const random = (): number => (state = (state * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  const set = (x: number, y: number, r: number, g: number, b: number, a = 255): void => {
    const i = (y * width + x) * 4;
    data.set([r, g, b, a], i);
  };
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (y < 24) set(x, y, 59, 72, 94);
      else if (y >= height - 30) set(x, y, Math.round((255 * x) / width), 120, Math.round((255 * y) / height));
      else set(x, y, 255, 255, 255);
    }
  }
  for (let line = 40; line + 12 < height - 30; line += 18) {
    for (let x = 12; x + 10 < width - 12; x += 11) {
      if (random() < 0.15) continue; // a space
      for (let dy = 0; dy < 12; dy++) {
        for (let dx = 0; dx < 9; dx++) {
          if (random() < 0.55) continue;
          const edge = dx === 0 || dx === 8 || dy === 0 || dy === 11;
          const v = edge ? 120 + Math.floor(random() * 100) : 30;
          set(x + dx, line + dy, v, v, v);
        }
      }
    }
  }
  for (let y = 60; y < Math.min(72, height); y++) for (let x = 30; x < Math.min(90, width); x++) set(x, y, 255, 183, 0);
  return { data, width, height };
}

beforeAll(async () => {
  await initDecoder(await compileFile('@jsquash/webp/codec/dec/webp_dec.wasm'));
});

afterEach(() => {
  setWebpWasmLoader(undefined);
});

describe('encodeLosslessWebp (libwebp in WebAssembly)', () => {
  it('stores exactly the captured pixels, as a lossless WebP (VP8L) much smaller than the raw pixels', async () => {
    setWebpWasmLoader(fromDisk);
    const image = screenshotLike(400, 300);
    const webp = await encodeLosslessWebp(image);
    expect(webp).toBeInstanceOf(Uint8Array);
    const ascii = (from: number, to: number): string => String.fromCharCode(...webp!.subarray(from, to));
    expect(ascii(0, 4)).toBe('RIFF');
    expect(ascii(8, 12)).toBe('WEBP');
    expect(ascii(12, 16)).toBe('VP8L');
    const decoded = await decode(webp!.buffer as ArrayBuffer);
    expect([decoded.width, decoded.height]).toEqual([400, 300]);
    expect(Buffer.from(decoded.data).equals(Buffer.from(image.data))).toBe(true);
    // Smaller than zlib of the raw pixels (about what a PNG without filtering would be).
    expect(webp!.length).toBeLessThan(deflateSync(new Uint8Array(image.data.buffer)).length);
  });

  it('keeps the colour of transparent pixels (exact), and encodes one image after another on the kept instance', async () => {
    setWebpWasmLoader(fromDisk);
    const first = screenshotLike(120, 80, 7);
    first.data.set([10, 200, 30, 0], 0); // transparent, with a colour that must survive
    first.data.set([250, 10, 10, 128], 4);
    for (const image of [first, screenshotLike(64, 48, 3), screenshotLike(120, 80, 9)]) {
      const decoded = await decode((await encodeLosslessWebp(image))!.buffer as ArrayBuffer);
      expect(Buffer.from(decoded.data).equals(Buffer.from(image.data))).toBe(true);
    }
  });

  it('answers undefined when the module cannot load, and tries again on the next call', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    let calls = 0;
    setWebpWasmLoader(() => {
      calls++;
      return calls === 1 ? Promise.reject(new Error('CSP: wasm-unsafe-eval missing')) : fromDisk();
    });
    const image = screenshotLike(40, 30);
    expect(await encodeLosslessWebp(image)).toBeUndefined();
    expect(warn).toHaveBeenCalled();
    expect(await encodeLosslessWebp(image)).toBeInstanceOf(Uint8Array);
    expect(calls).toBe(2);
  });

  it('answers undefined for an empty image, or one over WASM_MAX_PIXELS, without loading anything', async () => {
    const load = vi.fn(fromDisk);
    setWebpWasmLoader(load);
    expect(await encodeLosslessWebp({ data: new Uint8ClampedArray(0), width: 0, height: 0 })).toBeUndefined();
    // (The pixel count alone decides: no need to allocate the pixels of a huge image.)
    const huge = { data: new Uint8ClampedArray(4), width: 1280, height: Math.ceil(WASM_MAX_PIXELS / 1280) + 1 };
    expect(await encodeLosslessWebp(huge)).toBeUndefined();
    expect(load).not.toHaveBeenCalled();
  });

  it('encodes again after the kept instance was released', async () => {
    setWebpWasmLoader(fromDisk);
    const image = screenshotLike(50, 40, 5);
    const before = await encodeLosslessWebp(image);
    releaseWebpEncoder();
    const after = await encodeLosslessWebp(image);
    expect(after && Buffer.from(after).equals(Buffer.from(before!))).toBe(true);
  });
});
