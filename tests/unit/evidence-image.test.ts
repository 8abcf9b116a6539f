// @vitest-environment node
import { describe, expect, it } from 'vitest';
import {
  MAX_CANVAS_AREA,
  MAX_CANVAS_SIDE,
  canEncodeImages,
  chooseEncoding,
  compressImage,
  fitWithin,
  makeThumbnail,
  maxSegmentHeight,
  nextStitchScroll,
  planCrops,
  planStitch,
  planThumbnail,
  type StitchPlan,
} from '@/lib/evidence/image';

/** Replays a plan on a page: which page row ends up at each output row, and which viewport rows were copied. */
function replay(plan: StitchPlan, viewport: number): { pageRows: number[]; viewportRows: number[] } {
  const pageRows: number[] = [];
  const viewportRows: number[] = [];
  for (const step of [...plan.steps].sort((a, b) => a.segment - b.segment || a.destY - b.destY)) {
    const scrollY = plan.captures[step.capture]!.scrollY;
    for (let r = 0; r < step.height; r++) {
      const viewportRow = step.srcY + r;
      expect(viewportRow).toBeGreaterThanOrEqual(0);
      expect(viewportRow).toBeLessThan(viewport);
      viewportRows.push(viewportRow);
      pageRows.push(scrollY + viewportRow);
    }
  }
  return { pageRows, viewportRows };
}

describe('planStitch', () => {
  const cases: [number, number, number, number?][] = [
    [5000, 800, 60],
    [801, 800, 60],
    [2400, 800, 0],
    [2399, 800, 120, 50],
    [12_345, 937, 73],
  ];
  it.each(cases)(
    'page %i, viewport %i, header %i, footer %s: every page row once, in order',
    (page, viewport, header, footer) => {
      const plan = planStitch(page, viewport, header, { fixedFooterHeight: footer });
      const { pageRows } = replay(plan, viewport);
      expect(pageRows).toEqual(Array.from({ length: page }, (_, i) => i));
      expect(plan.segments).toEqual([{ height: page }]);
      for (const { scrollY } of plan.captures) {
        expect(scrollY).toBeGreaterThanOrEqual(0);
        expect(scrollY).toBeLessThanOrEqual(page - viewport);
      }
    },
  );

  it('keeps the fixed header only from the first capture', () => {
    const plan = planStitch(5000, 800, 60);
    for (const step of plan.steps.filter((s) => s.capture > 0)) expect(step.srcY).toBeGreaterThanOrEqual(60);
    // Scrolling advances by the viewport minus the header, so no content hides under it.
    expect(plan.captures.slice(0, 3).map((c) => c.scrollY)).toEqual([0, 740, 1480]);
  });

  it('leaves a fixed footer out of every capture but the last', () => {
    const plan = planStitch(3000, 800, 0, { fixedFooterHeight: 50 });
    const lastCapture = plan.captures.length - 1;
    for (const step of plan.steps) {
      if (step.capture !== lastCapture) expect(step.srcY + step.height).toBeLessThanOrEqual(750);
    }
  });

  it('takes a page no taller than the viewport in one capture', () => {
    expect(planStitch(600, 800, 60)).toMatchObject({ captures: [{ scrollY: 0 }], steps: [{ srcY: 0, height: 600 }] });
  });

  it('clamps a header so tall that scrolling would reveal nothing', () => {
    const plan = planStitch(3000, 800, 900);
    expect(plan.fixedHeaderHeight).toBeLessThan(800);
    expect(replay(plan, 800).pageRows).toHaveLength(3000);
  });

  it('splits tall pages into segments without losing or repeating rows', () => {
    const plan = planStitch(10_000, 800, 60, { maxSegmentHeight: 3000 });
    expect(plan.segments.map((s) => s.height)).toEqual([3000, 3000, 3000, 1000]);
    for (const step of plan.steps) expect(step.destY + step.height).toBeLessThanOrEqual(3000);
    expect(replay(plan, 800).pageRows).toEqual(Array.from({ length: 10_000 }, (_, i) => i));
  });

  it('follows the scroll positions a page actually reaches, and reports rows no capture showed', () => {
    // A page that snaps scrolling to multiples of 100 px.
    const reached: number[] = [];
    for (let next: number | undefined = 0; next !== undefined; next = nextStitchScroll(3000, 800, 60, reached)) {
      reached.push(Math.min(2200, Math.floor(next / 100) * 100));
    }
    const plan = planCrops(3000, 800, 60, reached);
    expect(plan.missing).toEqual([]);
    expect(replay(plan, 800).pageRows).toEqual(Array.from({ length: 3000 }, (_, i) => i));
    for (const step of plan.steps.filter((s) => s.capture > 0)) expect(step.srcY).toBeGreaterThanOrEqual(60);

    // A scroll that went too far leaves a gap, which is reported rather than papered over.
    const gap = planCrops(3000, 800, 60, [0, 900, 1640, 2200]);
    expect(gap.missing).toEqual([[800, 960]]);
    expect(new Set(replay(gap, 800).pageRows).size).toBe(3000 - 160);
    // A page that will not scroll ends the loop instead of spinning.
    expect(nextStitchScroll(3000, 800, 60, [0, 0])).toBeUndefined();
  });
});

describe('size math', () => {
  it('fitWithin scales down only, keeping the aspect ratio', () => {
    expect(fitWithin(1920, 1080, 480, 960)).toEqual({ width: 480, height: 270, scale: 0.25 });
    expect(fitWithin(100, 50, 480, 960)).toEqual({ width: 100, height: 50, scale: 1 });
    expect(fitWithin(0, 10, 480, 960)).toMatchObject({ width: 0, height: 0 });
  });

  it('planThumbnail crops long screenshots from the top before scaling', () => {
    const plan = planThumbnail(1280, 20_000, 480, 960);
    expect(plan.crop).toEqual({ x: 0, y: 0, width: 1280, height: 2560 });
    expect(plan).toMatchObject({ width: 480, height: 960 });
    expect(planThumbnail(1280, 800).crop.height).toBe(800);
  });

  it('maxSegmentHeight keeps canvases inside side and area limits', () => {
    for (const [width, dpr] of [
      [1280, 1],
      [1280, 2],
      [3840, 2],
      [20_000, 1],
    ] as const) {
      const rows = maxSegmentHeight(width, dpr);
      expect(rows * dpr).toBeLessThanOrEqual(MAX_CANVAS_SIDE);
      expect(rows * dpr * Math.ceil(width * dpr)).toBeLessThanOrEqual(MAX_CANVAS_AREA);
      expect(rows).toBeGreaterThan(0);
    }
  });

  it('chooseEncoding prefers pixel-exact lossless within budget, else the smallest, never a larger file', () => {
    expect(chooseEncoding(1000, 150, 100)).toBe('lossless');
    expect(chooseEncoding(1000, 400, 100)).toBe('lossless');
    expect(chooseEncoding(1000, 700, 300)).toBe('lossy');
    expect(chooseEncoding(1000, 500, 600)).toBe('lossless');
    expect(chooseEncoding(1000, 1200, 1100)).toBe('original');
    expect(chooseEncoding(1000, undefined, 300)).toBe('lossy');
    expect(chooseEncoding(1000, undefined, undefined)).toBe('original');
    expect(chooseEncoding(1000, 0, 0)).toBe('original');
  });
});

describe('encoders without canvas APIs (Node)', () => {
  it('return the input unchanged', async () => {
    expect(canEncodeImages()).toBe(false);
    const png = new Blob([new Uint8Array([137, 80, 78, 71])], { type: 'image/png' });
    const result = await compressImage(png);
    expect(result).toMatchObject({ blob: png, mime: 'image/png', compressed: false, lossless: true });
    expect(await makeThumbnail(new Uint8Array([1]), 'image/png')).toBeUndefined();
  });
});
