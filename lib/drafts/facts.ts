/**
 * Collects the facts of one order into cleaned, formatted strings for one locale. Every field is either a finished
 * string or absent: builders never see raw page text, `NaN` or an empty value.
 */
import type { EventRecord } from '@/lib/db/types';
import { findClockStart } from '@/lib/escalation/clock-span';
import type { OrderStatus } from '@/lib/extract/types';
import { formatChinaTime } from '@/lib/time';
import { formatAmount, formatElapsed } from './format';
import { CAP, doneOf, evidenceOf, plausible, timelineOf, type EvidenceFact } from './history';
import { phrasesFor, type PayChannel, type Phrases } from './phrases';
import { cleanText, maskContact, maskKey } from './sanitize';
import type { DraftChannel, DraftInput, DraftLocale } from './types';

/** Pre-caps on lists, before length fitting: keeps work bounded on a hostile or huge history. */
const MAX_TIMELINE = 40;
const MAX_EVIDENCE = 30;
const MAX_DONE = 12;
/** A shop asked for a reply gets at least this long, and by default this long when the promised window is over. */
const MIN_REPLY_MS = 60 * 60_000;
const DEFAULT_REPLY_MS = 12 * 60 * 60_000;
/** The facts of a delivered key that does not work. */
export interface KeyFacts {
  kind: 'invalid' | 'used';
  masked?: string;
  deliveredAt?: string;
  redeemedAt?: string;
  message?: string;
}

/** Everything a builder may print, formatted for `locale`. */
export interface Facts {
  locale: DraftLocale;
  p: Phrases;
  problem: 'not_delivered' | 'invalid_key';
  /** Absent only when the page's order number was unusable. */
  orderNo?: string;
  shopName?: string;
  site?: string;
  /** Origin of the shop (never the full order URL, which may carry a lookup token). */
  siteUrl?: string;
  /** Shop name and host together, for prose. */
  shop?: string;
  shopContact?: string;
  company?: string;
  /** ICP 备案 number a page of the shop showed. */
  icp?: string;
  product?: string;
  amount?: string;
  payMethod?: string;
  payChannel?: PayChannel;
  paidAt?: string;
  orderedAt?: string;
  elapsed?: string;
  window?: string;
  overdueBy?: string;
  /** Elapsed time with the promised window: "2小时15分钟（承诺 …）". */
  waited?: string;
  statusKind: OrderStatus;
  /** Status name with the page's wording. */
  status?: string;
  /** The status as the page words it, else its name; for prose ("the page shows …"). */
  statusShort?: string;
  /** Paid, but the page still says 待支付. */
  callbackSuspected: boolean;
  /** Keys were seen on the order page (or it says delivered): the draft must not claim the page showed none. */
  keysShown: boolean;
  /** The buyer entered the order by hand (`entry: 'buyer'`). */
  enteredByBuyer: boolean;
  /**
   * A shop page showed the order: false for an order entered by hand and not seen on a page since, whose drafts then
   * state no page status and no time the page was seen.
   */
  pageSeen: boolean;
  /** The buyer contacted the shop or complained (a user action on the timeline). */
  contacted: boolean;
  lastSeen?: string;
  contact?: string;
  contactMasked?: string;
  timeline: string[];
  timelineTotal: number;
  evidence: EvidenceFact[];
  evidenceTotal: number;
  done: string[];
  doneTotal: number;
  /** The last step the user marked done (not a mere copied draft), for a one-line "earlier" note. */
  lastMarked?: string;
  deadline?: string;
  deadlineIn?: string;
  key?: KeyFacts;
}

function detectPayChannel(method: string | undefined, currency: string | undefined): PayChannel | undefined {
  const text = `${method ?? ''} ${currency ?? ''}`;
  if (/支付宝|alipay/i.test(text)) return 'alipay';
  if (/微信|wechat|weixin|wxpay/i.test(text)) return 'wechat';
  if (/qq/i.test(text)) return 'qq';
  if (/usdt|usdc|trx|eth|btc|bnb|matic|trc20|erc20|crypto|coinbase|加密/i.test(text)) return 'crypto';
  return undefined;
}

function siteFacts(site: unknown, url: unknown): { site?: string; siteUrl?: string } {
  const host = typeof site === 'string' ? site.trim().toLowerCase() : '';
  if (!/^[a-z0-9.-]{1,80}(:\d{1,5})?$/.test(host) || !host.includes('.')) return {};
  let origin = `https://${host}/`;
  if (typeof url === 'string') {
    try {
      const parsed = new URL(url);
      if (parsed.host === host && /^https?:$/.test(parsed.protocol)) origin = `${parsed.protocol}//${parsed.host}/`;
    } catch {
      // Not a URL: keep the https guess.
    }
  }
  return { site: host, siteUrl: origin };
}

/** First and last halves of a long list: both the start of a history and its latest turn matter. */
function capMiddle<T>(items: T[], max: number): T[] {
  if (items.length <= max) return items;
  return [...items.slice(0, Math.floor(max / 2)), ...items.slice(items.length - Math.ceil(max / 2))];
}

function keyFacts(input: DraftInput, events: EventRecord[]): KeyFacts | undefined {
  const issue = input.keyIssue;
  if (!issue) return undefined;
  const keys = (input.order.cardKeys ?? []).filter((k) => typeof k === 'string' && k.trim());
  const key = issue.key ?? (keys.length === 1 ? keys[0] : undefined);
  const delivered = issue.deliveredAt ?? events.find((e) => e.kind === 'card_keys_found')?.at;
  const { locale } = input;
  return {
    kind: issue.kind ?? 'invalid',
    masked: key ? maskKey(key) : undefined,
    deliveredAt: plausible(delivered) ? formatChinaTime(delivered, locale) : undefined,
    redeemedAt: plausible(issue.redeemedAt) ? formatChinaTime(issue.redeemedAt, locale) : undefined,
    message: cleanText(issue.message, CAP.message),
  };
}

/** Gathers and formats the facts of `input` for a draft on `channel`. */
export function collectFacts(channel: DraftChannel, input: DraftInput): Facts {
  const { order, locale, now } = input;
  const p = phrasesFor(locale);
  const mine = <T extends { orderId: number }>(x: T): boolean => order.id === undefined || x.orderId === order.id;
  const events = (Array.isArray(input.events) ? input.events : []).filter(mine).toSorted((a, b) => a.at - b.at);
  const evidenceItems = (Array.isArray(input.evidence) ? input.evidence : []).filter(mine);

  const shopName = cleanText(input.shop?.name, CAP.shop);
  const { site, siteUrl } = siteFacts(order.site, order.url);
  const productName = cleanText(order.productName, CAP.product);
  const quantity = Number.isInteger(order.quantity) && (order.quantity ?? 0) < 1e6 ? order.quantity : undefined;
  const payMethodRaw = cleanText(order.paymentMethod, CAP.payMethod);
  const payChannel = detectPayChannel(payMethodRaw, order.currency);
  const statusKind: OrderStatus = order.status in p.status ? order.status : 'unknown';

  // The clock's reading when the escalation layer passed one; else computed the same way from the order's times.
  const startAt = findClockStart(order, events)?.at;
  const start = plausible(startAt) ? startAt : undefined;
  const elapsedMs = input.clock?.elapsedMs ?? (start !== undefined ? now - start : undefined);
  const windowMinutes = order.windowMinutes ?? order.pageWindowMinutes;
  const windowMs =
    input.clock?.windowMs ??
    (typeof windowMinutes === 'number' && windowMinutes > 0 ? windowMinutes * 60_000 : undefined);
  const validWindow = typeof windowMs === 'number' && Number.isFinite(windowMs) && windowMs > 0 ? windowMs : undefined;
  const elapsed = elapsedMs !== undefined ? formatElapsed(elapsedMs, locale) : undefined;
  const overdue =
    input.clock?.overdue ?? (elapsedMs !== undefined && validWindow !== undefined && elapsedMs > validWindow);
  const window = validWindow !== undefined ? formatElapsed(validWindow, locale) : undefined;
  const overdueBy =
    overdue && elapsedMs !== undefined && validWindow !== undefined
      ? formatElapsed(elapsedMs - validWindow, locale)
      : undefined;

  // The deadline: the one given, else the end of the promised window when that is still ahead, else a fixed delay.
  const windowEnd = start !== undefined && validWindow !== undefined ? start + validWindow : undefined;
  let deadlineMs = now + DEFAULT_REPLY_MS;
  if (plausible(input.deadline) && input.deadline > now) deadlineMs = input.deadline;
  else if (windowEnd !== undefined && windowEnd >= now + MIN_REPLY_MS) deadlineMs = windowEnd;

  const statusRaw = cleanText(order.statusText, CAP.status);
  const callbackSuspected =
    statusKind === 'pending_payment' &&
    (plausible(order.paymentSeenAt) ||
      plausible(order.userPaidAt) ||
      events.some(
        (e) => e.kind === 'payment_callback_suspected' || e.kind === 'payment_seen' || e.kind === 'user_paid',
      ));

  const timeline = timelineOf(input, events, p);
  const evidence = evidenceOf(evidenceItems, locale, p);
  const done = doneOf(events, channel, locale, p);
  const contact = cleanText(order.contact, CAP.contact);
  const paidAt = order.paidAt ? formatChinaTime(order.paidAt, locale) : undefined;
  const enteredByBuyer = order.entry === 'buyer';
  // A later sighting of a hand-entered order adds a status change or keys when the page differs from the entry; one
  // showing the same status adds no event, so such an order stays "not seen" here: it errs on the side of no claim.
  const pageSeen =
    !enteredByBuyer ||
    events.some((e) => e.kind === 'status_changed' || e.kind === 'card_keys_found' || e.kind === 'payment_page_seen');
  const status = pageSeen
    ? p.statusWithRaw(statusKind !== 'unknown' ? p.status[statusKind] : undefined, statusRaw)
    : undefined;

  return {
    locale,
    p,
    problem: channel === 'invalid_key' || input.keyIssue ? 'invalid_key' : 'not_delivered',
    orderNo: cleanText(order.orderNo, CAP.orderNo),
    shopName,
    site,
    siteUrl,
    shop: p.shop(shopName, site),
    shopContact: cleanText(input.shop?.contact, CAP.contact),
    company: cleanText(input.shop?.company, CAP.shop),
    icp: cleanText(input.shop?.icp, CAP.icp),
    product: productName ? p.product(productName, quantity) : undefined,
    amount: typeof order.amount === 'number' ? formatAmount(order.amount, order.currency) : undefined,
    payMethod: payMethodRaw,
    payChannel,
    // The page's payment time, else the moment the payment-success page was seen (the same minute in practice).
    paidAt: paidAt ?? (plausible(order.paymentSeenAt) ? formatChinaTime(order.paymentSeenAt, locale) : undefined),
    orderedAt: order.orderedAt ? formatChinaTime(order.orderedAt, locale) : undefined,
    elapsed,
    window,
    overdueBy,
    waited: elapsed ? p.waited(elapsed, window, overdueBy) : undefined,
    statusKind,
    status,
    statusShort: pageSeen ? (statusRaw ?? (statusKind !== 'unknown' ? p.status[statusKind] : undefined)) : undefined,
    callbackSuspected,
    keysShown:
      statusKind === 'delivered' ||
      (order.cardKeys ?? []).some((k) => typeof k === 'string' && k.trim() !== '') ||
      events.some((e) => e.kind === 'card_keys_found'),
    enteredByBuyer,
    pageSeen,
    contacted: events.some(
      (e) => e.kind === 'user_action' && (e.action === 'contacted_support' || e.action === 'complained'),
    ),
    lastSeen: pageSeen && plausible(order.lastSeenAt) ? formatChinaTime(order.lastSeenAt, locale) : undefined,
    contact,
    contactMasked: contact ? maskContact(contact) : undefined,
    timeline: capMiddle(timeline, MAX_TIMELINE),
    timelineTotal: timeline.length,
    evidence: evidence.slice(0, MAX_EVIDENCE),
    evidenceTotal: evidence.length,
    done: done.slice(-MAX_DONE).map((d) => d.line),
    doneTotal: done.length,
    lastMarked: done.filter((d) => d.marked).at(-1)?.line,
    deadline: formatChinaTime(deadlineMs, locale),
    deadlineIn: formatElapsed(deadlineMs - now, locale),
    key: keyFacts(input, events),
  };
}
