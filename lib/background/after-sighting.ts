import { addEvidence, buildTextRecord, TEXT_RECORD_MIME } from '@/lib/evidence';
import type { KamiGuardDb } from '@/lib/db';
import type { AfterStore, FetchedSource } from './orders-seen';
import type { CaptureRequest } from './capture-queue';

export interface AfterSightingDeps {
  db: KamiGuardDb;
  now: number;
  /** Queues a screenshot (the capturer persists and rate-limits it). */
  requestCapture(req: CaptureRequest): Promise<void>;
  /** Re-arms the order's reminder. */
  reschedule(orderId: number): Promise<void>;
  /** Called once the text record of a status change is stored (the opt-in automatic timestamp); not awaited. */
  statusChanged?(orderId: number): void;
}

/**
 * Evidence and reminders after a sighting: when an order is first picked up and on every status change, a text
 * record of what the page showed is stored at once and a screenshot of the tab is queued (a status change is then
 * also announced, for the opt-in timestamp); every order whose timeline changed gets its reminder re-armed. A
 * background check has no tab, so no screenshot: the page it fetched is kept instead, byte for byte, whenever the check
 * changed the order's timeline (status, keys).
 */
export async function afterSighting(after: AfterStore, deps: AfterSightingDeps): Promise<void> {
  for (const { order, result } of after.stored) {
    if (after.source && (result.created || result.events.length)) await storeSource(after.source, result.orderId, deps);
    if (!result.created && !result.statusChanged) continue;
    await addEvidence(
      deps.db,
      {
        orderId: result.orderId,
        kind: 'order_text',
        source: 'auto',
        bytes: buildTextRecord({
          order,
          visibleText: after.visibleText,
          url: after.url,
          pageTitle: after.title,
          capturedAt: deps.now,
        }),
        mime: TEXT_RECORD_MIME,
        url: after.url,
        pageTitle: after.title,
        capturedAt: deps.now,
      },
      { timelineEvent: true, now: deps.now },
    );
    if (result.statusChanged && !result.created) deps.statusChanged?.(result.orderId);
    if (after.tabId === undefined) continue;
    await deps.requestCapture({
      orderId: result.orderId,
      tabId: after.tabId,
      kind: 'order_page',
      source: 'auto',
      url: after.url,
      requestedAt: deps.now,
    });
  }
  const changed = new Set([
    ...after.stored.filter((s) => s.result.created || s.result.events.length).map((s) => s.result.orderId),
    ...after.linkedIds,
  ]);
  for (const id of changed) await deps.reschedule(id);
}

/** The fetched page as an evidence item: its bytes as served, hashed and chained; captured when it was requested. */
async function storeSource(source: FetchedSource, orderId: number, deps: AfterSightingDeps): Promise<void> {
  await addEvidence(
    deps.db,
    {
      orderId,
      kind: 'order_source',
      source: 'auto',
      bytes: source.bytes,
      mime: source.mime,
      url: source.url,
      capturedAt: source.requestedAt,
      note: source.note,
    },
    { timelineEvent: true, now: deps.now },
  );
}
