import { strFromU8, unzipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { downloadBundle } from '@/components/bundle-export';
import { downloadBytes } from '@/components/download';
import { formatKeyFingerprint } from '@/components/options/format';
import { OptionsSigning } from '@/components/options/signing';
import { getDb, type OrderRecord } from '@/lib/db';
import { BUNDLE_SETTINGS_KEY, getSigningKey, loadBundleSettings, saveBundleSettings } from '@/lib/evidence';
import { clearDb, click, installZhMessages, mount, waitFor, zh } from './options-test-utils';

vi.mock('@/components/download', () => ({ downloadBytes: vi.fn() }));

let view: Awaited<ReturnType<typeof mount>> | undefined;

beforeEach(async () => {
  installZhMessages();
  vi.mocked(downloadBytes).mockClear();
  await clearDb();
});
afterEach(async () => {
  await view?.unmount();
  view = undefined;
});

describe('bundle settings', () => {
  it('sign by default, and for anything stored that is not a yes/no', async () => {
    const db = getDb();
    expect(await loadBundleSettings(db)).toEqual({ sign: true });
    await db.kv.put({ key: BUNDLE_SETTINGS_KEY, value: { sign: 'no' } });
    expect(await loadBundleSettings(db)).toEqual({ sign: true });
    await saveBundleSettings(db, { sign: false });
    expect(await loadBundleSettings(db)).toEqual({ sign: false });
  });

  it('groups the first 128 bits of a fingerprint in fours', () => {
    expect(formatKeyFingerprint('ABCDEF0123456789abcdef0123456789ffff')).toBe(
      'abcd ef01 2345 6789 abcd ef01 2345 6789',
    );
  });
});

describe('options: evidence bundle signature', () => {
  it('is on by default, says no key exists yet, and saves the user turning it off', async () => {
    view = await mount(<OptionsSigning />);
    const box = await waitFor(() =>
      view!.container.querySelector<HTMLInputElement>('[data-testid="sign-bundles"]:not([disabled])'),
    );
    expect(box.checked).toBe(true);
    expect(view.container.querySelector('[data-testid="signing-key"]')!.textContent).toBe(zh('options_signing_no_key'));
    await click(box);
    await waitFor(() => !box.checked);
    expect((await getDb().kv.get(BUNDLE_SETTINGS_KEY))?.value).toEqual({ sign: false });
  });

  it("shows this install's key fingerprint once a key exists", async () => {
    const key = await getSigningKey(getDb());
    view = await mount(<OptionsSigning />);
    const line = await waitFor(() =>
      view!.container
        .querySelector('[data-testid="signing-key"]')
        ?.textContent?.includes(formatKeyFingerprint(key.fingerprint)),
    );
    expect(line).toBe(true);
  });
});

const addOrder = async (): Promise<number> => {
  const order: OrderRecord = {
    platform: 'generic',
    orderNo: 'SIGN-1',
    status: 'paid',
    site: 'shop.example.com',
    url: 'https://shop.example.com/order/SIGN-1',
    urls: ['https://shop.example.com/order/SIGN-1'],
    firstSeenAt: 1,
    lastSeenAt: 1,
  };
  return (await getDb().orders.add(order)) as number;
};
const zipNames = (): string[] =>
  Object.keys(unzipSync(vi.mocked(downloadBytes).mock.calls.at(-1)![0] as Uint8Array)).toSorted();

describe('downloadBundle', () => {
  it('signs manifest.json unless the user turned signing off', async () => {
    vi.spyOn(fakeBrowser.runtime, 'getManifest').mockReturnValue({
      manifest_version: 3,
      name: 'KamiGuard',
      version: '0.1.0',
    });
    const id = await addOrder();
    await downloadBundle([id], 'zh_CN');
    expect(zipNames()).toContain('manifest.sig.json');
    const sig = JSON.parse(
      strFromU8(unzipSync(vi.mocked(downloadBytes).mock.calls.at(-1)![0] as Uint8Array)['manifest.sig.json']!),
    ) as { file: string };
    expect(sig.file).toBe('manifest.json');

    await saveBundleSettings(getDb(), { sign: false });
    await downloadBundle([id], 'zh_CN');
    expect(zipNames()).toContain('manifest.json');
    expect(zipNames()).not.toContain('manifest.sig.json');
  });
});
