/**
 * The settings form's model, free of React: stored settings → the strings in the inputs. Inputs keep what the user
 * typed (an invalid "abc" stays visible next to its message); options-form-check.ts turns a form into settings.
 * The bounds mirror lib/escalation/settings.ts; a unit test checks that they agree.
 */
import { MAX_MINUTES, cloneDefaults, type EscalationSettings, type StepOffsets } from '@/lib/escalation';

/** A duration as typed: whole hours and whole minutes. */
export interface DurationInput {
  hours: string;
  minutes: string;
}

/** One per-shop window override as typed. */
export interface ShopWindowInput {
  host: string;
  window: DurationInput;
}

/** Ids of the step offsets shown in the form, in ladder order. */
export type OffsetId = keyof StepOffsets;
export const OFFSET_IDS: readonly OffsetId[] = [
  'evidence',
  'confirm_status',
  'contact_support',
  'payment_complaint',
  'regulator_complaint',
];

/** Everything the settings form shows. `timeScale` is test-only and deliberately absent. */
export interface SettingsForm {
  defaultWindow: DurationInput;
  offsets: Record<OffsetId, DurationInput>;
  notifications: boolean;
  quietEnabled: boolean;
  quietStartHour: number;
  quietEndHour: number;
  quietUtcOffsetMinutes: number;
  snooze: DurationInput;
  shops: ShopWindowInput[];
}

/** Inclusive bounds in minutes, as the settings schema enforces them. */
export interface Bounds {
  min: number;
  max: number;
}
export const WINDOW_BOUNDS: Bounds = { min: 1, max: MAX_MINUTES };
export const OFFSET_BOUNDS: Bounds = { min: 0, max: MAX_MINUTES };
export const SNOOZE_BOUNDS: Bounds = { min: 1, max: 24 * 60 };

/** Why a field was refused. */
export type FieldError =
  | { code: 'whole_number' }
  | { code: 'range'; bounds: Bounds }
  | { code: 'host_invalid' }
  | { code: 'host_duplicate' }
  /** Quiet hours switched on with the same start and end hour: that silences nothing. */
  | { code: 'quiet_empty' };

/** Field paths: 'defaultWindow', 'offsets.confirm_status', 'quiet', 'snooze', 'shops.2.host', 'shops.2.window'. */
export type FormErrors = Record<string, FieldError>;

/** Minutes → whole hours and the minutes left over. */
export function toDuration(total: number): DurationInput {
  const rounded = Math.round(total);
  return { hours: String(Math.floor(rounded / 60)), minutes: String(rounded % 60) };
}

/** The form showing `settings`. */
export function toForm(settings: EscalationSettings): SettingsForm {
  const offsets = {} as Record<OffsetId, DurationInput>;
  for (const id of OFFSET_IDS) offsets[id] = toDuration(settings.stepOffsetsMinutes[id]);
  return {
    defaultWindow: toDuration(settings.defaultWindowMinutes),
    offsets,
    notifications: settings.notifications,
    quietEnabled: settings.quietHours.enabled,
    quietStartHour: settings.quietHours.startHour,
    quietEndHour: settings.quietHours.endHour,
    quietUtcOffsetMinutes: settings.quietHours.utcOffsetMinutes,
    snooze: toDuration(settings.snoozeMinutes),
    shops: Object.entries(settings.shopWindows)
      .toSorted(([a], [b]) => a.localeCompare(b))
      .map(([host, minutes]) => ({ host, window: toDuration(minutes) })),
  };
}

/** The form after "restore defaults": every clock setting back to its default, the per-shop windows kept. */
export function defaultsForm(current: SettingsForm): SettingsForm {
  return { ...toForm(cloneDefaults()), shops: current.shops };
}

/** Whether two forms show the same values (to tell an edited form from the stored settings). */
export function sameForm(a: SettingsForm, b: SettingsForm): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
