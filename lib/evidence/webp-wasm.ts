/**
 * Lossless WebP through libwebp compiled to WebAssembly (@jsquash/webp, the Squoosh codecs). Chromium's canvas
 * encoder (`convertToBlob({ type: 'image/webp', quality: 1 })`) runs libwebp's fastest lossless mode, which on a
 * screenshot of a web page is often LARGER than the PNG (the demo order page: 208 KB against a 47 KB PNG); libwebp
 * at method 1 stores the same pixels in 15–40 % of the PNG in about 40 ms for a 1280×800 viewport.
 *
 * An instance's memory grows to ~35 bytes a pixel. One instance is kept for the next screenshot while captures come
 * in and dropped `IDLE_RELEASE_MS` after the last; an image larger than a big viewport (a full-page screenshot, an
 * imported photo) gets an instance of its own, dropped with it, so the service worker does not hold that memory.
 * Compiling happens once.
 */
import moduleFactory from '@jsquash/webp/codec/enc/webp_enc_simd.js';
import type { EncodeOptions, WebPModule } from '@jsquash/webp/codec/enc/webp_enc.js';
import { defaultOptions } from '@jsquash/webp/meta.js';
import { initEmscriptenModule } from '@jsquash/webp/utils.js';
import { browser } from 'wxt/browser';
import { WEBP_WASM } from './webp-wasm-file';

/** Pixels to encode: what `getImageData` returns (RGBA, row-major, 4 bytes a pixel). */
export interface RgbaImage {
  data: Uint8ClampedArray<ArrayBuffer> | Uint8Array<ArrayBuffer>;
  width: number;
  height: number;
}

/**
 * libwebp lossless settings. `exact` keeps the RGB of transparent pixels (a pixel-identical round trip). Method 1 is
 * the knee measured on 1280×800 screenshots (the demo order page and the bench's dense text page): method 0 is up
 * to 5× larger, higher methods gain under 2 % for more time. Quality (for lossless: effort) has a step at 26: from
 * there to 50 the output and the time are the same (36 % and 19 % of the PNG, ~40 ms); at 25 and below dense text
 * doubles (38 %) and the demo page nears the 40 % budget (39 %) for ~10 ms less; 75 takes dense text from 19 % to
 * 17 % for ~10 % more time.
 */
export const LOSSLESS_WEBP_OPTIONS: Readonly<Partial<EncodeOptions>> = {
  lossless: 1,
  exact: 1,
  method: 1,
  quality: 50,
};
/** Images up to this many pixels (a 1920×1080 viewport) share one kept instance; larger ones get their own. */
export const REUSE_MAX_PIXELS = 1920 * 1080;
/**
 * Larger images (very long full-page screenshots) are left to the canvas encoder: at ~35 bytes a pixel the encoder
 * would take over 280 MB of the service worker's memory for them.
 */
export const WASM_MAX_PIXELS = 8 * 1024 * 1024;
/** A kept instance is dropped this long after its last use. */
export const IDLE_RELEASE_MS = 15_000;

type Loader = () => Promise<WebAssembly.Module>;

const fetchModule: Loader = async () => {
  const response = await fetch(browser.runtime.getURL(`/${WEBP_WASM}` as '/'));
  if (!response.ok) throw new Error(`${WEBP_WASM}: HTTP ${response.status}`);
  return WebAssembly.compile(await response.arrayBuffer());
};

let loader: Loader = fetchModule;
let compiled: Promise<WebAssembly.Module> | undefined;
let kept: Promise<WebPModule> | undefined;
let releaseTimer: ReturnType<typeof setTimeout> | undefined;

/** Where the compiled module comes from: the extension's packaged file by default; tests load it from disk. */
export function setWebpWasmLoader(load: Loader | undefined): void {
  loader = load ?? fetchModule;
  compiled = undefined;
  releaseWebpEncoder();
}

/** Compiles the module (once). Rejects where WebAssembly is barred (`encodeLosslessWebp` answers undefined there). */
export async function loadWebpWasm(): Promise<WebAssembly.Module> {
  compiled ??= loader().catch((err: unknown) => {
    compiled = undefined; // a later call retries: a transient failure must not disable the encoder for good
    throw err;
  });
  return compiled;
}

/** Drops the kept instance and its memory. */
export function releaseWebpEncoder(): void {
  clearTimeout(releaseTimer);
  kept = undefined;
}

const fresh = async (): Promise<WebPModule> => initEmscriptenModule(moduleFactory, await loadWebpWasm());

async function instance(reuse: boolean): Promise<WebPModule> {
  if (!reuse) return fresh();
  kept ??= fresh().catch((err: unknown) => {
    kept = undefined;
    throw err;
  });
  return kept;
}

/**
 * Compiles and instantiates ahead of an encode; a capture calls it while Chrome takes the screenshot. Errors are left
 * for `encodeLosslessWebp` to report.
 */
export function warmUpWebpEncoder(): void {
  instance(true).then(
    () => scheduleRelease(),
    () => undefined,
  );
}

function scheduleRelease(): void {
  clearTimeout(releaseTimer);
  releaseTimer = setTimeout(releaseWebpEncoder, IDLE_RELEASE_MS);
}

/**
 * Encodes RGBA pixels as lossless WebP; undefined when the encoder cannot run here (no WebAssembly, the module failed
 * to load or to encode) or the image has more than `WASM_MAX_PIXELS`. Decoding the result gives back exactly the
 * input pixels.
 */
export async function encodeLosslessWebp(image: RgbaImage): Promise<Uint8Array | undefined> {
  const pixels = image.width * image.height;
  if (typeof WebAssembly !== 'object' || !pixels || pixels > WASM_MAX_PIXELS) return undefined;
  const reuse = pixels <= REUSE_MAX_PIXELS;
  try {
    const codec = await instance(reuse);
    const out = codec.encode(image.data, image.width, image.height, { ...defaultOptions, ...LOSSLESS_WEBP_OPTIONS });
    // The binding returns a copy outside the instance's memory, so the instance may go.
    return out ?? undefined;
  } catch (err) {
    // An instance that failed mid-encode (out of memory) is not trusted again.
    if (reuse) releaseWebpEncoder();
    console.warn('[kamiguard] WebAssembly WebP encoder unavailable', err);
    return undefined;
  } finally {
    if (reuse && kept) scheduleRelease();
  }
}
