import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { NOTIFY_STEPS, STEP_IDS, stepAction, stepNameKey } from '@/lib/escalation';
import { formatElapsed, formatMessage, REMINDER_MESSAGES, translate, type ChromeMessage } from '@/lib/reminders';

const zh = REMINDER_MESSAGES.zh_CN as Record<string, ChromeMessage>;
const en = REMINDER_MESSAGES.en as Record<string, ChromeMessage>;

describe('reminder messages', () => {
  it('both locales have the same keys, with valid messages.json names', () => {
    expect(Object.keys(en).toSorted()).toEqual(Object.keys(zh).toSorted());
    for (const key of Object.keys(zh)) expect(key).toMatch(/^[A-Za-z0-9_@]+$/);
  });

  it('has a name and an action for every step, every other action key, and reminder texts for every notifying step', () => {
    const needed = [
      ...STEP_IDS.map(stepNameKey),
      ...STEP_IDS.map(stepAction),
      'action_wait',
      'action_reorder',
      'action_none',
      'advice_reorder',
      'advice_callback_failure',
      ...NOTIFY_STEPS.flatMap((s) => [`reminder_title_${s}`, `reminder_message_${s}`]),
      'reminder_button_open',
      'reminder_button_snooze',
    ];
    for (const key of needed) expect(zh, key).toHaveProperty(key);
  });

  it('every $NAME$ is declared, and both locales declare the same placeholders', () => {
    for (const [key, msg] of Object.entries(zh)) {
      for (const m of [msg, en[key]!]) {
        const used = [...m.message.matchAll(/\$([A-Za-z0-9_@]+)\$/g)].map((x) => x[1]!.toLowerCase()).toSorted();
        // Chrome leaves an undeclared $NAME$ in the text verbatim; declared-but-unused ones are harmless.
        for (const name of used) expect(Object.keys(m.placeholders ?? {}), `${key}: ${name}`).toContain(name);
        for (const p of Object.values(m.placeholders ?? {})) expect(p.content).toMatch(/^\$[1-9]$/);
      }
      expect(Object.keys(en[key]!.placeholders ?? {}).toSorted(), key).toEqual(
        Object.keys(msg.placeholders ?? {}).toSorted(),
      );
    }
  });

  it('formatMessage substitutes named placeholders the way getMessage does', () => {
    expect(formatMessage(zh.reminder_title_contact_support!, ['Netflix'])).toBe('该联系客服了：Netflix');
    expect(formatMessage(en.reminder_title_contact_support!, 'Netflix $1 gift')).toBe(
      'Time to contact support: Netflix $1 gift',
    );
    expect(formatMessage({ message: 'cost $$5 for $A$', placeholders: { a: { content: '$1' } } }, ['x'])).toBe(
      'cost $5 for x',
    );
  });
});

describe('translate', () => {
  it('falls back to the bundled zh_CN text when getMessage is missing a key or throws', () => {
    // The test fake's getMessage throws (not mocked).
    expect(translate(fakeBrowser, 'reminder_button_snooze')).toBe('稍后提醒');
    vi.spyOn(fakeBrowser.i18n, 'getMessage').mockReturnValue('');
    expect(translate(fakeBrowser, 'reminder_title_contact_support', ['QQ'])).toBe('该联系客服了：QQ');
  });

  it('prefers the browser’s text', () => {
    vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation((key: string) =>
      key === 'reminder_button_open' ? 'Open order' : '',
    );
    expect(translate(fakeBrowser, 'reminder_button_open')).toBe('Open order');
  });

  it('formats elapsed time in days/hours, hours/minutes or minutes', () => {
    expect(formatElapsed(fakeBrowser, 2 * 86_400_000 + 5 * 3_600_000 + 59_000)).toBe('2天5小时');
    expect(formatElapsed(fakeBrowser, 3_600_000 + 30 * 60_000)).toBe('1小时30分钟');
    expect(formatElapsed(fakeBrowser, 25 * 60_000 + 59_999)).toBe('25分钟');
    expect(formatElapsed(fakeBrowser, -5)).toBe('不到1分钟');
  });
});
