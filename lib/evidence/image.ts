/**
 * Image handling for evidence: compression of screenshots, thumbnails for the report, and the plan for a
 * full-page ("long") screenshot. The size/plan functions are pure; the encoders need OffscreenCanvas and
 * createImageBitmap (service worker and extension pages have them) and return the input unchanged elsewhere.
 */
import { encodeLosslessWebp } from './webp-wasm';

/**
 * Screenshots are first encoded as LOSSLESS WebP by libwebp in WebAssembly (./webp-wasm.ts): shop pages are mostly
 * flat colour and text, where that is typically 15–40 % of the PNG and every glyph stays exactly as captured, which
 * is also what evidence should be. Where WebAssembly cannot run, the canvas encoder is used: Chromium encodes WebP at
 * quality 1.0 losslessly (checked: pixel-identical output), but with libwebp's fastest mode, often larger than the PNG.
 */
export const WEBP_LOSSLESS_QUALITY = 1;
/** Lossless is kept when it meets the storage budget (stored screenshot ≤ 40 % of the PNG). */
export const LOSSLESS_MAX_RATIO = 0.4;
/**
 * Lossy WebP quality for photo-heavy pages (product images, banners), where lossless stays large. At 0.85 small
 * CJK text (12–14 px, thin strokes, often red prices on white) stays legible; below ~0.75 ringing and chroma
 * smearing start to blur thin coloured glyphs.
 */
export const WEBP_QUALITY = 0.85;
/**
 * JPEG fallback quality (browsers that cannot encode WebP). Higher than WebP's because JPEG's 8×8 blocks ring
 * around text edges and its chroma subsampling blurs coloured text at the same nominal quality.
 */
export const JPEG_QUALITY = 0.9;
/** Thumbnails only need to be recognisable; the full image sits beside them in the bundle. */
export const THUMBNAIL_QUALITY = 0.75;
/** Largest canvas side that works in every target browser (Chrome/Firefox allow 32767; some builds less). */
export const MAX_CANVAS_SIDE = 16_384;
/** Largest canvas area Chrome allows (268 M pixels). */
export const MAX_CANVAS_AREA = 268_435_456;

export interface Size {
  width: number;
  height: number;
}

/** Scales `width`×`height` down (never up) to fit inside `maxWidth`×`maxHeight`, keeping the aspect ratio. */
export function fitWithin(
  width: number,
  height: number,
  maxWidth: number,
  maxHeight: number,
): Size & { scale: number } {
  if (width <= 0 || height <= 0) return { width: 0, height: 0, scale: 1 };
  const scale = Math.min(1, maxWidth / width, maxHeight / height);
  return {
    width: Math.max(1, Math.round(width * scale)),
    height: Math.max(1, Math.round(height * scale)),
    scale,
  };
}

/** Source rectangle and output size of a thumbnail. */
export interface ThumbnailPlan {
  crop: { x: number; y: number; width: number; height: number };
  width: number;
  height: number;
}

/**
 * Plans a thumbnail: a long screenshot is cropped from the top to the `maxWidth:maxHeight` aspect ratio first
 * (the top holds the order number and status), then scaled to fit.
 */
export function planThumbnail(width: number, height: number, maxWidth = 480, maxHeight = 960): ThumbnailPlan {
  const cropHeight = Math.min(height, Math.ceil((width * maxHeight) / maxWidth));
  const out = fitWithin(width, cropHeight, maxWidth, maxHeight);
  return { crop: { x: 0, y: 0, width, height: cropHeight }, width: out.width, height: out.height };
}

function validSize(size: number | undefined): size is number {
  return size !== undefined && size > 0;
}

/** Which encoding of a screenshot to store. */
export type EncodingChoice = 'lossless' | 'lossy' | 'original';

/**
 * Picks what to store from the sizes obtained (undefined = that encoding is unavailable): lossless when it meets
 * `LOSSLESS_MAX_RATIO` of the original, else the smallest candidate (lossless on a tie), and the original when no
 * encoding is smaller.
 */
export function chooseEncoding(originalSize: number, losslessSize?: number, lossySize?: number): EncodingChoice {
  if (validSize(losslessSize) && losslessSize <= originalSize * LOSSLESS_MAX_RATIO) return 'lossless';
  let best: EncodingChoice = 'original';
  let bestSize = originalSize;
  if (validSize(losslessSize) && losslessSize < bestSize) [best, bestSize] = ['lossless', losslessSize];
  if (validSize(lossySize) && lossySize < bestSize) best = 'lossy';
  return best;
}

/**
 * How many CSS pixel rows one stitched image may hold so its canvas stays within the side and area limits.
 * `viewportWidth` in CSS px; `devicePixelRatio` of the captures.
 */
export function maxSegmentHeight(viewportWidth: number, devicePixelRatio: number): number {
  const widthPx = Math.max(1, Math.ceil(viewportWidth * devicePixelRatio));
  const rowsPx = Math.min(MAX_CANVAS_SIDE, Math.floor(MAX_CANVAS_AREA / widthPx));
  return Math.max(1, Math.floor(rowsPx / devicePixelRatio));
}

/** One rectangle copied from a capture into a stitched image. All values in CSS pixels. */
export interface StitchStep {
  /** Index into `StitchPlan.captures`. */
  capture: number;
  /** Page row (document coordinate) of the first copied row. */
  pageY: number;
  /** First row to copy, in viewport coordinates of the capture. */
  srcY: number;
  height: number;
  /** Output image (segment) the rows go to, and the row there. */
  segment: number;
  destY: number;
}

export interface StitchPlan {
  /** Scroll positions to capture, in order. */
  captures: { scrollY: number }[];
  steps: StitchStep[];
  /** Output images and their heights (more than one when the page exceeds `maxSegmentHeight`). */
  segments: { height: number }[];
  /** Page rows no capture showed ([start, end) pairs); empty for a plan from `planStitch`. */
  missing: [number, number][];
  /** The header/footer heights actually used (clamped so each capture shows new content). */
  fixedHeaderHeight: number;
  fixedFooterHeight: number;
}

export interface StitchOptions {
  /** Height of a fixed/sticky footer (bottom bar) that overlays content; included once, at the end. */
  fixedFooterHeight?: number;
  /** Split the output into images of at most this many rows (see `maxSegmentHeight`). */
  maxSegmentHeight?: number;
}

interface Geometry {
  page: number;
  viewport: number;
  header: number;
  footer: number;
  maxScroll: number;
}

function geometry(
  pageHeight: number,
  viewportHeight: number,
  fixedHeaderHeight: number,
  options: StitchOptions,
): Geometry {
  const page = Math.max(1, Math.ceil(pageHeight));
  const viewport = Math.max(1, Math.floor(viewportHeight));
  // Each capture must reveal at least one new row: header + footer < viewport.
  const limit = Math.max(0, Math.floor((viewport - 1) / 2));
  const header = Math.min(limit, Math.max(0, Math.round(fixedHeaderHeight)));
  const footer = Math.min(limit, Math.max(0, Math.round(options.fixedFooterHeight ?? 0)));
  return { page, viewport, header, footer, maxScroll: Math.max(0, page - viewport) };
}

/**
 * Plans a full-page screenshot: where to scroll, and which rows of each capture to keep, so that the fixed header
 * appears once (at the top) and every page row exactly once. Each scroll puts the first uncovered row right under
 * the header; the last scroll position is clamped to the page end, so its crop starts lower. Heights are CSS
 * pixels; the caller multiplies by devicePixelRatio when drawing. Pages may not scroll exactly where asked: a
 * caller that drives real scrolling should use `nextStitchScroll` with the positions actually reached, then
 * `planCrops`.
 */
export function planStitch(
  pageHeight: number,
  viewportHeight: number,
  fixedHeaderHeight: number,
  options: StitchOptions = {},
): StitchPlan {
  const scrollYs: number[] = [];
  for (
    let next: number | undefined = 0;
    next !== undefined;
    next = nextStitchScroll(pageHeight, viewportHeight, fixedHeaderHeight, scrollYs, options)
  ) {
    scrollYs.push(next);
  }
  return planCrops(pageHeight, viewportHeight, fixedHeaderHeight, scrollYs, options);
}

/**
 * Where to scroll next, given the positions the page actually reached so far (start with 0); undefined when the
 * page is covered, or when scrolling would not reveal anything new (the gap is then reported by `planCrops`).
 */
export function nextStitchScroll(
  pageHeight: number,
  viewportHeight: number,
  fixedHeaderHeight: number,
  reachedScrollYs: readonly number[],
  options: StitchOptions = {},
): number | undefined {
  const g = geometry(pageHeight, viewportHeight, fixedHeaderHeight, options);
  if (reachedScrollYs.length === 0) return 0;
  const plan = planCrops(pageHeight, viewportHeight, fixedHeaderHeight, reachedScrollYs, options);
  const last = plan.steps.at(-1);
  const covered = last ? last.pageY + last.height : 0;
  if (covered >= g.page) return undefined;
  const next = Math.min(covered - g.header, g.maxScroll);
  const ys = reachedScrollYs.map((y) => Math.round(y));
  const lastY = ys.at(-1)!;
  // The last scroll did not move the page: asking again would loop forever.
  if (ys.length >= 2 && lastY <= ys.at(-2)!) return undefined;
  return next > lastY ? next : undefined;
}

/**
 * The crops for captures taken at the given scroll positions (ascending): each capture contributes the rows no
 * earlier capture showed, excluding the fixed header (except at scroll 0, where it is in place) and the fixed
 * footer (except at the page end). Rows no capture showed are listed in `missing`.
 */
export function planCrops(
  pageHeight: number,
  viewportHeight: number,
  fixedHeaderHeight: number,
  scrollYs: readonly number[],
  options: StitchOptions = {},
): StitchPlan {
  const g = geometry(pageHeight, viewportHeight, fixedHeaderHeight, options);
  const rows: { capture: number; pageY: number; srcY: number; height: number }[] = [];
  const missing: [number, number][] = [];
  let covered = 0;
  scrollYs.forEach((rawY, capture) => {
    const scrollY = Math.min(g.maxScroll, Math.max(0, Math.round(rawY)));
    const top = scrollY === 0 ? 0 : scrollY + g.header;
    const bottom = Math.min(g.page, scrollY >= g.maxScroll ? scrollY + g.viewport : scrollY + g.viewport - g.footer);
    if (top > covered) missing.push([covered, Math.min(top, g.page)]);
    const start = Math.max(covered, top);
    if (bottom > start) {
      rows.push({ capture, pageY: start, srcY: start - scrollY, height: bottom - start });
      covered = bottom;
    } else {
      covered = Math.max(covered, top);
    }
  });
  if (covered < g.page) missing.push([covered, g.page]);

  const requested = options.maxSegmentHeight;
  const segmentRows =
    requested !== undefined && Number.isFinite(requested) ? Math.max(1, Math.floor(requested)) : g.page;
  const steps: StitchStep[] = [];
  for (const row of rows) {
    let { pageY, srcY, height } = row;
    while (height > 0) {
      const segment = Math.floor(pageY / segmentRows);
      const destY = pageY - segment * segmentRows;
      const take = Math.min(height, segmentRows - destY);
      steps.push({ capture: row.capture, pageY, srcY, height: take, segment, destY });
      pageY += take;
      srcY += take;
      height -= take;
    }
  }
  const segments = Array.from({ length: Math.ceil(g.page / segmentRows) }, (_, i) => ({
    height: Math.min(segmentRows, g.page - i * segmentRows),
  }));
  return {
    captures: scrollYs.map((scrollY) => ({ scrollY })),
    steps,
    segments,
    missing,
    fixedHeaderHeight: g.header,
    fixedFooterHeight: g.footer,
  };
}

/** True where the canvas encoders can run (service worker, extension pages); false under Node. */
export function canEncodeImages(): boolean {
  return typeof OffscreenCanvas === 'function' && typeof createImageBitmap === 'function';
}

/** Result of `compressImage`. */
export interface CompressedImage {
  blob: Blob;
  mime: string;
  /** False when the input was kept (encoders missing, failed, or not smaller). */
  compressed: boolean;
  /** True when the stored pixels are exactly the captured ones (the original, or lossless WebP). */
  lossless: boolean;
  width?: number;
  height?: number;
}

async function encode(canvas: OffscreenCanvas, type: string, quality: number): Promise<Blob | undefined> {
  const blob = await canvas.convertToBlob({ type, quality });
  // Browsers that cannot encode a type silently return PNG.
  return blob.type === type ? blob : undefined;
}

/**
 * Re-encodes a screenshot (PNG from captureVisibleTab) for storage: lossless WebP (WebAssembly libwebp, else the
 * canvas encoder) when that meets the size budget, else the smaller of lossless and lossy WebP (JPEG where WebP
 * encoding is unavailable), never larger than the input. Without canvas APIs (Node) or on any decoding error the
 * input is returned unchanged with its own type.
 * Hash the returned blob: it is what gets stored.
 */
export async function compressImage(input: Blob): Promise<CompressedImage> {
  const original: CompressedImage = {
    blob: input,
    mime: input.type || 'application/octet-stream',
    compressed: false,
    lossless: true,
  };
  if (!canEncodeImages()) return original;
  let bitmap: ImageBitmap | undefined;
  try {
    bitmap = await createImageBitmap(input);
    const { width, height } = bitmap;
    if (!width || !height) return original;
    const canvas = new OffscreenCanvas(width, height);
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    if (!ctx) return original;
    ctx.drawImage(bitmap, 0, 0);
    const exact = await encodeLosslessWebp(ctx.getImageData(0, 0, width, height));
    const lossless = exact
      ? new Blob([exact as Uint8Array<ArrayBuffer>], { type: 'image/webp' })
      : await encode(canvas, 'image/webp', WEBP_LOSSLESS_QUALITY);
    let lossy: Blob | undefined;
    if (!lossless || chooseEncoding(input.size, lossless.size) !== 'lossless') {
      lossy = lossless ? await encode(canvas, 'image/webp', WEBP_QUALITY) : undefined;
      if (!lossless) {
        // No WebP encoder. JPEG has no alpha: paint white behind transparent pixels instead of letting them turn black.
        ctx.globalCompositeOperation = 'destination-over';
        ctx.fillStyle = '#fff';
        ctx.fillRect(0, 0, width, height);
        lossy = await encode(canvas, 'image/jpeg', JPEG_QUALITY);
      }
    }
    const choice = chooseEncoding(input.size, lossless?.size, lossy?.size);
    const chosen = choice === 'lossless' ? lossless : choice === 'lossy' ? lossy : undefined;
    if (!chosen) return { ...original, width, height };
    return { blob: chosen, mime: chosen.type, compressed: true, lossless: choice === 'lossless', width, height };
  } catch {
    return original;
  } finally {
    bitmap?.close();
  }
}

/**
 * A small WebP (or JPEG) thumbnail for the report, or undefined where the canvas APIs are missing or the bytes are
 * not a decodable image. Signature fits `BundleInput.makeThumbnail`.
 */
export async function makeThumbnail(
  bytes: Uint8Array,
  mime: string,
  maxWidth = 480,
  maxHeight = 960,
): Promise<{ bytes: Uint8Array; mime: string } | undefined> {
  if (!canEncodeImages() || !mime.startsWith('image/')) return undefined;
  let bitmap: ImageBitmap | undefined;
  try {
    bitmap = await createImageBitmap(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: mime }));
    const plan = planThumbnail(bitmap.width, bitmap.height, maxWidth, maxHeight);
    if (!plan.width || !plan.height) return undefined;
    const canvas = new OffscreenCanvas(plan.width, plan.height);
    const ctx = canvas.getContext('2d');
    if (!ctx) return undefined;
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, plan.width, plan.height);
    const { x, y, width, height } = plan.crop;
    ctx.drawImage(bitmap, x, y, width, height, 0, 0, plan.width, plan.height);
    const blob =
      (await encode(canvas, 'image/webp', THUMBNAIL_QUALITY)) ?? (await encode(canvas, 'image/jpeg', JPEG_QUALITY));
    if (!blob) return undefined;
    return { bytes: new Uint8Array(await blob.arrayBuffer()), mime: blob.type };
  } catch {
    return undefined;
  } finally {
    bitmap?.close();
  }
}

/**
 * Draws the captures of a `planStitch`/`planCrops` plan into one PNG per segment (rows listed in `plan.missing`
 * stay blank). `captures[i]` is the screenshot taken at `plan.captures[i].scrollY`. Returns undefined where the
 * canvas APIs are missing.
 * Compress each returned blob with `compressImage` before storing.
 */
export async function stitchCaptures(
  plan: StitchPlan,
  captures: readonly Blob[],
  devicePixelRatio: number,
): Promise<Blob[] | undefined> {
  if (!canEncodeImages()) return undefined;
  const bitmaps = await Promise.all(captures.map((blob) => createImageBitmap(blob)));
  try {
    const width = Math.max(...bitmaps.map((b) => b.width));
    const out: Blob[] = [];
    for (const [segmentIndex, segment] of plan.segments.entries()) {
      const canvas = new OffscreenCanvas(width, Math.round(segment.height * devicePixelRatio));
      const ctx = canvas.getContext('2d');
      if (!ctx) throw new Error('stitchCaptures: no 2d context');
      for (const step of plan.steps.filter((s) => s.segment === segmentIndex)) {
        const bitmap = bitmaps[step.capture];
        if (!bitmap) throw new Error(`stitchCaptures: capture ${step.capture} missing`);
        const sy = Math.round(step.srcY * devicePixelRatio);
        const sh = Math.round(step.height * devicePixelRatio);
        const dy = Math.round(step.destY * devicePixelRatio);
        ctx.drawImage(bitmap, 0, sy, bitmap.width, sh, 0, dy, bitmap.width, sh);
      }
      out.push(await canvas.convertToBlob({ type: 'image/png' }));
    }
    return out;
  } finally {
    for (const bitmap of bitmaps) bitmap.close();
  }
}
