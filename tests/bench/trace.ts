/** Main-thread time a script of ours costs a page, read from a Chromium trace of the page load. */
import type { BrowserContext, Page } from 'playwright-core';

interface TraceEvent {
  name: string;
  ph: string;
  dur?: number;
  tid: number;
  args?: { data?: { url?: string; stackTrace?: { url?: string }[] } };
}

/**
 * Loads `url` in a fresh tab while tracing and returns the milliseconds of top-level script evaluation and function
 * calls whose script URL ends with `scriptSuffix` (e.g. '/probe.js'), plus the work they run (nested events are
 * not counted twice).
 */
export async function scriptTimeOnLoad(
  context: BrowserContext,
  url: string,
  scriptSuffix: string,
  settleMs = 1500,
): Promise<number> {
  const page: Page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...(e.value as unknown as TraceEvent[])));
  const done = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
  await cdp.send('Tracing.start', {
    traceConfig: { includedCategories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] },
    transferMode: 'ReportEvents',
  });
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForTimeout(settleMs);
  await cdp.send('Tracing.end');
  await done;
  await page.close();
  const ours = (e: TraceEvent): boolean => Boolean(e.args?.data?.url?.endsWith(scriptSuffix));
  const top = events.filter(
    (e) => e.ph === 'X' && (e.name === 'EvaluateScript' || e.name === 'FunctionCall') && ours(e),
  );
  return top.reduce((sum, e) => sum + (e.dur ?? 0), 0) / 1000;
}

export function median(values: number[]): number {
  const s = values.toSorted((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}
