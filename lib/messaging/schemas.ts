import * as v from 'valibot';
import { MAX_CONTACT, MAX_FIELD, MAX_KEY, MAX_KEYS } from '@/lib/extract/normalize';
import { STEP_IDS } from '@/lib/escalation/steps';
import { ORDER_STATUSES } from '@/lib/extract/types';
import { FIELD_KINDS } from '@/lib/checkout/field-kind';
import { MAX_SNAPSHOT_CHARS, MAX_VALUE_CHARS, MAX_VALUES } from '@/lib/extract/snapshot';

/**
 * Bounds on what a page may send us: a hostile page must not be able to make us store megabytes per message.
 * Field caps are the extractor's own (lib/extract/normalize.ts), so an honest content script never trips them.
 */
export const LIMITS = {
  ordersPerMessage: 50,
  text: MAX_FIELD,
  contact: MAX_CONTACT,
  orderNo: 64,
  url: 2048,
  title: 512,
  cardKeys: MAX_KEYS,
  cardKey: MAX_KEY,
} as const;

const text = (max: number = LIMITS.text) => v.pipe(v.string(), v.maxLength(max));
const isoTime = v.pipe(v.string(), v.maxLength(40), v.isoTimestamp());

/** An ICP 备案 number as lib/extract/icp.ts writes it. */
const IcpSchema = v.pipe(v.string(), v.maxLength(32), v.regex(/^\p{Script=Han}ICP[备证]\d{5,12}号(?:-\d{1,3})?$/u));

/** A promised delivery window, in minutes (at most 90 days). */
const WindowMinutesSchema = v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(60 * 24 * 90));

/** An `ExtractedOrder` as it arrives from a content script. */
export const ExtractedOrderSchema = v.strictObject({
  platform: v.pipe(v.string(), v.regex(/^[a-z0-9-]{1,32}$/)),
  orderNo: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(LIMITS.orderNo)),
  productName: v.optional(text()),
  quantity: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1_000_000))),
  amount: v.optional(v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(1e9))),
  currency: v.optional(v.pipe(v.string(), v.regex(/^[A-Z]{2,8}$/))),
  paymentMethod: v.optional(text()),
  orderedAt: v.optional(isoTime),
  paidAt: v.optional(isoTime),
  status: v.picklist(ORDER_STATUSES),
  statusText: v.optional(text()),
  contact: v.optional(text(LIMITS.contact)),
  deliveryMode: v.optional(v.picklist(['auto', 'manual'])),
  cardKeys: v.optional(v.pipe(v.array(text(LIMITS.cardKey)), v.maxLength(LIMITS.cardKeys))),
});

export const OrdersSeenSchema = v.strictObject({
  orders: v.pipe(v.array(ExtractedOrderSchema), v.minLength(1), v.maxLength(LIMITS.ordersPerMessage)),
  url: v.pipe(v.string(), v.maxLength(LIMITS.url), v.url()),
  title: v.optional(text(LIMITS.title)),
  /** The page's visible text (lib/content/visible-text.ts), for the evidence text record. */
  visibleText: v.optional(v.pipe(v.string(), v.maxLength(20_000))),
  /** Promised delivery window stated on the page, in minutes. */
  pageWindowMinutes: v.optional(WindowMinutesSchema),
  /** The ICP 备案 number the page showed (lib/extract/icp.ts writes it in this one form). */
  icp: v.optional(IcpSchema),
});

export type OrdersSeenData = v.InferOutput<typeof OrdersSeenSchema>;

/** A page a background check fetched, on its way to be parsed (lib/watch: background → offscreen document). */
export const ParsePageSchema = v.strictObject({
  /** The decoded page (the fetch bounds its size). */
  html: v.pipe(v.string(), v.maxLength(16 * 1024 * 1024)),
  url: v.pipe(v.string(), v.maxLength(LIMITS.url), v.url()),
  orderNo: v.pipe(v.string(), v.minLength(1), v.maxLength(LIMITS.orderNo)),
});
export type ParsePageData = v.InferOutput<typeof ParsePageSchema>;

/** What the offscreen document read from it (lib/watch/page.ts `PageReading`), validated on its way back. */
export const ParsedPageSchema = v.strictObject({
  kind: v.picklist(['order', 'login', 'captcha', 'other']),
  orders: v.pipe(v.array(ExtractedOrderSchema), v.maxLength(LIMITS.ordersPerMessage)),
  title: v.optional(text(LIMITS.title)),
  visibleText: v.optional(v.pipe(v.string(), v.maxLength(20_000))),
  pageWindowMinutes: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(60 * 24 * 90))),
});

/** A payment stop page (lib/extract/payment-stop.ts): how the payment ended and the gateway's trade number. */
export const PaymentStopSchema = v.strictObject({
  url: v.pipe(v.string(), v.maxLength(LIMITS.url), v.url()),
  outcome: v.picklist(['success', 'failure']),
  tradeNo: v.optional(v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{6,64}$/))),
});

export type PaymentStopData = v.InferOutput<typeof PaymentStopSchema>;

/**
 * content script → background: a shop page's snapshot (lib/extract/snapshot.ts), to be read in the background
 * (lib/background/snapshot.ts). `pageId` tells one page's life from the next in the same tab.
 */
export const PageSnapshotSchema = v.strictObject({
  url: v.pipe(v.string(), v.maxLength(LIMITS.url), v.url()),
  pageId: v.pipe(v.string(), v.regex(/^[a-z0-9]{1,16}$/)),
  html: v.pipe(v.string(), v.maxLength(MAX_SNAPSHOT_CHARS)),
  values: v.pipe(
    v.array(
      v.strictTuple([
        v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1_000_000)),
        v.pipe(v.string(), v.maxLength(MAX_VALUE_CHARS)),
      ]),
    ),
    v.maxLength(MAX_VALUES),
  ),
  hidden: v.pipe(
    v.array(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1_000_000))),
    v.maxLength(MAX_VALUES),
  ),
});
export type PageSnapshotData = v.InferOutput<typeof PageSnapshotSchema>;

/** background → offscreen document (Chromium): a snapshot to read, and the page's URL. */
export const ReadSnapshotSchema = v.strictObject({
  url: PageSnapshotSchema.entries.url,
  html: PageSnapshotSchema.entries.html,
  values: PageSnapshotSchema.entries.values,
  hidden: PageSnapshotSchema.entries.hidden,
  /** The page test took the page for a buy page: look for its buy form too (lib/checkout/buy-page-reading.ts). */
  buyForm: v.optional(v.boolean()),
});
export type ReadSnapshotData = v.InferOutput<typeof ReadSnapshotSchema>;

/**
 * content script (checkout) → background: a buy page with a recipient field was found (issue 14), with the texts the
 * background reads the product's facts from (lib/checkout/page-facts.ts). All bounded.
 */
export const CheckoutSeenSchema = v.strictObject({
  url: v.pipe(v.string(), v.maxLength(LIMITS.url), v.url()),
  /** The product's name as the buy page shows it. */
  product: v.optional(text(LIMITS.title)),
  productText: v.pipe(v.string(), v.maxLength(8000)),
  badges: v.pipe(v.array(v.pipe(v.string(), v.maxLength(16))), v.maxLength(200)),
  pageText: v.pipe(v.string(), v.maxLength(20_000)),
  footerText: v.pipe(v.string(), v.maxLength(6000)),
  accountPassword: v.optional(v.pipe(v.string(), v.maxLength(40))),
});

export type CheckoutSeenData = v.InferOutput<typeof CheckoutSeenSchema>;

/** An element of a page, as the background names it for the page's script (lib/checkout/element-ref.ts). */
const ElementRefSchema = v.strictObject({
  index: v.pipe(v.number(), v.integer(), v.minValue(0)),
  key: v.pipe(v.string(), v.maxLength(200)),
});

/** What the offscreen document read from a snapshot (lib/extract/snapshot-reading.ts), validated on its way back. */
export const SnapshotReadingSchema = v.strictObject({
  orders: v.pipe(v.array(ExtractedOrderSchema), v.maxLength(LIMITS.ordersPerMessage)),
  copyDiffers: v.optional(v.literal(true)),
  paymentStop: v.optional(
    v.strictObject({ outcome: PaymentStopSchema.entries.outcome, tradeNo: PaymentStopSchema.entries.tradeNo }),
  ),
  title: OrdersSeenSchema.entries.title,
  visibleText: OrdersSeenSchema.entries.visibleText,
  pageWindowMinutes: OrdersSeenSchema.entries.pageWindowMinutes,
  icp: OrdersSeenSchema.entries.icp,
  buyPage: v.optional(
    v.strictObject({
      form: v.strictObject({
        area: ElementRefSchema,
        fields: v.pipe(
          v.array(
            v.strictObject({
              at: ElementRefSchema,
              kind: v.picklist(FIELD_KINDS),
              confirm: v.boolean(),
              label: v.pipe(v.string(), v.maxLength(80)),
            }),
          ),
          v.maxLength(50),
        ),
      }),
      page: v.omit(CheckoutSeenSchema, ['url']),
    }),
  ),
});

/** Parses untrusted message data; throws an Error whose message names the first bad field. */
export function parseMessage<S extends v.GenericSchema>(schema: S, data: unknown): v.InferOutput<S> {
  const result = v.safeParse(schema, data);
  if (result.success) return result.output;
  const issue = result.issues[0];
  const path = issue.path?.map((p) => String(p.key)).join('.') || '(message)';
  throw new Error(`Invalid message: ${path}: ${issue.message}`);
}

/** What the user does to an order from the popup. Each becomes an event on the order's timeline. */
export const OrderActionSchema = v.variant('type', [
  /** "I have paid": the money left although the shop shows 待支付 (starts the clock). */
  v.strictObject({ type: v.literal('user_paid') }),
  v.strictObject({ type: v.literal('step_done'), step: v.picklist(STEP_IDS) }),
  v.strictObject({
    type: v.literal('user_action'),
    action: v.picklist(['contacted_support', 'complained']),
    detail: v.optional(v.pipe(v.string(), v.maxLength(64))),
  }),
  v.strictObject({ type: v.literal('resolve'), outcome: v.picklist(['received', 'refunded', 'lost', 'abandoned']) }),
  /** The promised window for this order, in minutes; null goes back to the shop's or the default window. */
  v.strictObject({
    type: v.literal('set_window'),
    minutes: v.nullable(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(60 * 24 * 90))),
  }),
  v.strictObject({ type: v.literal('draft_copied'), channel: v.pipe(v.string(), v.regex(/^[a-z0-9_]{1,32}$/)) }),
  v.strictObject({ type: v.literal('snooze') }),
  /** Background checks of this order's page on or off (lib/watch). */
  v.strictObject({ type: v.literal('set_watch'), on: v.boolean() }),
]);

export const OrderActionMessageSchema = v.strictObject({
  orderId: v.pipe(v.number(), v.integer(), v.minValue(1)),
  action: OrderActionSchema,
});

export type OrderAction = v.InferOutput<typeof OrderActionSchema>;
export type OrderActionMessage = v.InferOutput<typeof OrderActionMessageSchema>;

/** Host of a shop as `OrderRecord.site` stores it (`URL.host`: lower case, with a port when there is one). */
const shopHost = v.pipe(v.string(), v.maxLength(255), v.regex(/^[a-z0-9-]+(\.[a-z0-9-]+)*(:\d{1,5})?$/));

/**
 * extension page → background: an order the buyer entered by hand (its page is gone, or never showed an order). The
 * onboarding and add-order pages check the form first (lib/order-entry) and send exactly this; the background checks
 * it again, as it does every message.
 */
export const AddOrderSchema = v.strictObject({
  site: shopHost,
  /** The shop page the buyer gave: the order page, or the shop's home page. */
  url: v.pipe(v.string(), v.maxLength(LIMITS.url), v.url(), v.regex(/^https?:\/\//)),
  orderNo: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(LIMITS.orderNo)),
  productName: v.optional(text()),
  amount: v.pipe(v.number(), v.finite(), v.minValue(0.01), v.maxValue(1e9)),
  currency: v.picklist(['CNY', 'USDT']),
  paymentMethod: v.optional(text(32)),
  /** From the buyer's payment bill (Alipay / WeChat), ISO 8601 with its zone. */
  paidAt: isoTime,
  contact: v.optional(text(LIMITS.contact)),
  /** The promised window the buyer read on the shop; absent = the shop's or the default window. */
  windowMinutes: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(60 * 24 * 30))),
});
export type AddOrderData = v.InferOutput<typeof AddOrderSchema>;

/** extension page → background: capture the active tab as evidence for an order. */
export const CaptureTabSchema = v.strictObject({
  orderId: v.pipe(v.number(), v.integer(), v.minValue(1)),
  kind: v.picklist(['order_page', 'payment_receipt', 'order_screenshot', 'recipient_account', 'support_chat', 'other']),
  /** Scroll and stitch the whole page instead of the visible part. */
  fullPage: v.optional(v.boolean()),
});
export type CaptureTabData = v.InferOutput<typeof CaptureTabSchema>;

/** extension page → background: stamp an order's chain head (the buyer's "申请可信时间戳"). */
export const StampOrderSchema = v.strictObject({ orderId: v.pipe(v.number(), v.integer(), v.minValue(1)) });
export type StampOrderData = v.InferOutput<typeof StampOrderSchema>;

/**
 * extension page → background: stamp a bundle's manifest.json, sent as its exact text (the verifier needs the stamped
 * bytes, not only their hash). Bounded well under the browser's 64 MB message limit.
 */
export const StampManifestSchema = v.strictObject({ manifest: v.pipe(v.string(), v.maxLength(32 * 1024 * 1024)) });
export type StampManifestData = v.InferOutput<typeof StampManifestSchema>;
