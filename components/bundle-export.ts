import { getDb } from '@/lib/db';
import { buildDraft, draftChannels, type DraftLocale } from '@/lib/drafts';
import {
  buildBundle,
  collectBundleOrder,
  createManifestSigner,
  loadBundleSettings,
  makeThumbnail,
} from '@/lib/evidence';
import { computeClock } from '@/lib/escalation';
import { TimestampError } from '@/lib/evidence/timestamp/errors';
import { base64ToBytes } from '@/lib/hash';
import { sendMessage } from '@/lib/messaging/protocol';
import { loadEscalationSettings } from '@/lib/reminders';
import { downloadBytes } from './download';
import { draftShop } from './draft-shop';

/** "kamiguard-<orderNo>-20261130-1405.zip" (order numbers are ASCII on every surveyed system; anything else goes). */
function bundleName(orderNos: string[], now: number): string {
  const stamp = new Date(now + 8 * 3600_000).toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
  const which = orderNos.length === 1 ? orderNos[0]!.replace(/[^A-Za-z0-9_-]/g, '').slice(0, 40) : 'all';
  return `kamiguard-${which || 'order'}-${stamp}.zip`;
}

/** The buyer's choices for one export. */
export interface BundleOptions {
  /**
   * Also get trusted timestamps (the background sends the requests): first of each order's chain head, kept with the
   * order and so in the bundle, then of the finished manifest.json, written beside it as manifest.tsr. Any failure
   * throws a `TimestampError` and nothing is downloaded (a chain-head token already obtained stays with its order).
   */
  timestamp?: boolean;
  onStamping?: () => void;
}

/** Sends a manifest's exact text to the background to be stamped; the token is for the bundle only. */
async function stampManifest(bytes: Uint8Array): Promise<Uint8Array> {
  const reply = await sendMessage('stampManifest', { manifest: new TextDecoder().decode(bytes) });
  if (!reply.ok) throw new TimestampError(reply.code, reply.detail);
  return base64ToBytes(reply.tsr);
}

/**
 * Writes the evidence bundle of some orders (a ZIP with the evidence files, manifest.json, report.html and the
 * drafts of every channel; manifest.json signed unless the user turned that off; stamped when asked) and hands it to
 * the browser's download. Reports progress as (done, total) files.
 */
export async function downloadBundle(
  orderIds: number[],
  locale: DraftLocale,
  onProgress?: (done: number, total: number) => void,
  options: BundleOptions = {},
): Promise<void> {
  const db = getDb();
  if (options.timestamp) {
    options.onStamping?.();
    for (const orderId of orderIds) {
      const reply = await sendMessage('stampOrder', { orderId });
      if (!reply.ok) throw new TimestampError(reply.code, reply.detail);
    }
  }
  const now = Date.now();
  const settings = await loadEscalationSettings(db);
  const { sign } = await loadBundleSettings(db);
  const orders = [];
  for (const id of orderIds) {
    const input = await collectBundleOrder(db, id);
    const clock = computeClock(input.order, input.events, settings, now);
    const shop = await draftShop(db, input.order.site);
    const drafts = draftChannels().map((channel) => {
      const d = buildDraft(channel, {
        order: input.order,
        events: input.events,
        evidence: input.evidence,
        shop,
        now,
        locale,
        clock: clock.started
          ? { elapsedMs: clock.elapsedMs, windowMs: clock.windowMs, overdue: clock.overdue }
          : undefined,
      });
      return { channel, title: d.title, body: d.body };
    });
    orders.push({ ...input, drafts });
  }
  const zip = await buildBundle({
    orders,
    generatedAt: now,
    onProgress,
    makeThumbnail,
    ...(sign ? { sign: createManifestSigner(db) } : {}),
    ...(options.timestamp ? { timestamp: stampManifest } : {}),
    generator: { name: 'KamiGuard', version: browser.runtime.getManifest().version },
  });
  downloadBytes(
    zip,
    bundleName(
      orders.map((o) => o.order.orderNo),
      now,
    ),
    'application/zip',
  );
}
