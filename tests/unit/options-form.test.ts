import { describe, expect, it } from 'vitest';
import {
  OFFSET_BOUNDS,
  SNOOZE_BOUNDS,
  WINDOW_BOUNDS,
  defaultsForm,
  sameForm,
  toDuration,
  toForm,
  type Bounds,
  type SettingsForm,
} from '@/components/options/form';
import { formToSettings, parseShopHost } from '@/components/options/form-check';
import { backupFileName, formatBytes, formatPercent, formatUtcOffset } from '@/components/options/format';
import { cloneDefaults, parseEscalationSettings, type EscalationSettings } from '@/lib/escalation';

const minutes = (n: number) => toDuration(n);

function edited(change: (f: SettingsForm) => void, base: EscalationSettings = cloneDefaults()): SettingsForm {
  const form = structuredClone(toForm(base));
  change(form);
  return form;
}

describe('settings form model', () => {
  it('round-trips stored settings through the form unchanged, keeping the test-only time scale', () => {
    const stored: EscalationSettings = {
      ...cloneDefaults(),
      defaultWindowMinutes: 90,
      stepOffsetsMinutes: { ...cloneDefaults().stepOffsetsMinutes, confirm_status: 15 },
      shopWindows: { 'fast.example': 5, 'slow.example': 12 * 60 },
      notifications: false,
      quietHours: { enabled: true, startHour: 22, endHour: 7, utcOffsetMinutes: 60 },
      snoozeMinutes: 45,
      timeScale: 8640,
    };
    const form = toForm(stored);
    expect(form.defaultWindow).toEqual({ hours: '1', minutes: '30' });
    expect(form.shops.map((s) => s.host)).toEqual(['fast.example', 'slow.example']);
    expect(form).not.toHaveProperty('timeScale');
    expect(formToSettings(form, stored)).toEqual({ ok: true, settings: stored });
  });

  it('reads hours and minutes, with a blank part as 0 and minutes above 59 allowed', () => {
    const form = edited((f) => {
      f.defaultWindow = { hours: '2', minutes: '' };
      f.offsets.confirm_status = { hours: '', minutes: '90' };
    });
    const result = formToSettings(form, cloneDefaults());
    expect(result.ok && result.settings.defaultWindowMinutes).toBe(120);
    expect(result.ok && result.settings.stepOffsetsMinutes.confirm_status).toBe(90);
  });

  it('refuses text, decimals and negatives with one error per field, and builds no settings', () => {
    const form = edited((f) => {
      f.defaultWindow = { hours: 'abc', minutes: '0' };
      f.offsets.contact_support = { hours: '0', minutes: '-5' };
      f.snooze = { hours: '1.5', minutes: '' };
    });
    const result = formToSettings(form, cloneDefaults());
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual({
      defaultWindow: { code: 'whole_number' },
      'offsets.contact_support': { code: 'whole_number' },
      snooze: { code: 'whole_number' },
    });
  });

  it('refuses durations outside the bounds', () => {
    const form = edited((f) => {
      f.defaultWindow = { hours: '0', minutes: '0' };
      f.offsets.regulator_complaint = { hours: String(31 * 24), minutes: '0' };
      f.snooze = { hours: '25', minutes: '0' };
    });
    const result = formToSettings(form, cloneDefaults());
    expect(result.ok ? {} : result.errors).toEqual({
      defaultWindow: { code: 'range', bounds: WINDOW_BOUNDS },
      'offsets.regulator_complaint': { code: 'range', bounds: OFFSET_BOUNDS },
      snooze: { code: 'range', bounds: SNOOZE_BOUNDS },
    });
  });

  it.each([
    ['default window', WINDOW_BOUNDS, (s: EscalationSettings, v: number) => (s.defaultWindowMinutes = v)],
    ['offset', OFFSET_BOUNDS, (s: EscalationSettings, v: number) => (s.stepOffsetsMinutes.contact_support = v)],
    ['snooze', SNOOZE_BOUNDS, (s: EscalationSettings, v: number) => (s.snoozeMinutes = v)],
    ['shop window', WINDOW_BOUNDS, (s: EscalationSettings, v: number) => (s.shopWindows = { 'a.example': v })],
  ] as const)('its %s bounds are the ones the settings schema enforces', (_name, bounds: Bounds, set) => {
    const accepts = (v: number): boolean => {
      const s = cloneDefaults();
      set(s, v);
      return JSON.stringify(parseEscalationSettings(s)) === JSON.stringify(s);
    };
    expect(accepts(bounds.min)).toBe(true);
    expect(accepts(bounds.max)).toBe(true);
    expect(accepts(bounds.min - 1)).toBe(false);
    expect(accepts(bounds.max + 1)).toBe(false);
  });

  it('checks shop hosts: normalised, pasted URLs accepted, garbage and duplicates refused', () => {
    const form = edited((f) => {
      f.shops = [
        { host: 'https://WWW.Fast.Example/order/1?x=2', window: minutes(5) },
        { host: 'fast.example', window: minutes(10) },
        { host: 'not a host', window: minutes(10) },
        { host: 'ok.example', window: { hours: 'x', minutes: '' } },
      ];
    });
    const result = formToSettings(form, cloneDefaults());
    expect(result.ok ? {} : result.errors).toEqual({
      'shops.1.host': { code: 'host_duplicate' },
      'shops.2.host': { code: 'host_invalid' },
      'shops.3.window': { code: 'whole_number' },
    });
    const fixed = structuredClone(form);
    fixed.shops = [form.shops[0]!, { host: 'ok.example', window: minutes(60) }];
    const ok = formToSettings(fixed, cloneDefaults());
    expect(ok.ok && ok.settings.shopWindows).toEqual({ 'fast.example': 5, 'ok.example': 60 });
  });

  it('parses shop hosts the way pages report them', () => {
    expect(parseShopHost('  Shop.Example.com:8080 ')).toBe('shop.example.com');
    expect(parseShopHost('www.shop.example')).toBe('shop.example');
    expect(parseShopHost('卡密.中国')).toMatch(/^xn--/);
    for (const bad of ['', 'a b', 'http://', '<script>', 'shop..example']) expect(parseShopHost(bad), bad).toBe('');
  });

  it('refuses quiet hours that start and end at the same hour only when they are on', () => {
    const on = edited((f) => {
      f.quietEnabled = true;
      f.quietStartHour = 8;
      f.quietEndHour = 8;
    });
    expect(formToSettings(on, cloneDefaults())).toEqual({ ok: false, errors: { quiet: { code: 'quiet_empty' } } });
    expect(formToSettings({ ...on, quietEnabled: false }, cloneDefaults()).ok).toBe(true);
  });

  it('restores the defaults but keeps the per-shop windows', () => {
    const custom = toForm({
      ...cloneDefaults(),
      defaultWindowMinutes: 30,
      snoozeMinutes: 5,
      shopWindows: { 'a.example': 7 },
    });
    const restored = defaultsForm(custom);
    expect(restored.defaultWindow).toEqual({ hours: '24', minutes: '0' });
    expect(restored.snooze).toEqual({ hours: '1', minutes: '0' });
    expect(restored.shops).toEqual(custom.shops);
    expect(sameForm(restored, custom)).toBe(false);
    expect(sameForm(restored, defaultsForm(restored))).toBe(true);
  });
});

describe('options formatters', () => {
  it('formats byte counts in binary units', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1023)).toBe('1023 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(5 * 1024 * 1024)).toBe('5 MB');
    expect(formatBytes(150 * 1024 * 1024)).toBe('150 MB');
    expect(formatBytes(-1)).toBe('—');
  });

  it('names backups by local date and time', () => {
    expect(backupFileName(new Date(2026, 0, 5, 9, 7))).toBe('kamiguard-backup-20260105-0907.zip');
    expect(backupFileName(new Date(2026, 11, 31, 23, 59))).toBe('kamiguard-backup-20261231-2359.zip');
  });

  it('formats UTC offsets and percentages', () => {
    expect(formatUtcOffset(480)).toBe('UTC+8');
    expect(formatUtcOffset(-210)).toBe('UTC-3:30');
    expect(formatUtcOffset(345)).toBe('UTC+5:45');
    expect(formatUtcOffset(0)).toBe('UTC+0');
    expect(formatPercent(2 / 3)).toBe('67');
    expect(formatPercent(1.2)).toBe('100');
  });
});
