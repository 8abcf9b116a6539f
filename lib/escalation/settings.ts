import * as v from 'valibot';
import { normalizeHost } from './window';

/**
 * Offsets of the timed ladder steps, in minutes. `evidence`, `confirm_status` and `contact_support` count from the
 * clock start; `payment_complaint` and `regulator_complaint` count from the end of the promised window (so the
 * default 0 means "when the window ends" and 2880 means "window + 48 h").
 */
export interface StepOffsets {
  evidence: number;
  confirm_status: number;
  contact_support: number;
  payment_complaint: number;
  regulator_complaint: number;
}

/**
 * Quiet hours in whole hours of a fixed UTC offset. The offset defaults to China time (UTC+8, 480 min), the zone
 * the shops and most users live in; an options page may store the user's own offset instead. start === end means
 * no quiet period; start > end wraps midnight (23 → 8 is 23:00–08:00).
 */
export interface QuietHours {
  enabled: boolean;
  /** 0–23, inclusive start of the quiet period. */
  startHour: number;
  /** 0–23, exclusive end of the quiet period. */
  endHour: number;
  /** Minutes east of UTC in which the hours are read; 480 = China time. */
  utcOffsetMinutes: number;
}

/** Everything the user can set about the delay clock and its reminders. */
export interface EscalationSettings {
  /** Promised delivery window when neither the shop, the page nor the user says otherwise. */
  defaultWindowMinutes: number;
  stepOffsetsMinutes: StepOffsets;
  /** Per-shop window overrides: site host (lower case, without "www.") → minutes. */
  shopWindows: Record<string, number>;
  /** Show notifications for ladder steps (the badge works either way). */
  notifications: boolean;
  quietHours: QuietHours;
  /** How long "稍后提醒" postpones a reminder. */
  snoozeMinutes: number;
  /**
   * TEST ONLY. Every duration above and on the order (windows, offsets, snooze) is divided by this factor; quiet
   * hours are wall-clock and not scaled. 1 in real use. The e2e test sets e.g. 8640 so that a 24 h window lasts
   * 10 s (packed builds clamp alarms to ≥ 30 s; unpacked builds fire after about 1 s).
   */
  timeScale: number;
}

/** The defaults from DESIGN.md ("The delay clock and the ladder"). */
export const DEFAULT_ESCALATION_SETTINGS: Readonly<EscalationSettings> = Object.freeze({
  defaultWindowMinutes: 24 * 60,
  stepOffsetsMinutes: Object.freeze({
    evidence: 0,
    confirm_status: 10,
    contact_support: 30,
    payment_complaint: 0,
    regulator_complaint: 48 * 60,
  }),
  shopWindows: Object.freeze({}) as Record<string, number>,
  notifications: true,
  // Off by default: a buyer waiting on a top-up at 1 a.m. usually wants to hear about it.
  quietHours: Object.freeze({ enabled: false, startHour: 23, endHour: 8, utcOffsetMinutes: 8 * 60 }),
  snoozeMinutes: 60,
  timeScale: 1,
});

/** Upper bound for windows and offsets: 30 days. Longer values are almost certainly typing mistakes. */
export const MAX_MINUTES = 30 * 24 * 60;

const minutes = (min: number, fallback: number) =>
  v.fallback(v.pipe(v.number(), v.finite(), v.minValue(min), v.maxValue(MAX_MINUTES)), fallback);
const hour = (fallback: number) => v.fallback(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(23)), fallback);
const D = DEFAULT_ESCALATION_SETTINGS;

/** Keeps the valid entries of a host → minutes map and drops the rest, so one bad entry does not lose the others. */
function cleanShopWindows(input: Record<string, unknown>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [host, value] of Object.entries(input)) {
    const key = normalizeHost(host);
    if (!key || typeof value !== 'number' || !Number.isFinite(value)) continue;
    if (value < 1 || value > MAX_MINUTES) continue;
    out[key] = value;
  }
  return out;
}

/**
 * Validates settings loaded from storage. Every field that is missing or invalid falls back to its default on its
 * own (a corrupt quiet-hours entry does not reset the window); input that is not an object gives the defaults.
 */
export const escalationSettingsSchema = v.fallback(
  v.object({
    defaultWindowMinutes: minutes(1, D.defaultWindowMinutes),
    stepOffsetsMinutes: v.fallback(
      v.object({
        evidence: minutes(0, D.stepOffsetsMinutes.evidence),
        confirm_status: minutes(0, D.stepOffsetsMinutes.confirm_status),
        contact_support: minutes(0, D.stepOffsetsMinutes.contact_support),
        payment_complaint: minutes(0, D.stepOffsetsMinutes.payment_complaint),
        regulator_complaint: minutes(0, D.stepOffsetsMinutes.regulator_complaint),
      }),
      () => ({ ...D.stepOffsetsMinutes }),
    ),
    shopWindows: v.fallback(v.pipe(v.record(v.string(), v.unknown()), v.transform(cleanShopWindows)), () => ({})),
    notifications: v.fallback(v.boolean(), D.notifications),
    quietHours: v.fallback(
      v.object({
        enabled: v.fallback(v.boolean(), D.quietHours.enabled),
        startHour: hour(D.quietHours.startHour),
        endHour: hour(D.quietHours.endHour),
        utcOffsetMinutes: v.fallback(
          v.pipe(v.number(), v.integer(), v.minValue(-12 * 60), v.maxValue(14 * 60)),
          D.quietHours.utcOffsetMinutes,
        ),
      }),
      () => ({ ...D.quietHours }),
    ),
    snoozeMinutes: v.fallback(v.pipe(v.number(), v.finite(), v.minValue(1), v.maxValue(24 * 60)), D.snoozeMinutes),
    timeScale: v.fallback(v.pipe(v.number(), v.finite(), v.minValue(1), v.maxValue(1_000_000)), D.timeScale),
  }),
  () => cloneDefaults(),
);

/** A fresh, mutable copy of the defaults. */
export function cloneDefaults(): EscalationSettings {
  return {
    ...D,
    stepOffsetsMinutes: { ...D.stepOffsetsMinutes },
    shopWindows: {},
    quietHours: { ...D.quietHours },
  };
}

/** Parses stored settings (any shape) into valid settings; never throws. */
export function parseEscalationSettings(input: unknown): EscalationSettings {
  return v.parse(escalationSettingsSchema, input);
}
