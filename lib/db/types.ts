import type { ExtractedOrder, OrderStatus } from '@/lib/extract/types';

/** How the user closed an order (the 复盘 step). */
export type OrderOutcome = 'received' | 'refunded' | 'lost' | 'abandoned';

/** One row of the `orders` table: the extracted facts plus the record's own fields. */
export interface OrderRecord extends ExtractedOrder {
  id?: number;
  /** Host of the shop page the order was seen on, e.g. 'shop.example.com'. Unique together with orderNo. */
  site: string;
  /** Last URL the order was seen at. */
  url: string;
  /** Every distinct URL the order was seen at (bounded). */
  urls: string[];
  pageTitle?: string;
  /** Epoch ms. */
  firstSeenAt: number;
  lastSeenAt: number;
  /** Epoch ms when the user said "I have paid" (a 待支付 page after the money left). */
  userPaidAt?: number;
  /** Epoch ms when a payment-success signal (epay return URL, success page) was seen for this order. */
  paymentSeenAt?: number;
  /** Promised delivery window for this order in minutes, set by the user. */
  windowMinutes?: number;
  /** Promised window stated on the page ("24小时内发货"), in minutes. */
  pageWindowMinutes?: number;
  /** Set when `pageWindowMinutes` came from the shop's buy page because the order's own page stated none. */
  pageWindowFrom?: 'buy_page';
  /** Set when the user resolves the order. */
  resolvedAt?: number;
  outcome?: OrderOutcome;
  /**
   * Where the order came from: 'page' (picked up from a shop page) or 'buyer' (entered by hand by the buyer, e.g. when
   * the order page is gone). Version 1 rows are upgraded to 'page'. Always shown and exported with the order.
   */
  entry?: OrderEntry;
  /** The buyer turned off background checking of this order's page (issue 13); absent means watched as usual. */
  watchOff?: boolean;
}

/** How an order entered the database. */
export type OrderEntry = 'page' | 'buyer';

/**
 * One row of the `shops` table (version 2): what the shop's own pages showed about the shop, keyed by host. Written
 * when a page of the shop is seen; read by the drafts (网信办 needs the ICP number), the checkout panel and the shop
 * record. Features add optional fields here; every field is optional but `site`.
 */
export interface ShopRecord {
  /** Host, as `OrderRecord.site`. */
  site: string;
  /** ICP 备案 number as shown in a page footer, e.g. '京ICP备12345678号-1'. */
  icp?: string;
  /** Epoch ms when `icp` was last seen on a page of the shop. */
  icpSeenAt?: number;
  /** Epoch ms when a page of the shop was last read for an ICP number (whether one was found or not). */
  icpCheckedAt?: number;
  /** Epoch ms of the first page of this shop seen. */
  firstSeenAt?: number;
  /**
   * Delivery promises the shop's buy pages showed ("24小时内到账"), newest first, a few per shop (issue 14): an order
   * picked up afterwards whose own page states no window keeps the promise the buyer saw when buying.
   */
  checkouts?: CheckoutPromise[];
  [field: string]: unknown;
}

/** A delivery promise seen on a shop's buy page. */
export interface CheckoutPromise {
  /** The product's name as the buy page showed it. */
  product: string;
  /** The promised window, in minutes. */
  minutes: number;
  /** Epoch ms the buy page was seen. */
  seenAt: number;
}

/**
 * One row of the `watch` table (version 2): the background re-check of a waiting order's page (issue 13, lib/watch).
 * Bookkeeping, not evidence: what a check found goes to the order, its timeline and its evidence like a visit; this
 * row only says when to look next and how the last looks went, so backups need not carry it.
 */
export interface WatchRecord {
  orderId: number;
  /** Epoch ms of the next check; absent while the order is not watched (see `stopped`). */
  nextAt?: number;
  /** Why the order is not watched now; absent while it is. */
  stopped?: WatchStopReason;
  /** Failed checks in a row (a good check or a visit of the page resets it); drives the back-off. */
  failures?: number;
  /** The latest checks, oldest first, at most `MAX_WATCH_CHECKS` (lib/watch). */
  checks?: WatchCheck[];
  [field: string]: unknown;
}

/** Why an order is not watched: it ended, the buyer turned it off, or the watch gave up. */
export type WatchStopReason =
  /** Delivered, refunded, resolved, or not paid (nothing to wait for). */
  | 'ended'
  /** The buyer turned it off for this order. */
  | 'off'
  /** The buyer turned watching off in the settings. */
  | 'disabled'
  /** The shop system renders its orders by script and no re-read recipe exists for it. */
  | 'unsupported'
  /** There is no order page to re-read (an order the buyer entered by hand). */
  | 'nopage'
  /** Watched for the longest time allowed (14 days from payment). */
  | 'expired'
  /** The page stopped showing the order, several checks in a row. */
  | 'gone';

/** What one background check found. Only `unchanged` and `changed` read the order; the rest are kept off it. */
export type WatchResult =
  | 'unchanged'
  | 'changed'
  /** The shop answered with a login page (or redirected to one). */
  | 'login'
  /** A captcha or bot check stood in front of the page. */
  | 'captcha'
  /** The page came back but no longer shows this order. */
  | 'missing'
  /** 4xx/5xx other than the cases above. */
  | 'http_error'
  /** 429, or the shop's own "too many requests" answer. */
  | 'rate_limited'
  /** No answer: offline, DNS, TLS, timeout. */
  | 'network'
  /** An answer we could not read (too large, not HTML, an unexpected API shape). */
  | 'unreadable';

/** One background check, as kept on the watch row. */
export interface WatchCheck {
  /** Epoch ms the request was sent. */
  at: number;
  result: WatchResult;
  /** HTTP status, when an answer came. */
  httpStatus?: number;
}

/** Kinds of timeline events. */
export type EventKind =
  | 'first_seen'
  | 'status_changed'
  | 'card_keys_found'
  | 'payment_seen'
  | 'payment_page_seen'
  | 'payment_callback_suspected'
  | 'user_paid'
  | 'user_action'
  | 'reminder_shown'
  | 'draft_copied'
  | 'evidence_added'
  | 'resolved'
  /** A background check found a change and told the buyer (detail: the notification's title). */
  | 'watch_notified';

/** User actions recorded on the timeline (ladder steps the user marks done). */
export type UserAction = 'contacted_support' | 'complained' | 'received' | 'refunded' | 'gave_up' | 'step_done';

/** One row of the `events` table: the order's append-only timeline. */
export interface EventRecord {
  id?: number;
  orderId: number;
  kind: EventKind;
  /** Epoch ms. */
  at: number;
  status?: OrderStatus;
  previousStatus?: OrderStatus;
  /** Raw status text from the page. */
  statusText?: string;
  url?: string;
  action?: UserAction;
  /** Free-form detail: ladder step id, draft channel, evidence id ... */
  detail?: string;
  /** Hash-chain fields (filled by the evidence layer): SHA-256 hex of the previous chain record and of this one. */
  prevHash?: string;
  hash?: string;
}

export type EvidenceKind =
  | 'order_page'
  | 'order_text'
  /** The order page (or the order API's JSON) exactly as the shop served it to a background check. */
  | 'order_source'
  | 'payment_receipt'
  | 'order_screenshot'
  | 'recipient_account'
  | 'support_chat'
  | 'other'
  // An RFC 3161 timestamp token (the authority's whole TimeStampResp, DER) over the order's chain head.
  | 'timestamp';

/**
 * What a stored trusted timestamp says, read from the token once it verified (kind 'timestamp'). Kept on the row so the
 * popup and the report need not parse the token; the token's bytes (and so these facts) are covered by the row's hash.
 */
export interface TimestampFacts {
  /** The authority's name: the token's TSA name, else its signing certificate's CN / O. */
  authority: string;
  /** The authority's time (genTime), ISO 8601. */
  time: string;
  /** Lower-case hex of the token's serial number. */
  serial: string;
  /** The authority's policy OID. */
  policy: string;
  /** Lower-case hex of the stamped SHA-256 (the message imprint). */
  imprint: string;
  /** What the imprint is: the hash of the order's chain record it followed (its chain head then). */
  stamped: 'chain_head';
}

/** One row of the `evidence` table: one captured or imported item. */
export interface EvidenceRecord {
  id?: number;
  orderId: number;
  kind: EvidenceKind;
  /** How it was made. */
  source: 'auto' | 'manual' | 'imported';
  /** SHA-256 hex of `blobId`'s stored bytes. */
  sha256: string;
  mime: string;
  size: number;
  capturedAt: number;
  url: string;
  pageTitle?: string;
  /** The stored bytes live in `blobs`, keyed by hash, so identical bytes are stored once. */
  blobId: string;
  note?: string;
  /** Set on kind 'timestamp' rows. */
  timestamp?: TimestampFacts;
  prevHash?: string;
  hash?: string;
}

/** Content-addressed storage for evidence bytes. */
export interface BlobRecord {
  sha256: string;
  data: Blob;
}

/** Key-value settings and bookkeeping (e.g. reminders already shown). */
export interface KvRecord {
  key: string;
  value: unknown;
}
