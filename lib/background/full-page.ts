import { browser, type Browser } from 'wxt/browser';
import type { KamiGuardDb } from '@/lib/db';
import {
  addEvidence,
  compressImage,
  dataUrlToBlob,
  maxSegmentHeight,
  nextStitchScroll,
  planCrops,
  stitchCaptures,
} from '@/lib/evidence';
import type { CaptureRequest } from './capture-queue';
import { MIN_CAPTURE_GAP_MS } from './capture';

interface PageGeometry {
  pageHeight: number;
  viewportHeight: number;
  viewportWidth: number;
  dpr: number;
  header: number;
  footer: number;
  scrollY: number;
}

/** Runs in the page: sizes, and the height of fixed/sticky bars at the top and bottom that every capture repeats. */
function measure(): PageGeometry {
  const vh = innerHeight;
  let header = 0;
  let footer = 0;
  for (const el of document.querySelectorAll<HTMLElement>('body *')) {
    const pos = getComputedStyle(el).position;
    if (pos !== 'fixed' && pos !== 'sticky') continue;
    const r = el.getBoundingClientRect();
    if (r.height === 0 || r.height > vh / 3) continue;
    if (r.top <= 1) header = Math.max(header, r.bottom);
    else if (r.bottom >= vh - 1) footer = Math.max(footer, vh - r.top);
  }
  return {
    pageHeight: document.documentElement.scrollHeight,
    viewportHeight: vh,
    viewportWidth: innerWidth,
    dpr: devicePixelRatio,
    header,
    footer,
    scrollY: scrollY,
  };
}

/** Runs in the page: scrolls and reports where it got to (a page may not go exactly where asked). */
function scrollToY(y: number): Promise<number> {
  scrollTo({ top: y, behavior: 'instant' });
  return new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve(scrollY))));
}

async function inPage<A extends unknown[], R>(tabId: number, func: (...args: A) => R, args: A): Promise<Awaited<R>> {
  const [result] = await browser.scripting.executeScript({
    target: { tabId },
    func: func as never,
    args: args as never,
  });
  return result?.result as Awaited<R>;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A long screenshot of the whole order page: scroll, capture each screen (within Chrome's 2-a-second limit), stitch
 * without repeating fixed headers, compress and store (one item per segment for very long pages). The page's scroll
 * position is restored afterwards.
 */
export async function captureFullPage(
  db: KamiGuardDb,
  tab: Browser.tabs.Tab,
  req: CaptureRequest,
): Promise<{ ok: boolean; error?: string }> {
  const tabId = tab.id!;
  const g = await inPage(tabId, measure, []);
  const options = { fixedFooterHeight: g.footer, maxSegmentHeight: maxSegmentHeight(g.viewportWidth, g.dpr) };
  const reached: number[] = [];
  const shots: Blob[] = [];
  try {
    for (
      let next = nextStitchScroll(g.pageHeight, g.viewportHeight, g.header, reached, options);
      next !== undefined && shots.length < 60;
      next = nextStitchScroll(g.pageHeight, g.viewportHeight, g.header, reached, options)
    ) {
      reached.push(await inPage(tabId, scrollToY, [next]));
      if (shots.length) await sleep(MIN_CAPTURE_GAP_MS);
      shots.push(await dataUrlToBlob(await browser.tabs.captureVisibleTab(tab.windowId!, { format: 'png' })));
    }
  } finally {
    await inPage(tabId, scrollToY, [g.scrollY]).catch(() => undefined);
  }
  const plan = planCrops(g.pageHeight, g.viewportHeight, g.header, reached, options);
  const segments = await stitchCaptures(plan, shots, g.dpr);
  if (!segments?.length) return { ok: false, error: 'stitching is not available here' };
  const capturedAt = Date.now();
  for (const [i, segment] of segments.entries()) {
    const image = await compressImage(segment);
    await addEvidence(
      db,
      {
        ...req,
        bytes: image.blob,
        mime: image.mime,
        pageTitle: tab.title,
        capturedAt,
        note: segments.length > 1 ? `full page ${i + 1}/${segments.length}` : 'full page',
      },
      { timelineEvent: true, now: capturedAt },
    );
  }
  return { ok: true };
}
