import type { KamiGuardDb } from '@/lib/db';
import type { EvidenceKind } from '@/lib/db/types';

/** A screenshot waiting to be taken. Kept in the database so a sleeping service worker loses none. */
export interface CaptureRequest {
  orderId: number;
  tabId: number;
  kind: EvidenceKind;
  source: 'auto' | 'manual';
  /** The page the capture is for: a tab that has moved on to another page is not captured. */
  url: string;
  requestedAt: number;
  /**
   * Set at browser start-up: tab ids do not survive a browser restart, so the request goes to whichever tab shows its
   * page, and waits (up to `MAX_WAIT_MS`) for the buyer to open that page again.
   */
  anyTab?: boolean;
  /** Times a capture of it began. A worker stopped in the middle leaves it queued, and the next start takes it again. */
  attempts?: number;
}

/** What we know about a tab when deciding whether to capture it now. */
export interface TabState {
  exists: boolean;
  url?: string;
  /** Active in its window and the window is not minimised: what captureVisibleTab would show. */
  visible: boolean;
}

export const QUEUE_KEY = 'capture.queue';
/** Requests older than this are dropped: a screenshot of a page long gone would not show the order. */
export const MAX_WAIT_MS = 24 * 3600_000;
const MAX_QUEUE = 100;
/** A request whose capture began this often without finishing (the worker stopped each time) is given up. */
export const MAX_ATTEMPTS = 3;

export async function readQueue(db: KamiGuardDb): Promise<CaptureRequest[]> {
  const row = await db.kv.get(QUEUE_KEY);
  return Array.isArray(row?.value) ? (row.value as CaptureRequest[]) : [];
}

/** Read-modify-write of the queue in one transaction. */
export async function updateQueue(
  db: KamiGuardDb,
  change: (queue: CaptureRequest[]) => CaptureRequest[],
): Promise<void> {
  await db.transaction('rw', db.kv, async () => {
    await db.kv.put({ key: QUEUE_KEY, value: change(await readQueue(db)).slice(-MAX_QUEUE) });
  });
}

/** Identity of a request within the queue. */
export function requestKey(r: CaptureRequest): string {
  return `${r.orderId}|${r.tabId}|${r.kind}|${r.source}|${r.requestedAt}`;
}

/** Adds a request; an automatic one already waiting for the same order, tab and kind is not queued twice. */
export function enqueue(queue: readonly CaptureRequest[], req: CaptureRequest): CaptureRequest[] {
  const same = (q: CaptureRequest): boolean =>
    q.source === 'auto' &&
    req.source === 'auto' &&
    q.orderId === req.orderId &&
    q.tabId === req.tabId &&
    q.kind === req.kind;
  return [...queue.filter((q) => !same(q)), req];
}

/** Compares page URLs without their fragment: a hash change is the same page. */
export function samePage(a: string | undefined, b: string): boolean {
  if (!a) return false;
  return a.split('#')[0] === b.split('#')[0];
}

export type Decision = 'capture' | 'wait' | 'drop';

/**
 * Whether to capture a request now, keep it until its tab is visible again, or drop it (tab closed, page left, too
 * old, tried too often). `tab` is the request's own tab, or for an `anyTab` request a tab showing its page, if any.
 */
export function decide(req: CaptureRequest, tab: TabState, now: number): Decision {
  if (now - req.requestedAt > MAX_WAIT_MS || (req.attempts ?? 0) >= MAX_ATTEMPTS) return 'drop';
  if (tab.exists && samePage(tab.url, req.url)) return tab.visible ? 'capture' : 'wait';
  return req.anyTab ? 'wait' : 'drop';
}

/** After a browser restart: every waiting request goes to whichever tab shows its page (tab ids start over). */
export function forgetTabs(queue: readonly CaptureRequest[]): CaptureRequest[] {
  return queue.map((req) => ({ ...req, anyTab: true }));
}
