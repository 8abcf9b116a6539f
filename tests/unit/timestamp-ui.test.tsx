/**
 * Trusted timestamps in the UI: the options section (presets, the checked custom address, the automatic setting, the
 * last automatic failure) and the stamped bundle export, which downloads nothing when a stamp fails.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { downloadBundle } from '@/components/bundle-export';
import { downloadBytes } from '@/components/download';
import { OptionsTimestamp } from '@/components/options/timestamp';
import { getDb, type OrderRecord } from '@/lib/db';
import {
  AUTO_FAILURE_KEY,
  DEFAULT_TIMESTAMP_SETTINGS,
  TIMESTAMP_SETTINGS_KEY,
  TimestampError,
  describeTimestampFailure,
  loadTimestampSettings,
} from '@/lib/evidence/timestamp';
import { sendMessage } from '@/lib/messaging/protocol';
import { button, clearDb, click, installZhMessages, mount, type, waitFor, zh } from './options-test-utils';

vi.mock('@/components/download', () => ({ downloadBytes: vi.fn() }));
vi.mock('@/lib/messaging/protocol', () => ({ sendMessage: vi.fn() }));

let view: Awaited<ReturnType<typeof mount>> | undefined;

beforeEach(async () => {
  installZhMessages();
  vi.mocked(downloadBytes).mockClear();
  vi.mocked(sendMessage).mockReset();
  await clearDb();
});
afterEach(async () => {
  await view?.unmount();
  view = undefined;
});

const radio = (value: string): HTMLInputElement =>
  view!.container.querySelector<HTMLInputElement>(`input[type="radio"][value="${value}"]`)!;

describe('options: trusted timestamps', () => {
  it('lists the presets with their notes, the first chosen, and saves another choice', async () => {
    view = await mount(<OptionsTimestamp />);
    await waitFor(() => radio('digicert')?.checked);
    for (const id of ['digicert', 'sectigo', 'globalsign', 'freetsa'])
      expect(view.container.textContent).toContain(zh(`tsa_note_${id}`));
    expect(view.container.querySelector('[data-testid="tsa-privacy"]')!.textContent).toBe(zh('tsa_privacy'));
    await click(radio('sectigo'));
    await waitFor(() => radio('sectigo').checked);
    expect((await loadTimestampSettings(getDb())).authority).toBe('sectigo');
  });

  it('refuses a custom address that does not pass the check, keeping the previous choice; takes a good one', async () => {
    view = await mount(<OptionsTimestamp />);
    const input = await waitFor(() => view!.container.querySelector<HTMLInputElement>('[data-testid="tsa-url"]'));
    await type(input, 'https://user:pw@tsa.example.com/');
    await click(button(view.container, zh('options_tsa_custom_save')));
    expect(view.container.querySelector('[data-testid="tsa-url-error"]')!.textContent).toBe(
      zh('options_tsa_url_credentials'),
    );
    expect(input.getAttribute('aria-invalid')).toBe('true');
    // Choosing "custom" with that address refuses too.
    await click(radio('custom'));
    expect(radio('custom').checked).toBe(false);
    expect(await getDb().kv.get(TIMESTAMP_SETTINGS_KEY)).toBeUndefined();

    await type(input, ' https://tsa.example.com/tsr ');
    expect(view.container.querySelector('[data-testid="tsa-url-error"]')).toBeNull();
    await click(button(view.container, zh('options_tsa_custom_save')));
    await waitFor(() => radio('custom').checked);
    expect(await loadTimestampSettings(getDb())).toEqual({
      ...DEFAULT_TIMESTAMP_SETTINGS,
      authority: 'custom',
      customUrl: 'https://tsa.example.com/tsr',
    });
  });

  it('turns the automatic stamp on only when asked, and shows the last automatic failure', async () => {
    await getDb().kv.put({ key: AUTO_FAILURE_KEY, value: { at: 1, orderId: 1, code: 'http', detail: 'HTTP 503' } });
    view = await mount(<OptionsTimestamp />);
    const box = await waitFor(() => view!.container.querySelector<HTMLInputElement>('[data-testid="tsa-auto"]'));
    expect(box.checked).toBe(false);
    await click(box);
    await waitFor(() => box.checked);
    expect((await loadTimestampSettings(getDb())).autoOnStatusChange).toBe(true);
    expect(view.container.querySelector('[data-testid="tsa-auto-failure"]')!.textContent).toContain(
      describeTimestampFailure('http', 'HTTP 503', 'zh_CN'),
    );
  });
});

const addOrder = async (): Promise<number> => {
  const order: OrderRecord = {
    platform: 'generic',
    orderNo: 'TSA-1',
    status: 'paid',
    site: 'shop.example.com',
    url: 'https://shop.example.com/order/TSA-1',
    urls: ['https://shop.example.com/order/TSA-1'],
    firstSeenAt: 1,
    lastSeenAt: 1,
  };
  return (await getDb().orders.add(order)) as number;
};

describe('a stamped bundle export', () => {
  beforeEach(() => {
    vi.spyOn(fakeBrowser.runtime, 'getManifest').mockReturnValue({
      manifest_version: 3,
      name: 'KamiGuard',
      version: '0.1.0',
    });
  });

  it('downloads nothing when the chain-head stamp fails, and does not go on to the manifest', async () => {
    vi.mocked(sendMessage).mockResolvedValue({ ok: false, code: 'unreachable', detail: 'ECONNREFUSED' } as never);
    const id = await addOrder();
    const error = await downloadBundle([id], 'zh_CN', undefined, { timestamp: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimestampError);
    expect(error).toMatchObject({ code: 'unreachable', detail: 'ECONNREFUSED' });
    expect(vi.mocked(sendMessage).mock.calls.map(([name]) => name)).toEqual(['stampOrder']);
    expect(downloadBytes).not.toHaveBeenCalled();
  });

  it('downloads nothing when the manifest stamp fails', async () => {
    vi.mocked(sendMessage).mockImplementation((async (name: string) =>
      name === 'stampOrder' ? { ok: true, facts: {} } : { ok: false, code: 'bad_signature' }) as never);
    const id = await addOrder();
    await expect(downloadBundle([id], 'zh_CN', undefined, { timestamp: true })).rejects.toMatchObject({
      code: 'bad_signature',
    });
    const manifestCall = vi.mocked(sendMessage).mock.calls.find(([name]) => name === 'stampManifest')!;
    expect(JSON.parse((manifestCall[1] as { manifest: string }).manifest)).toMatchObject({
      format: 'kamiguard-evidence-bundle',
    });
    expect(downloadBytes).not.toHaveBeenCalled();
  });

  it('asks for no stamp unless the buyer ticked it', async () => {
    const id = await addOrder();
    await downloadBundle([id], 'zh_CN');
    expect(sendMessage).not.toHaveBeenCalled();
    expect(downloadBytes).toHaveBeenCalledTimes(1);
  });
});
