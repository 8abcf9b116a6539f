import { describe, expect, it } from 'vitest';
import type { OrderRecord } from '@/lib/db/types';
import {
  cloneDefaults,
  computeClock,
  DEFAULT_ESCALATION_SETTINGS,
  deferPastQuietHours,
  isQuietTime,
  parseEscalationSettings,
  urgencyCompare,
  type ClockState,
  type QuietHours,
} from '@/lib/escalation';

const HOUR = 3_600_000;
/** China-time wall clock → epoch ms. */
const cn = (local: string): number => Date.parse(`${local}+08:00`);

describe('settings validation', () => {
  it('gives the DESIGN.md defaults for missing or non-object input', () => {
    for (const input of [undefined, null, 'x', 42, []]) {
      const s = parseEscalationSettings(input);
      expect(s).toEqual(DEFAULT_ESCALATION_SETTINGS);
    }
    expect(DEFAULT_ESCALATION_SETTINGS.defaultWindowMinutes).toBe(24 * 60);
    expect(DEFAULT_ESCALATION_SETTINGS.stepOffsetsMinutes).toEqual({
      evidence: 0,
      confirm_status: 10,
      contact_support: 30,
      payment_complaint: 0,
      regulator_complaint: 48 * 60,
    });
  });

  it('keeps valid fields and replaces each invalid one by its own default', () => {
    const s = parseEscalationSettings({
      defaultWindowMinutes: 'a day',
      stepOffsetsMinutes: { confirm_status: 15, contact_support: -5, regulator_complaint: Infinity },
      shopWindows: {
        'WWW.Fast.Example.com': 5,
        'bad.example.com': -1,
        'worse.example.com': 'x',
        'ok.example.com': 720,
      },
      notifications: false,
      quietHours: { enabled: true, startHour: 25, endHour: 7 },
      snoozeMinutes: 0,
      timeScale: 0.5,
      unknownField: 'dropped',
    });
    expect(s.defaultWindowMinutes).toBe(24 * 60);
    expect(s.stepOffsetsMinutes).toEqual({
      evidence: 0,
      confirm_status: 15,
      contact_support: 30,
      payment_complaint: 0,
      regulator_complaint: 48 * 60,
    });
    expect(s.shopWindows).toEqual({ 'fast.example.com': 5, 'ok.example.com': 720 });
    expect(s.notifications).toBe(false);
    expect(s.quietHours).toEqual({ enabled: true, startHour: 23, endHour: 7, utcOffsetMinutes: 480 });
    expect(s.snoozeMinutes).toBe(60);
    expect(s.timeScale).toBe(1);
    expect(s).not.toHaveProperty('unknownField');
  });

  it('a whole nested object of the wrong type falls back as a unit', () => {
    const s = parseEscalationSettings({ stepOffsetsMinutes: 'nope', quietHours: [1, 2], shopWindows: null });
    expect(s.stepOffsetsMinutes).toEqual(DEFAULT_ESCALATION_SETTINGS.stepOffsetsMinutes);
    expect(s.quietHours).toEqual(DEFAULT_ESCALATION_SETTINGS.quietHours);
    expect(s.shopWindows).toEqual({});
  });

  it('round-trips valid settings unchanged and never hands out the frozen defaults', () => {
    const valid = { ...cloneDefaults(), defaultWindowMinutes: 720, timeScale: 8640 };
    expect(parseEscalationSettings(valid)).toEqual(valid);
    const fresh = parseEscalationSettings(undefined);
    fresh.shopWindows['x.example.com'] = 10;
    expect(DEFAULT_ESCALATION_SETTINGS.shopWindows).toEqual({});
  });
});

describe('quiet hours', () => {
  const night: QuietHours = { enabled: true, startHour: 23, endHour: 8, utcOffsetMinutes: 480 };

  it('wraps midnight in China time', () => {
    expect(isQuietTime(cn('2025-03-01T22:59:59'), night)).toBe(false);
    expect(isQuietTime(cn('2025-03-01T23:00:00'), night)).toBe(true);
    expect(isQuietTime(cn('2025-03-02T03:00:00'), night)).toBe(true);
    expect(isQuietTime(cn('2025-03-02T08:00:00'), night)).toBe(false);
  });

  it('moves a time inside the quiet period to its end', () => {
    expect(deferPastQuietHours(cn('2025-03-01T23:30:00'), night)).toBe(cn('2025-03-02T08:00:00'));
    expect(deferPastQuietHours(cn('2025-03-02T02:00:00'), night)).toBe(cn('2025-03-02T08:00:00'));
    expect(deferPastQuietHours(cn('2025-03-02T12:00:00'), night)).toBe(cn('2025-03-02T12:00:00'));
  });

  it('handles a same-day period, another zone, and disabled or empty periods', () => {
    const lunch: QuietHours = { enabled: true, startHour: 12, endHour: 14, utcOffsetMinutes: 0 };
    expect(deferPastQuietHours(Date.parse('2025-03-01T12:10:00Z'), lunch)).toBe(Date.parse('2025-03-01T14:00:00Z'));
    expect(isQuietTime(Date.parse('2025-03-01T14:00:00Z'), lunch)).toBe(false);
    const t = cn('2025-03-01T23:30:00');
    expect(deferPastQuietHours(t, { ...night, enabled: false })).toBe(t);
    expect(deferPastQuietHours(t, { ...night, endHour: 23 })).toBe(t);
  });

  it('a reminder due in quiet hours is moved to the end of the period', () => {
    const paidAt = cn('2025-03-01T22:40:00');
    const order: OrderRecord = {
      id: 1,
      platform: 'generic',
      orderNo: 'A1',
      status: 'processing',
      paidAt: new Date(paidAt).toISOString(),
      site: 'shop.example.com',
      url: 'https://shop.example.com/o/A1',
      urls: [],
      firstSeenAt: paidAt,
      lastSeenAt: paidAt,
    };
    const settings = { ...cloneDefaults(), quietHours: night };
    const beforeNight = computeClock(order, [], settings, paidAt + 60_000);
    // 确认状态 at 22:50 is before 23:00: unchanged.
    expect(beforeNight.nextReminderAt).toBe(cn('2025-03-01T22:50:00'));
    const shown = [
      { orderId: 1, kind: 'reminder_shown' as const, at: cn('2025-03-01T22:50:00'), detail: 'confirm_status' },
    ];
    const c = computeClock(order, shown, settings, cn('2025-03-01T22:51:00'));
    // 联系客服 at 23:10 falls in the quiet period.
    expect(c.nextReminder?.at).toBe(cn('2025-03-01T23:10:00'));
    expect(c.nextReminderAt).toBe(cn('2025-03-02T08:00:00'));
    expect(c.nextWakeAt).toBe(cn('2025-03-02T08:00:00'));
  });
});

const clock = (over: Partial<ClockState>): ClockState =>
  ({ started: true, running: true, overdue: false, windowEndsAt: 0, ...over }) as ClockState;

describe('urgencyCompare', () => {
  it('sorts overdue (longest past first), then running (nearest deadline), then unpaid, then stopped (latest first)', () => {
    const items: [string, ClockState][] = [
      ['stopped-old', clock({ running: false, stoppedAt: 1 * HOUR })],
      ['running-late-deadline', clock({ windowEndsAt: 30 * HOUR })],
      ['unpaid', clock({ started: false, running: false, windowEndsAt: undefined })],
      ['overdue-recent', clock({ overdue: true, windowEndsAt: 20 * HOUR })],
      ['stopped-new', clock({ running: false, stoppedAt: 5 * HOUR })],
      ['running-soon', clock({ windowEndsAt: 25 * HOUR })],
      ['overdue-long', clock({ overdue: true, windowEndsAt: 2 * HOUR })],
    ];
    const sorted = [...items].toSorted((a, b) => urgencyCompare(a[1], b[1])).map(([name]) => name);
    expect(sorted).toEqual([
      'overdue-long',
      'overdue-recent',
      'running-soon',
      'running-late-deadline',
      'unpaid',
      'stopped-new',
      'stopped-old',
    ]);
  });
});
