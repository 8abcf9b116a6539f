import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { OptionsSettings } from '@/components/options/settings';
import { getDb } from '@/lib/db';
import { DEFAULT_ESCALATION_SETTINGS, cloneDefaults, type EscalationSettings } from '@/lib/escalation';
import { sendMessage } from '@/lib/messaging/protocol';
import { SETTINGS_KEY, loadEscalationSettings, saveEscalationSettings } from '@/lib/reminders/store';
import { button, clearDb, click, installZhMessages, mount, type, waitFor, zh } from './options-test-utils';

vi.mock('@/lib/messaging/protocol', () => ({ sendMessage: vi.fn(async () => ({ ok: true })) }));

const input = (c: HTMLElement, id: string): HTMLInputElement => c.querySelector<HTMLInputElement>(`#${id}`)!;
const status = (c: HTMLElement): string => c.querySelector('[role="status"]')?.textContent ?? '';
const storedRow = async (): Promise<EscalationSettings | undefined> =>
  (await getDb().kv.get(SETTINGS_KEY))?.value as EscalationSettings | undefined;

let view: Awaited<ReturnType<typeof mount>>;

beforeEach(async () => {
  installZhMessages();
  vi.mocked(sendMessage).mockClear();
  await clearDb();
});
afterEach(async () => {
  await view?.unmount();
});

describe('options settings form', () => {
  it('shows the stored settings and saves a valid edit, then asks the background to reschedule', async () => {
    view = await mount(<OptionsSettings />);
    const { container: c } = view;
    const hours = await waitFor(() => input(c, 'default-window-hours'));
    expect(hours.value).toBe('24');
    expect(input(c, 'offset-confirm_status-minutes').value).toBe('10');
    expect(c.textContent).not.toMatch(/timeScale|time scale/i);

    await type(hours, '12');
    expect(status(c)).toBe(zh('options_unsaved'));
    await click(button(c, zh('options_save')));
    await waitFor(() => status(c) === zh('options_saved'));

    expect((await storedRow())?.defaultWindowMinutes).toBe(12 * 60);
    expect(sendMessage).toHaveBeenCalledWith('settingsChanged', undefined);
  });

  it('shows a clear message for an invalid field and saves nothing', async () => {
    view = await mount(<OptionsSettings />);
    const { container: c } = view;
    await type(await waitFor(() => input(c, 'default-window-hours')), 'abc');
    await type(input(c, 'snooze-hours'), '30');
    await click(button(c, zh('options_save')));

    expect(status(c)).toBe(zh('options_invalid'));
    const alerts = [...c.querySelectorAll('[role="alert"]')].map((a) => a.textContent);
    expect(alerts).toContain(zh('options_error_whole_number'));
    expect(alerts).toContain(zh('options_error_range', ['1分钟', '1天']));
    expect(input(c, 'default-window-hours').getAttribute('aria-invalid')).toBe('true');
    // What the user typed stays visible next to the message.
    expect(input(c, 'default-window-hours').value).toBe('abc');
    expect(await storedRow()).toBeUndefined();
    expect(sendMessage).not.toHaveBeenCalled();

    // Fixing the field clears its message.
    await type(input(c, 'default-window-hours'), '6');
    expect(c.querySelector('[data-field="default-window"] [role="alert"]')).toBeNull();
  });

  it('restores the defaults into the form, keeping per-shop windows and the test-only time scale', async () => {
    await saveEscalationSettings(getDb(), {
      ...cloneDefaults(),
      defaultWindowMinutes: 30,
      notifications: false,
      shopWindows: { 'fast.example': 5 },
      timeScale: 100,
    });
    view = await mount(<OptionsSettings />);
    const { container: c } = view;
    await waitFor(() => input(c, 'default-window-minutes')?.value === '30');

    await click(button(c, zh('options_restore_defaults')));
    expect(input(c, 'default-window-hours').value).toBe('24');
    expect(status(c)).toBe(zh('options_restore_note'));
    // Nothing is stored until Save.
    expect((await loadEscalationSettings(getDb())).defaultWindowMinutes).toBe(30);

    await click(button(c, zh('options_save')));
    await waitFor(() => status(c) === zh('options_saved'));
    expect(await storedRow()).toEqual({
      ...DEFAULT_ESCALATION_SETTINGS,
      shopWindows: { 'fast.example': 5 },
      timeScale: 100,
    });
  });

  it('adds a per-shop window and refuses a duplicate host', async () => {
    view = await mount(<OptionsSettings />);
    const { container: c } = view;
    await waitFor(() => input(c, 'default-window-hours'));
    await click(button(c, zh('options_shop_add')));
    await type(input(c, 'shop-0-host'), 'https://www.Fast.Example/order/1');
    await type(input(c, 'shop-0-window-hours'), '0');
    await type(input(c, 'shop-0-window-minutes'), '5');
    await click(button(c, zh('options_shop_add')));
    await type(input(c, 'shop-1-host'), 'fast.example');
    await click(button(c, zh('options_save')));
    expect(c.textContent).toContain(zh('options_error_host_duplicate'));
    expect(await storedRow()).toBeUndefined();

    await click(c.querySelectorAll('[data-testid="shop-window-row"] button')[1]!);
    await click(button(c, zh('options_save')));
    await waitFor(() => status(c) === zh('options_saved'));
    expect((await storedRow())?.shopWindows).toEqual({ 'fast.example': 5 });
    // The form now shows the stored, normalised host.
    await waitFor(() => input(c, 'shop-0-host')?.value === 'fast.example');
  });
});
