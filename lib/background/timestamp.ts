/**
 * Trusted timestamps, in the background: the one place KamiGuard sends anything to anyone but the shops' own pages.
 *
 * Requests run here rather than in the popup because the popup closes whenever the buyer clicks elsewhere, which
 * would abort a request whose token the authority has already issued; the background finishes it and keeps the token.
 * The automatic stamp after a status change has no page at all. (CORS is no reason either way: extension pages and
 * the background both fetch with the extension's host permissions.)
 *
 * Each request carries one SHA-256 and a random nonce, goes only to the authority the buyer chose, and only on the
 * buyer's click or the opt-in automatic setting. A token is stored only after it verified (lib/evidence/timestamp).
 */
import type { KamiGuardDb } from '@/lib/db/database';
import type { TimestampFacts } from '@/lib/db/types';
import { chainHeadInput, verifyChain } from '@/lib/db/chain';
import { chainTables, loadChainItems, readAnchor } from '@/lib/db/timeline';
import { addEvidence } from '@/lib/evidence/store';
import {
  AUTO_FAILURE_KEY,
  TIMESTAMP_REPLY_MIME,
  TimestampError,
  authorityOf,
  loadTimestampSettings,
  stamp,
  type AutoStampFailure,
  type TimestampInfo,
} from '@/lib/evidence/timestamp';
import { bytesToBase64 } from '@/lib/hash';
import type { StampFailure, StampManifestReply, StampOrderReply } from '@/lib/messaging/protocol';

export interface TimestampDeps {
  db: KamiGuardDb;
  /** Epoch ms. */
  now: () => number;
  /** The network, for tests: a fake or a local authority. */
  fetcher?: typeof fetch;
  timeoutMs?: number;
}

/**
 * Automatic stamps of one order are at least this far apart: a page flipping between statuses must not send a request
 * per flip (Sectigo, for one, asks for 15 s or more between requests). The next stamp covers what came between.
 */
export const AUTO_STAMP_MIN_GAP_MS = 10 * 60_000;

const encoder = new TextEncoder();

async function authorityUrl(db: KamiGuardDb): Promise<string> {
  const authority = authorityOf(await loadTimestampSettings(db));
  if (!authority) throw new TimestampError('bad_url');
  return authority.url;
}

/** The order's chain as stored, checked: the string whose SHA-256 is its head. */
async function chainHead(db: KamiGuardDb, orderId: number): Promise<Uint8Array> {
  return db.transaction('r', chainTables(db), async () => {
    const order = await db.orders.get(orderId);
    if (!order) throw new Error(`No order ${orderId}`);
    const items = await loadChainItems(db, order);
    const verification = verifyChain(order, items, await readAnchor(db, order));
    if (!verification.ok) throw new TimestampError('chain_broken', verification.reason);
    return encoder.encode(chainHeadInput(order, items));
  });
}

/**
 * Stamps the order's chain head at the chosen authority and appends the verified token to the order's chain (an
 * evidence row of kind 'timestamp' whose bytes are the whole TimeStampResp, and an `evidence_added` event). The
 * stamped hash is the head when the request was made: usually the new row's prevHash, or an earlier record's hash
 * when something was appended meanwhile. Throws `TimestampError`; on failure nothing is stored.
 */
export async function stampOrderChain(
  deps: TimestampDeps,
  orderId: number,
  source: 'manual' | 'auto',
): Promise<TimestampFacts> {
  const url = await authorityUrl(deps.db);
  const head = await chainHead(deps.db, orderId);
  const { tsr, info } = await stamp(url, head, deps.fetcher, deps.timeoutMs);
  const facts: TimestampFacts = { ...info, stamped: 'chain_head' };
  const now = deps.now();
  try {
    await addEvidence(
      deps.db,
      {
        orderId,
        kind: 'timestamp',
        source,
        bytes: tsr,
        mime: TIMESTAMP_REPLY_MIME,
        url,
        capturedAt: now,
        timestamp: facts,
      },
      { timelineEvent: true, now },
    );
  } catch (error) {
    throw new TimestampError('not_saved', error instanceof Error ? error.message : String(error), { cause: error });
  }
  return facts;
}

/** Stamps a bundle's manifest.json (its exact text, UTF-8). The token goes into the bundle beside it; nothing is stored. */
export async function stampManifest(
  deps: TimestampDeps,
  manifest: string,
): Promise<{ tsr: Uint8Array; info: TimestampInfo }> {
  const url = await authorityUrl(deps.db);
  return stamp(url, encoder.encode(manifest), deps.fetcher, deps.timeoutMs);
}

function failure(error: unknown): StampFailure {
  if (error instanceof TimestampError)
    return { ok: false, code: error.code, ...(error.detail ? { detail: error.detail } : {}) };
  throw error;
}

/** The popup's "申请可信时间戳": a reply either way (a `TimestampError` becomes `{ ok: false }`). */
export async function handleStampOrder(deps: TimestampDeps, orderId: number): Promise<StampOrderReply> {
  try {
    return { ok: true, facts: await stampOrderChain(deps, orderId, 'manual') };
  } catch (error) {
    return failure(error);
  }
}

/** A bundle's manifest stamp, as a reply. */
export async function handleStampManifest(deps: TimestampDeps, manifest: string): Promise<StampManifestReply> {
  try {
    const { tsr, info } = await stampManifest(deps, manifest);
    return { ok: true, tsr: bytesToBase64(tsr), facts: info };
  } catch (error) {
    return failure(error);
  }
}

/** Orders with an automatic stamp under way in this worker (two sightings of one change must not send two). */
const inFlight = new Set<number>();

/**
 * After a status change: when the buyer turned on "stamp each status change", stamps the order's chain head, at most
 * once per `AUTO_STAMP_MIN_GAP_MS` per order. Never throws: a failure is kept for the options page (and cleared by the
 * next automatic stamp that works). Returns whether a token was stored.
 */
export async function autoStampAfterStatusChange(deps: TimestampDeps, orderId: number): Promise<boolean> {
  const { db } = deps;
  if (inFlight.has(orderId)) return false;
  inFlight.add(orderId);
  try {
    if (!(await loadTimestampSettings(db)).autoOnStatusChange) return false;
    const stamps = await db.evidence
      .where('orderId')
      .equals(orderId)
      .filter((e) => e.kind === 'timestamp')
      .toArray();
    if (stamps.some((s) => deps.now() - s.capturedAt < AUTO_STAMP_MIN_GAP_MS)) return false;
    await stampOrderChain(deps, orderId, 'auto');
    await db.kv.delete(AUTO_FAILURE_KEY);
    return true;
  } catch (error) {
    const reason =
      error instanceof TimestampError
        ? { code: error.code, ...(error.detail ? { detail: error.detail } : {}) }
        : { code: 'not_saved' as const, detail: error instanceof Error ? error.message : String(error) };
    const value: AutoStampFailure = { at: deps.now(), orderId, ...reason };
    await db.kv.put({ key: AUTO_FAILURE_KEY, value }).catch(() => undefined);
    return false;
  } finally {
    inFlight.delete(orderId);
  }
}
