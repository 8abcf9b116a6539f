/** Main-thread time a script of ours costs a page, read from a Chromium trace of the page load. */
import type { BrowserContext, CDPSession, Page } from 'playwright-core';

/** One event of a Chromium trace (the fields read here). */
export interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  /** Thread (CPU) clock of the event, where Chromium records it. */
  tts?: number;
  tdur?: number;
  pid: number;
  tid: number;
  args?: {
    name?: string;
    worldId?: number;
    worldName?: string;
    fileName?: string;
    data?: {
      url?: string;
      scriptName?: string;
      frame?: string;
      processId?: number;
      stackTrace?: Array<{ url?: string }>;
      frames?: Array<{ frame?: string; processId?: number }>;
    };
  };
}

/** Loads `url` in a fresh tab while tracing `categories`; returns the events and the tab's main frame id. */
async function tracedLoad(
  context: BrowserContext,
  url: string,
  settleMs: number,
  categories: string[],
): Promise<{ events: TraceEvent[]; frameId: string }> {
  const page: Page = await context.newPage();
  const cdp: CDPSession = await context.newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...(e.value as unknown as TraceEvent[])));
  const done = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
  await cdp.send('Tracing.start', {
    traceConfig: { includedCategories: categories, excludedCategories: ['*'] },
    transferMode: 'ReportEvents',
  });
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForTimeout(settleMs);
  const { frameTree } = await cdp.send('Page.getFrameTree');
  await cdp.send('Tracing.end');
  await done;
  await page.close();
  return { events, frameId: frameTree.frame.id };
}

/** The extension's whole cost on one page load, by trace (see {@link extensionTimeOnLoad}). */
export interface ExtensionCost {
  /** Main-thread wall time of everything the extension ran in the page: compile, first run, later callbacks. */
  totalMs: number;
  /** Injection: evaluating, compiling and running the scripts' top-level code. */
  injectMs: number;
  /** Everything after: MutationObserver callbacks, timers, message replies. */
  callbackMs: number;
  /** Style and layout the scripts forced synchronously (innerText and the like), inside the above. */
  forcedMs: number;
  /**
   * The same slices by the thread's CPU clock: what the main thread spent on them while it ran, without the time the
   * machine gave other work (steadier than wall time on a loaded machine; compare builds by it).
   */
  cpuMs: number;
}

const INJECTION = new Set(['EvaluateScript', 'v8.compile', 'v8.run', 'v8.produceCache']);
const STYLE_LAYOUT = new Set(['Layout', 'UpdateLayoutTree', 'RecalculateStyles', 'UpdateLayerTree', 'PrePaint']);

const urlOf = (e: TraceEvent): string =>
  e.args?.data?.url || e.args?.data?.scriptName || e.args?.data?.stackTrace?.[0]?.url || e.args?.fileName || '';

/** A complete event's time span, µs. */
type Span = [start: number, end: number];
const spanOf = (e: TraceEvent): Span => [e.ts, e.ts + e.dur!];

/** Spans merged into disjoint ones, sorted. */
function merge(spans: readonly Span[]): Span[] {
  const out: Span[] = [];
  for (const [s, e] of spans.toSorted((a, b) => a[0] - b[0])) {
    const last = out.at(-1);
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}

/** Total length of the union of spans, ms. */
const length = (spans: readonly Span[]): number => merge(spans).reduce((sum, [s, e]) => sum + e - s, 0) / 1000;

/** One event of the extension's, with the script it belongs to ('isolated world' for calls known by world alone). */
interface Attributed {
  e: TraceEvent;
  script: string;
}

/**
 * Attribution as the shared perf harness does it (shared/perf/README.md): on renderer main threads (`CrRendererMain`,
 * all of them, or those `keep` accepts), every complete event whose script URL starts with `prefix`, or that runs in
 * an isolated world such an event revealed in the same process (content scripts run in one; a MutationObserver
 * callback has no URL of its own, only its world), is the extension's. Returns those and every main-thread event.
 */
function attribute(
  events: readonly TraceEvent[],
  prefix: string,
  keep: (pid: number) => boolean = () => true,
): { main: TraceEvent[]; ours: Attributed[] } {
  const threads = new Set(
    events
      .filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain' && keep(e.pid))
      .map((e) => `${e.pid}:${e.tid}`),
  );
  const main = events.filter((e) => e.ph === 'X' && e.dur !== undefined && threads.has(`${e.pid}:${e.tid}`));
  const worlds = new Set(
    main
      .filter((e) => urlOf(e).startsWith(prefix) && (e.args?.worldId ?? 0) > 0 && e.args?.worldName)
      .map((e) => `${e.pid}:${e.args!.worldId}`),
  );
  const ours: Attributed[] = [];
  for (const e of main) {
    const url = urlOf(e);
    if (url.startsWith(prefix)) ours.push({ e, script: url.slice(prefix.length) });
    else if (e.args?.worldId !== undefined && worlds.has(`${e.pid}:${e.args.worldId}`))
      ours.push({ e, script: 'isolated world' });
  }
  return { main, ours };
}

/** What the extension ran on the renderer that committed the page's frame `frameId` (see `attribute`). */
function onPageRenderer(
  events: readonly TraceEvent[],
  extensionId: string,
  frameId: string,
): ReturnType<typeof attribute> {
  let pid: number | undefined;
  for (const e of events) {
    const data = e.args?.data;
    if (e.name === 'FrameCommittedInBrowser' && data?.frame === frameId && data.processId) pid = data.processId;
    if (pid === undefined && e.name === 'TracingStartedInBrowser')
      pid = data?.frames?.find((f) => f.frame === frameId)?.processId;
  }
  return attribute(events, `chrome-extension://${extensionId}/`, (p) => p === pid);
}

/** The same events by the thread's CPU clock (those that carry it), nested ones merged, ms. */
const cpuLength = (its: readonly Attributed[]): number =>
  length(
    its.filter(({ e }) => e.tts !== undefined && e.tdur !== undefined).map(({ e }): Span => [e.tts!, e.tts! + e.tdur!]),
  );

/**
 * The extension's cost on the renderer that committed the page's frame `frameId`: nested events are merged, so the
 * figure is wall time, not a double count.
 */
export function attributeExtension(events: TraceEvent[], extensionId: string, frameId: string): ExtensionCost {
  const { main, ours } = onPageRenderer(events, extensionId, frameId);
  const spans = ours.map(({ e }) => spanOf(e));
  const slices = merge(spans);
  const inside = (e: TraceEvent): boolean => slices.some(([s, end]) => e.ts >= s && e.ts + e.dur! <= end);
  const totalMs = length(slices);
  const injectMs = length(ours.filter(({ e }) => INJECTION.has(e.name)).map(({ e }) => spanOf(e)));
  return {
    totalMs,
    injectMs,
    callbackMs: totalMs - injectMs,
    forcedMs: length(main.filter((e) => STYLE_LAYOUT.has(e.name) && inside(e)).map(spanOf)),
    cpuMs: cpuLength(ours),
  };
}

/**
 * Loads `url` in a fresh tab while tracing and returns what every script of the extension `extensionId` cost the page's
 * main thread over the load and `settleMs` after it: the scripts the background injected and their callbacks.
 */
export async function extensionTimeOnLoad(
  context: BrowserContext,
  url: string,
  extensionId: string,
  settleMs = 3000,
): Promise<ExtensionCost> {
  const { events, frameId } = await tracedLoad(context, url, settleMs, [
    'devtools.timeline',
    'v8',
    'disabled-by-default-devtools.timeline',
  ]);
  return attributeExtension(events, extensionId, frameId);
}

/**
 * What one page script of the extension cost on a page load, by trace: everything the extension ran there (as
 * {@link extensionTimeOnLoad} attributes it) that is `scriptSuffix`'s: its evaluation and calls, and the functions the
 * background ran in the page with `scripting.executeScript({ func })` (they have no URL of their own; the checkout
 * panel is told what to show that way). Nested events are merged: wall time, and the same by the thread's CPU clock.
 */
export async function injectedScriptCostOnLoad(
  context: BrowserContext,
  url: string,
  extensionId: string,
  scriptSuffix: string,
  settleMs = 1500,
): Promise<{ wallMs: number; cpuMs: number }> {
  const { events, frameId } = await tracedLoad(context, url, settleMs, [
    'devtools.timeline',
    'v8',
    'disabled-by-default-devtools.timeline',
  ]);
  const { ours } = onPageRenderer(events, extensionId, frameId);
  const its = ours.filter(
    ({ e, script }) =>
      `/${script}`.endsWith(scriptSuffix) ||
      // A function the background sent: compiled and run in our world, with no script URL.
      (script === 'isolated world' && (e.name === 'v8.compile' || e.name === 'v8.run') && !urlOf(e)),
  );
  return { wallMs: length(its.map(({ e }) => spanOf(e))), cpuMs: cpuLength(its) };
}

/**
 * The categories DevTools' performance panel records (tasks, script, layout, with script URLs), and `v8`, whose
 * `v8.callFunction` events name the JavaScript world a call runs in: a MutationObserver callback runs as a microtask
 * inside the page's own task and has no URL event of its own, only its world.
 */
const TIMELINE = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8'];

/** Records a trace of what the browser does while `work` runs (the page's session starts and ends it). */
export async function traceWhile(
  context: BrowserContext,
  page: Page,
  work: () => Promise<void>,
): Promise<TraceEvent[]> {
  const cdp = await context.newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...(e.value as unknown as TraceEvent[])));
  const done = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
  await cdp.send('Tracing.start', {
    traceConfig: { includedCategories: TIMELINE, recordMode: 'recordAsMuchAsPossible' },
    transferMode: 'ReportEvents',
  });
  try {
    await work();
  } finally {
    await cdp.send('Tracing.end');
    await done;
    await cdp.detach();
  }
  return events;
}

/** Main-thread time of an extension's scripts in pages, from a trace. */
export interface ScriptTime {
  /** Wall time on renderer main threads (nested events merged, so nothing is counted twice). */
  ms: number;
  /** Separate stretches of that time: a script's first run, then each callback (observer, timer, message reply). */
  slices: number;
  /** The longest stretch. */
  longestMs: number;
  /** ms per script file; 'isolated world' for callbacks known only by the world they run in. */
  byScript: Record<string, number>;
}

/**
 * The time scripts from `urlPrefix` (an extension's `chrome-extension://<id>/`) took on the main threads of every
 * renderer (the extension's service worker runs elsewhere), with everything nested in them (style and layout they
 * force included); see `attribute`.
 */
export function scriptMainThreadTime(events: readonly TraceEvent[], urlPrefix: string): ScriptTime {
  const byThread = new Map<string, Span[]>();
  const byScript = new Map<string, Span[]>();
  for (const { e, script } of attribute(events, urlPrefix).ours) {
    const thread = `${e.pid}:${e.tid}`;
    byThread.set(thread, [...(byThread.get(thread) ?? []), spanOf(e)]);
    byScript.set(script, [...(byScript.get(script) ?? []), spanOf(e)]);
  }
  const total = { ms: 0, slices: 0, longestMs: 0 };
  for (const spans of byThread.values()) {
    for (const [s, e] of merge(spans)) {
      total.ms += (e - s) / 1000;
      total.slices++;
      total.longestMs = Math.max(total.longestMs, (e - s) / 1000);
    }
  }
  return { ...total, byScript: Object.fromEntries([...byScript].map(([script, spans]) => [script, length(spans)])) };
}

export function median(values: number[]): number {
  const s = values.toSorted((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}
