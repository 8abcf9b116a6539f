/**
 * Checking the settings form: one error per refused field, and settings only from a form without errors.
 */
import { normalizeHost, parseEscalationSettings, type EscalationSettings } from '@/lib/escalation';
import {
  OFFSET_BOUNDS,
  OFFSET_IDS,
  SNOOZE_BOUNDS,
  WINDOW_BOUNDS,
  type Bounds,
  type DurationInput,
  type FieldError,
  type FormErrors,
  type SettingsForm,
} from './form';

const WHOLE = /^\d{1,7}$/;

/** Reads a duration; an empty part counts as 0 so "24 h, blank min" works. */
function readDuration(input: DurationInput, bounds: Bounds): number | FieldError {
  const parts = [input.hours.trim() || '0', input.minutes.trim() || '0'];
  if (!parts.every((p) => WHOLE.test(p))) return { code: 'whole_number' };
  const total = Number(parts[0]) * 60 + Number(parts[1]);
  if (total < bounds.min || total > bounds.max) return { code: 'range', bounds };
  return total;
}

/**
 * The host key for a typed shop: accepts "shop.example.com", "www.Shop.example.com:8080" or a pasted URL, and
 * returns it the way per-shop settings store hosts. Empty for anything that is not a host name.
 */
export function parseShopHost(input: string): string {
  const trimmed = input.trim();
  if (!trimmed || /\s/.test(trimmed)) return '';
  try {
    // The URL parser lower-cases, drops paths and turns a Chinese domain into its punycode form, as page hosts are.
    const url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `http://${trimmed}`);
    const host = normalizeHost(url.hostname);
    return /^[a-z0-9-]+(\.[a-z0-9-]+)*$/.test(host) ? host : '';
  } catch {
    return '';
  }
}

/** The result of checking a form: settings to save, or the errors to show. */
export type FormResult = { ok: true; settings: EscalationSettings } | { ok: false; errors: FormErrors };

/**
 * Checks every field and, when all are valid, builds the settings (on top of `base`, so the test-only time scale
 * survives a save). The result is also run through the settings schema: a value the schema would silently replace by
 * its default is reported instead of being saved as something else.
 */
export function formToSettings(form: SettingsForm, base: EscalationSettings): FormResult {
  const errors: FormErrors = {};
  const read = (path: string, input: DurationInput, bounds: Bounds): number => {
    const value = readDuration(input, bounds);
    if (typeof value === 'number') return value;
    errors[path] = value;
    return 0;
  };
  const offsets = { ...base.stepOffsetsMinutes };
  for (const id of OFFSET_IDS) offsets[id] = read(`offsets.${id}`, form.offsets[id], OFFSET_BOUNDS);
  const shopWindows: Record<string, number> = {};
  form.shops.forEach((shop, i) => {
    const host = parseShopHost(shop.host);
    const minutes = read(`shops.${i}.window`, shop.window, WINDOW_BOUNDS);
    if (!host) errors[`shops.${i}.host`] = { code: 'host_invalid' };
    else if (host in shopWindows) errors[`shops.${i}.host`] = { code: 'host_duplicate' };
    else shopWindows[host] = minutes;
  });
  const settings: EscalationSettings = {
    ...base,
    defaultWindowMinutes: read('defaultWindow', form.defaultWindow, WINDOW_BOUNDS),
    stepOffsetsMinutes: offsets,
    shopWindows,
    notifications: form.notifications,
    quietHours: {
      enabled: form.quietEnabled,
      startHour: form.quietStartHour,
      endHour: form.quietEndHour,
      utcOffsetMinutes: form.quietUtcOffsetMinutes,
    },
    snoozeMinutes: read('snooze', form.snooze, SNOOZE_BOUNDS),
  };
  if (form.quietEnabled && form.quietStartHour === form.quietEndHour) errors.quiet = { code: 'quiet_empty' };
  if (Object.keys(errors).length) return { ok: false, errors };

  const parsed = parseEscalationSettings(settings);
  if (parsed.defaultWindowMinutes !== settings.defaultWindowMinutes)
    errors.defaultWindow = { code: 'range', bounds: WINDOW_BOUNDS };
  if (parsed.snoozeMinutes !== settings.snoozeMinutes) errors.snooze = { code: 'range', bounds: SNOOZE_BOUNDS };
  for (const id of OFFSET_IDS) {
    if (parsed.stepOffsetsMinutes[id] !== offsets[id])
      errors[`offsets.${id}`] = { code: 'range', bounds: OFFSET_BOUNDS };
  }
  form.shops.forEach((shop, i) => {
    const host = parseShopHost(shop.host);
    if (parsed.shopWindows[host] !== shopWindows[host])
      errors[`shops.${i}.window`] = { code: 'range', bounds: WINDOW_BOUNDS };
  });
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, settings: parsed };
}
