/**
 * The order's history as draft lines: the status timeline, what the buyer already did, and the evidence list.
 * Events and evidence come from the database; their page text is cleaned here like any other.
 */
import type { EventRecord, EvidenceRecord } from '@/lib/db/types';
import type { OrderStatus } from '@/lib/extract/types';
import { channelMeta, isDraftChannel } from './channels';
import { formatChinaTime, parseChinaTime } from '@/lib/time';
import type { Phrases } from './phrases';
import { cleanText } from './sanitize';
import type { DraftChannel, DraftInput, DraftLadderStep, DraftLocale } from './types';

/** Caps on page text, in characters: enough for any real value, small enough that hostile text cannot take over. */
export const CAP = {
  orderNo: 64,
  product: 60,
  status: 40,
  payMethod: 30,
  contact: 100,
  shop: 40,
  note: 40,
  message: 100,
  /** 京ICP备12345678号-1 and the longest real forms (省 + 公网安备 numbers are not ICP numbers) stay well under this. */
  icp: 40,
};
/** Earlier than 2000-01-01 is not a real time of a shop order (0, a seconds-for-ms mix-up ...). */
const MIN_PLAUSIBLE_MS = 946_684_800_000;
/** Evidence that shows what the order page displayed: the rebuttal of a merchant's "已发货" reply. */
const PAGE_EVIDENCE = new Set(['order_screenshot', 'order_page', 'order_text', 'order_source']);

/** Whether `ms` is a usable epoch-ms time. */
export const plausible = (ms: unknown): ms is number =>
  typeof ms === 'number' && Number.isFinite(ms) && ms > MIN_PLAUSIBLE_MS;

/** One evidence item as a line, with whether it shows the order page. */
export interface EvidenceFact {
  line: string;
  showsOrderPage: boolean;
}

/** Status history: order and payment times from the order, status turns and sightings from the events. */
export function timelineOf(input: DraftInput, events: EventRecord[], p: Phrases): string[] {
  const { order, locale } = input;
  const entries: { at: number; text: string }[] = [];
  const add = (at: number | undefined, text: string | undefined): void => {
    if (plausible(at) && text) entries.push({ at, text });
  };
  const status = (s: OrderStatus | undefined, raw: unknown): string | undefined =>
    p.statusWithRaw(s && s !== 'unknown' ? p.status[s] : undefined, cleanText(raw, CAP.status));
  const has = (kind: EventRecord['kind']): boolean => events.some((e) => e.kind === kind);

  if (order.orderedAt) add(parseChinaTime(order.orderedAt), p.timeline.ordered);
  if (order.paidAt) add(parseChinaTime(order.paidAt), p.timeline.paid);
  if (!has('payment_seen')) add(order.paymentSeenAt, p.timeline.paymentSeen);
  if (!has('user_paid')) add(order.userPaidAt, p.timeline.userPaid);
  for (const e of events) {
    // An order the buyer entered by hand was not seen on a page then: its first record says so, not a page status.
    if (e.kind === 'first_seen')
      add(
        e.at,
        order.entry === 'buyer' ? p.timeline.enteredByBuyer : p.timeline.firstSeen(status(e.status, e.statusText)),
      );
    else if (e.kind === 'status_changed') {
      const s = status(e.status, e.statusText);
      if (s) add(e.at, p.timeline.statusChanged(s));
    } else if (e.kind === 'payment_seen') add(e.at, p.timeline.paymentSeen);
    else if (e.kind === 'user_paid') add(e.at, p.timeline.userPaid);
    else if (e.kind === 'payment_callback_suspected') add(e.at, p.timeline.callbackSuspected);
    else if (e.kind === 'card_keys_found') add(e.at, p.timeline.keysFound);
  }
  entries.sort((a, b) => a.at - b.at);
  return entries.flatMap((e) => {
    const time = formatChinaTime(e.at, locale);
    return time ? [p.timed(time, e.text)] : [];
  });
}

function stepOfAction(e: EventRecord): DraftLadderStep | undefined {
  if (e.kind === 'draft_copied' && isDraftChannel(e.detail)) return channelMeta(e.detail).step;
  if (e.action === 'contacted_support') return 'contact_support';
  if (e.action === 'complained') {
    return isDraftChannel(e.detail) ? channelMeta(e.detail).step : 'payment_complaint';
  }
  return undefined;
}

/** What the buyer already did, oldest first; `marked` = the user marked it (not a mere copied draft). */
export function doneOf(
  events: EventRecord[],
  channel: DraftChannel,
  locale: DraftLocale,
  p: Phrases,
): { line: string; marked: boolean }[] {
  const actions = events.filter((e) => e.kind === 'user_action' || e.kind === 'draft_copied');
  const lines: { line: string; marked: boolean }[] = [];
  for (const e of actions) {
    let text: string | undefined;
    if (e.kind === 'draft_copied') {
      // The draft being written is not "already done"; and a copy is superseded by the user's own mark of the step.
      if (!isDraftChannel(e.detail) || e.detail === channel) continue;
      const step = stepOfAction(e);
      if (actions.some((a) => a.kind === 'user_action' && a.at >= e.at && stepOfAction(a) === step)) continue;
      text = p.done.draftCopied(channelMeta(e.detail).label[locale]);
    } else if (e.action === 'contacted_support') text = p.done.contactedSupport;
    else if (e.action === 'complained') {
      text = p.done.complained(isDraftChannel(e.detail) ? channelMeta(e.detail).label[locale] : undefined);
    } else if (e.action === 'received') text = p.done.received;
    else if (e.action === 'refunded') text = p.done.refunded;
    else if (e.action === 'step_done' && typeof e.detail === 'string' && p.steps[e.detail]) {
      text = p.done.stepDone(p.steps[e.detail] as string);
    }
    const time = plausible(e.at) ? formatChinaTime(e.at, locale) : undefined;
    if (text && time) lines.push({ line: p.timed(time, text), marked: e.kind === 'user_action' });
  }
  return lines;
}

/** The evidence list, oldest first, identical bytes once. */
export function evidenceOf(items: EvidenceRecord[], locale: DraftLocale, p: Phrases): EvidenceFact[] {
  const seen = new Set<string>();
  const out: EvidenceFact[] = [];
  for (const ev of items.toSorted((a, b) => (a.capturedAt || 0) - (b.capturedAt || 0))) {
    const hash = typeof ev.sha256 === 'string' && /^[0-9a-f]{12,}$/i.test(ev.sha256) ? ev.sha256 : undefined;
    if (hash && seen.has(hash.toLowerCase())) continue; // identical bytes: one item
    if (hash) seen.add(hash.toLowerCase());
    const kind = p.evidenceKind[ev.kind] ?? p.evidenceKind.other;
    const time = plausible(ev.capturedAt) ? formatChinaTime(ev.capturedAt, locale, { seconds: true }) : undefined;
    const note = cleanText(ev.note, CAP.note);
    out.push({
      line: p.evidenceLine(kind, time, hash?.slice(0, 12).toLowerCase(), note),
      showsOrderPage: PAGE_EVIDENCE.has(ev.kind),
    });
  }
  return out;
}
