import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OptionsCheckout } from '@/components/options/checkout';
import { getDb } from '@/lib/db';
import { CHECKOUT_SETTINGS_KEY, loadCheckoutSettings, saveCheckoutSettings } from '@/lib/checkout/settings';
import { clearDb, click, installZhMessages, mount, waitFor, zh } from './options-test-utils';

let view: Awaited<ReturnType<typeof mount>> | undefined;

beforeEach(async () => {
  installZhMessages();
  await clearDb();
});
afterEach(async () => {
  await view?.unmount();
  view = undefined;
});

describe('options: before-you-pay panel', () => {
  it('turns the panel off everywhere while the recipient check stays on', async () => {
    view = await mount(<OptionsCheckout />);
    const panel = await waitFor(() =>
      view!.container.querySelector<HTMLInputElement>('[data-testid="checkout-panel"]:not([disabled])'),
    );
    const recipient = view.container.querySelector<HTMLInputElement>('[data-testid="checkout-recipient"]')!;
    expect([panel.checked, recipient.checked]).toEqual([true, true]);
    await click(panel);
    await waitFor(() => !panel.checked);
    expect(await loadCheckoutSettings(getDb())).toEqual({ panel: false, recipientCheck: true, hiddenShops: [] });
  });

  it('lists the shops where the panel is off, and shows it again on one', async () => {
    await saveCheckoutSettings(getDb(), { panel: true, recipientCheck: true, hiddenShops: ['a.example', 'b.example'] });
    view = await mount(<OptionsCheckout />);
    const list = await waitFor(() => view!.container.querySelector('[data-testid="checkout-hidden-shops"]'));
    expect(Array.from(list.querySelectorAll('li span')).map((s) => s.textContent)).toEqual(['a.example', 'b.example']);
    await click(list.querySelector('button')!);
    await waitFor(() => view!.container.querySelectorAll('[data-testid="checkout-hidden-shops"] li').length === 1);
    expect((await getDb().kv.get(CHECKOUT_SETTINGS_KEY))?.value).toMatchObject({ hiddenShops: ['b.example'] });
  });

  it('says so when no shop is hidden', async () => {
    view = await mount(<OptionsCheckout />);
    await waitFor(() => view!.container.textContent?.includes(zh('options_checkout_hidden_none')));
  });
});
