/**
 * The popup budget of issue 12: with 1,000 orders, 3,000 events and 5,000 evidence items (2 KB blobs) stored, the list
 * is ready and painted — the first order card in the DOM, then the task after the next animation frame — in ≤ 150 ms
 * median. The approach of the shared perf harness (shared/perf/measure.mjs): popup.html opened in a tab, a
 * MutationObserver installed before the app runs, `performance.now()` when the selector first matches. The database is
 * seeded with the shared harness's seed-kamiguard.mjs when it is beside the project (the figure is then the harness's
 * own), else with tests/support/seed-orders.ts (the same counts, orders of every state).
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { seedOrders } from '../support/seed-orders.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const READY = '[data-testid="order-row"]';

/** Where the shared perf harness's seed may be: $KAMIGUARD_PERF_DIR, then shared/ beside the project or its parent. */
function sharedSeed(): string | undefined {
  const dirs = [process.env.KAMIGUARD_PERF_DIR, join(ROOT, '../shared/perf'), join(ROOT, '../../shared/perf')];
  return dirs.map((d) => d && join(d, 'seed-kamiguard.mjs')).find((f): f is string => !!f && existsSync(f));
}

/** Runs in the popup page before its scripts: marks when the first order card appears, and the frame after. */
function probe(selector: string): void {
  const w = window as unknown as { __kgReady?: { t: number; painted?: number } };
  const mark = (): void => {
    if (w.__kgReady) return;
    const r: { t: number; painted?: number } = { t: performance.now() };
    w.__kgReady = r;
    requestAnimationFrame(() => setTimeout(() => (r.painted = performance.now()), 0));
  };
  const mo = new MutationObserver(() => {
    if (document.querySelector(selector)) {
      mo.disconnect();
      mark();
    }
  });
  mo.observe(document, { childList: true, subtree: true });
}

async function openOnce(
  context: BrowserContext,
  url: string,
): Promise<{ ready: number; painted: number; fcp: number }> {
  const page = await context.newPage();
  try {
    await page.addInitScript(probe, READY);
    await page.goto(url);
    await page.waitForFunction(
      () => (window as never as { __kgReady?: { painted?: number } }).__kgReady?.painted,
      null,
      {
        timeout: 15_000,
        polling: 20,
      },
    );
    return await page.evaluate(() => {
      const r = (window as never as { __kgReady: { t: number; painted: number } }).__kgReady;
      const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN;
      return { ready: r.t, painted: r.painted, fcp };
    });
  } finally {
    await page.close();
  }
}

/** Seeds the database, opens the popup `runs + 1` times (the first, cold one discarded) and returns the samples. */
export async function popupTimes(
  context: BrowserContext,
  extensionId: string,
  runs: number,
): Promise<{ seed: string; samples: { ready: number; painted: number; fcp: number }[] }> {
  const url = `chrome-extension://${extensionId}/popup.html`;
  const seeder: Page = await context.newPage();
  await seeder.goto(url);
  await seeder.waitForTimeout(500);
  const shared = sharedSeed();
  if (shared) {
    const mod = (await import(pathToFileURL(shared).href)) as {
      default: (page: Page, info: object) => Promise<unknown>;
    };
    await mod.default(seeder, { extensionId, log: () => undefined });
  } else {
    await seedOrders(seeder);
  }
  await seeder.close();
  const samples = [];
  for (let i = 0; i <= runs; i++) samples.push(await openOnce(context, url));
  return {
    seed: shared ? 'shared/perf/seed-kamiguard.mjs' : 'tests/support/seed-orders.ts',
    samples: samples.slice(1),
  };
}
