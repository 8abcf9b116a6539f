/**
 * The add-an-order-by-hand form, free of React: what the buyer typed (strings, kept as typed so a bad field stays
 * visible next to its message) → the add-order message, or one error per refused field. Checked with valibot; every
 * error is an i18n message key.
 */
import * as v from 'valibot';
import { MAX_MINUTES } from '@/lib/escalation/settings';
import { MAX_CONTACT, MAX_FIELD } from '@/lib/extract/normalize';
import { AddOrderSchema, LIMITS, type AddOrderData } from '@/lib/messaging/schemas';

/** The payment methods offered, stored as a shop would show them (the drafts pick the complaint channel from it). */
export const PAYMENT_METHODS = ['支付宝', '微信支付', 'QQ钱包', 'USDT', ''] as const;
export type PaymentMethodChoice = (typeof PAYMENT_METHODS)[number];

/** What the form shows, as typed. */
export interface OrderEntryForm {
  /** The order page's address, or the shop's: "https://shop.example.com/…" or just "shop.example.com". */
  shopUrl: string;
  orderNo: string;
  productName: string;
  /** "98", "98.00", "¥98", "1,098.5 元". */
  amount: string;
  currency: 'CNY' | 'USDT';
  paymentMethod: PaymentMethodChoice;
  /** `<input type="datetime-local">`: "2026-11-30T14:05", China time (the time on an Alipay / WeChat bill). */
  paidAt: string;
  /** The account the goods were to reach (QQ number, e-mail, game id …). */
  contact: string;
  /** Promised window in hours as typed ("24", "0.5"); empty = the shop's or the default window. */
  windowHours: string;
}

/** The form's fields, in the order they are shown (the first refused one takes the focus). */
export const ENTRY_FIELDS = [
  'shopUrl',
  'orderNo',
  'productName',
  'amount',
  'currency',
  'paymentMethod',
  'paidAt',
  'contact',
  'windowHours',
] as const satisfies readonly (keyof OrderEntryForm)[];
export type EntryField = (typeof ENTRY_FIELDS)[number];

/** One error per refused field: an i18n message key. */
export type EntryErrors = Partial<Record<EntryField, string>>;

/** An empty form; the window is left empty, so the default window applies unless the buyer types the shop's. */
export function emptyEntryForm(): OrderEntryForm {
  return {
    shopUrl: '',
    orderNo: '',
    productName: '',
    amount: '',
    currency: 'CNY',
    paymentMethod: '支付宝',
    paidAt: '',
    contact: '',
    windowHours: '',
  };
}

/** A time later than now by more than this is a typing mistake, not a payment (clocks drift a little). */
const FUTURE_SLACK_MS = 5 * 60_000;
/** Earlier than this is not a payment of an order anyone still waits for. */
const EARLIEST = Date.UTC(2000, 0, 1);
const CHINA_OFFSET = '+08:00';

/** The shop's page as typed → its URL (https when no scheme was typed) and host, or undefined when it is not one. */
export function parseShopUrl(input: string): { url: string; site: string } | undefined {
  const trimmed = input.trim();
  if (!trimmed || /\s/.test(trimmed)) return undefined;
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(trimmed) ? trimmed : `https://${trimmed}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  // URL.host: lower case, punycode for a Chinese domain, the port when there is one; as page sightings store it.
  const site = url.host;
  if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+(:\d{1,5})?$/.test(site) && !/^localhost(:\d{1,5})?$/.test(site)) return undefined;
  url.hash = '';
  return { url: url.href, site };
}

/** "¥1,098.50 元" → 1098.5; undefined when it is not an amount. Full-width digits (１２.５) are read too. */
export function parseAmount(input: string): number | undefined {
  const text = input
    .normalize('NFKC')
    .replace(/[¥￥元\s,]/g, '')
    .replace(/^(cny|rmb|usdt)/i, '')
    .replace(/(cny|rmb|usdt)$/i, '');
  if (!/^\d{1,10}(\.\d{1,6})?$/.test(text)) return undefined;
  const n = Number(text);
  return Number.isFinite(n) ? n : undefined;
}

/** "2026-11-30T14:05" (China time) → "2026-11-30T14:05:00+08:00"; undefined when it is not such a time. */
export function chinaTimeToIso(input: string): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(input.trim());
  if (!m) return undefined;
  const iso = `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6] ?? '00'}${CHINA_OFFSET}`;
  const ms = Date.parse(iso);
  // Date.parse rolls 2026-02-30 over to March: a date that does not exist is refused, not moved.
  if (!Number.isFinite(ms) || new Date(ms + 8 * 3_600_000).toISOString().slice(8, 10) !== m[3]) return undefined;
  return iso;
}

/** Hours as typed → whole minutes; undefined when not a number. */
function hoursToMinutes(input: string): number | undefined {
  const text = input.normalize('NFKC').trim();
  if (!/^\d{1,4}(\.\d{1,2})?$/.test(text)) return undefined;
  return Math.round(Number(text) * 60);
}

const required = (key: string) => v.pipe(v.string(), v.trim(), v.nonEmpty(key));
const optional = (max: number, key: string) => v.pipe(v.string(), v.trim(), v.maxLength(max, key));

/**
 * The form's checks at `now`, each field on its own with its own message (`abortPipeEarly` keeps the first refusal
 * of each field), so every bad field is named at once. Each field's output is what the add-order message carries.
 */
const entrySchema = (now: number) =>
  v.object({
    shopUrl: v.pipe(
      required('entry_error_shop_required'),
      v.rawTransform(({ dataset, addIssue, NEVER }) => {
        const parsed = parseShopUrl(dataset.value);
        if (parsed) return parsed;
        addIssue({ message: 'entry_error_shop_invalid' });
        return NEVER;
      }),
    ),
    orderNo: v.pipe(
      required('entry_error_order_no_required'),
      v.maxLength(LIMITS.orderNo, 'entry_error_order_no_invalid'),
      // One token as the shop prints it: a pasted "订单号：…" line or two numbers would never match the shop's record.
      v.regex(/^[^\s:：]+$/, 'entry_error_order_no_invalid'),
    ),
    productName: optional(MAX_FIELD, 'entry_error_too_long'),
    amount: v.pipe(
      required('entry_error_amount_required'),
      v.rawTransform(({ dataset, addIssue, NEVER }) => {
        const n = parseAmount(dataset.value);
        if (n !== undefined && n > 0 && n <= 1e9) return n;
        addIssue({ message: 'entry_error_amount_invalid' });
        return NEVER;
      }),
    ),
    currency: v.picklist(['CNY', 'USDT'], 'entry_error_choice'),
    paymentMethod: v.picklist(PAYMENT_METHODS, 'entry_error_choice'),
    paidAt: v.pipe(
      required('entry_error_paid_at_required'),
      v.rawTransform(({ dataset, addIssue, NEVER }) => {
        const iso = chinaTimeToIso(dataset.value);
        const ms = iso === undefined ? NaN : Date.parse(iso);
        if (ms > now + FUTURE_SLACK_MS) addIssue({ message: 'entry_error_paid_at_future' });
        else if (!(ms >= EARLIEST)) addIssue({ message: 'entry_error_paid_at_invalid' });
        else return iso!;
        return NEVER;
      }),
    ),
    contact: optional(MAX_CONTACT, 'entry_error_too_long'),
    windowHours: v.pipe(
      v.string(),
      v.trim(),
      v.rawTransform(({ dataset, addIssue, NEVER }) => {
        if (dataset.value === '') return undefined;
        const minutes = hoursToMinutes(dataset.value);
        if (minutes !== undefined && minutes >= 1 && minutes <= MAX_MINUTES) return minutes;
        addIssue({ message: 'entry_error_window_invalid' });
        return NEVER;
      }),
    ),
  });

/** The result of checking the form: the message to send, or the errors to show. */
export type EntryResult = { ok: true; data: AddOrderData } | { ok: false; errors: EntryErrors };

/**
 * Checks every field and, when all are valid, builds the add-order message. `now` bounds the payment time (not in the
 * future, not before 2000). The message is also run through the background's own schema, so a form that passes here
 * is never refused there.
 */
export function checkEntryForm(form: OrderEntryForm, now: number): EntryResult {
  const errors: EntryErrors = {};
  const result = v.safeParse(entrySchema(now), form, { abortPipeEarly: true });
  if (!result.success) {
    for (const issue of result.issues) {
      const field = issue.path?.[0]?.key as EntryField | undefined;
      if (field && !errors[field]) errors[field] = issue.message;
    }
    return { ok: false, errors };
  }
  const out = result.output;
  const data: AddOrderData = {
    site: out.shopUrl.site,
    url: out.shopUrl.url,
    orderNo: out.orderNo,
    amount: out.amount,
    currency: out.currency,
    paidAt: out.paidAt,
    ...(out.productName ? { productName: out.productName } : {}),
    ...(out.paymentMethod ? { paymentMethod: out.paymentMethod } : {}),
    ...(out.contact ? { contact: out.contact } : {}),
    ...(out.windowHours !== undefined ? { windowMinutes: out.windowHours } : {}),
  };
  const checked = v.safeParse(AddOrderSchema, data);
  if (!checked.success) {
    // Only a value past the message's own bounds gets here (a URL over 2,048 characters): name its field.
    const key = String(checked.issues[0].path?.[0]?.key ?? '');
    const field: EntryField =
      key === 'windowMinutes'
        ? 'windowHours'
        : (ENTRY_FIELDS as readonly string[]).includes(key)
          ? (key as EntryField)
          : 'shopUrl';
    return { ok: false, errors: { [field]: 'entry_error_invalid' } };
  }
  return { ok: true, data: checked.output };
}

/** What a picked file is, as far as the check needs. */
export interface PickedFile {
  name: string;
  size: number;
  type: string;
}

/**
 * The receipt screenshot(s) picked with the form: images or PDFs (a bill saved from the app), none larger than
 * `maxBytes`. Returns an error key, or undefined when they can be imported (no file at all is fine: it can be added
 * later, and the order page asks for it).
 */
export function checkReceiptFiles(files: readonly PickedFile[], maxBytes: number): string | undefined {
  if (files.some((f) => !(f.type.startsWith('image/') || f.type === 'application/pdf')))
    return 'entry_error_receipt_type';
  if (files.some((f) => f.size > maxBytes)) return 'entry_error_receipt_too_large';
  return undefined;
}
