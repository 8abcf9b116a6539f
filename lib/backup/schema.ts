/** valibot schemas for backup.json (format 'kamiguard-backup', version 1). */
import * as v from 'valibot';
import {
  EVENT_KINDS,
  EVIDENCE_KINDS,
  EVIDENCE_SOURCES,
  ORDER_OUTCOMES,
  ORDER_STATUSES,
  USER_ACTIONS,
} from '../evidence/labels';

export const BACKUP_FORMAT = 'kamiguard-backup';
export const BACKUP_VERSION = 1;

const finite = v.pipe(v.number(), v.finite());
const id = v.pipe(v.number(), v.integer(), v.minValue(1));
const sha256 = v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/));
const text = (max: number) => v.pipe(v.string(), v.maxLength(max));
const nonEmpty = (max: number) => v.pipe(v.string(), v.minLength(1), v.maxLength(max));
const optText = (max: number) => v.optional(text(max));
const URL_MAX = 8192;

// Loose objects: fields a later version adds survive the round trip, and hashed records must come back with every
// field they were hashed with, or their hash would no longer match.
export const OrderSchema = v.looseObject({
  id,
  site: nonEmpty(253),
  orderNo: nonEmpty(256),
  platform: text(64),
  status: v.picklist(ORDER_STATUSES),
  url: text(URL_MAX),
  urls: v.pipe(v.array(text(URL_MAX)), v.maxLength(100)),
  firstSeenAt: finite,
  lastSeenAt: finite,
  productName: optText(2000),
  quantity: v.optional(finite),
  amount: v.optional(finite),
  currency: optText(32),
  paymentMethod: optText(200),
  orderedAt: optText(64),
  paidAt: optText(64),
  statusText: optText(2000),
  contact: optText(256),
  deliveryMode: v.optional(v.picklist(['auto', 'manual'])),
  cardKeys: v.optional(v.pipe(v.array(text(4096)), v.maxLength(500))),
  pageTitle: optText(2000),
  userPaidAt: v.optional(finite),
  paymentSeenAt: v.optional(finite),
  windowMinutes: v.optional(finite),
  pageWindowMinutes: v.optional(finite),
  resolvedAt: v.optional(finite),
  outcome: v.optional(v.picklist(ORDER_OUTCOMES)),
  entry: v.optional(v.picklist(['page', 'buyer'])),
});

export const EventSchema = v.looseObject({
  id,
  orderId: id,
  kind: v.picklist(EVENT_KINDS),
  at: finite,
  status: v.optional(v.picklist(ORDER_STATUSES)),
  previousStatus: v.optional(v.picklist(ORDER_STATUSES)),
  statusText: optText(2000),
  url: optText(URL_MAX),
  action: v.optional(v.picklist(USER_ACTIONS)),
  detail: optText(10_000),
  prevHash: v.optional(sha256),
  hash: v.optional(sha256),
});

export const EvidenceSchema = v.looseObject({
  id,
  orderId: id,
  kind: v.picklist(EVIDENCE_KINDS),
  source: v.picklist(EVIDENCE_SOURCES),
  sha256,
  mime: nonEmpty(255),
  size: v.pipe(v.number(), v.integer(), v.minValue(0)),
  capturedAt: finite,
  url: text(URL_MAX),
  pageTitle: optText(2000),
  blobId: sha256,
  note: optText(10_000),
  prevHash: v.optional(sha256),
  hash: v.optional(sha256),
});

/** What a shop's pages showed about the shop (database version 2); backups written before it have none. */
export const ShopSchema = v.looseObject({
  site: nonEmpty(253),
  icp: optText(32),
  icpSeenAt: v.optional(finite),
  icpCheckedAt: v.optional(finite),
  firstSeenAt: v.optional(finite),
});

export const BackupSchema = v.object({
  format: v.literal(BACKUP_FORMAT),
  version: v.literal(BACKUP_VERSION),
  exportedAt: finite,
  orders: v.array(OrderSchema),
  events: v.array(EventSchema),
  evidence: v.array(EvidenceSchema),
  chains: v.array(v.object({ orderId: id, head: sha256, count: v.pipe(v.number(), v.integer(), v.minValue(0)) })),
  kv: v.array(v.object({ key: nonEmpty(1024), value: v.unknown() })),
  blobs: v.array(v.object({ sha256, size: v.pipe(v.number(), v.integer(), v.minValue(0)) })),
  missingBlobs: v.array(v.object({ sha256, reason: v.picklist(['absent', 'hash_mismatch']) })),
  shops: v.optional(v.array(ShopSchema)),
});

/** Parsed backup.json. */
export type BackupData = v.InferOutput<typeof BackupSchema>;
