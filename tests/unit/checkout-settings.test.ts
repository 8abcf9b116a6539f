import { afterEach, describe, expect, it } from 'vitest';
import { openDb, type KamiGuardDb } from '@/lib/db';
import {
  CHECKOUT_SETTINGS_KEY,
  hidePanelOnShop,
  loadCheckoutSettings,
  panelMode,
  parseCheckoutSettings,
  saveCheckoutSettings,
} from '@/lib/checkout/settings';

const dbs: KamiGuardDb[] = [];
const fresh = (): KamiGuardDb => {
  const db = openDb(`test-${crypto.randomUUID()}`);
  dbs.push(db);
  return db;
};
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

describe('checkout settings', () => {
  it('default to the panel and the recipient check on, no shop hidden', async () => {
    expect(await loadCheckoutSettings(fresh())).toEqual({ panel: true, recipientCheck: true, hiddenShops: [] });
  });

  it('fall back field by field, and keep the good hosts of a list with bad ones', () => {
    expect(
      parseCheckoutSettings({
        panel: 'no',
        recipientCheck: false,
        hiddenShops: ['WWW.Shop.example.com:8443', 42, 'bad host!', 'a.example'],
      }),
    ).toEqual({
      panel: true,
      recipientCheck: false,
      hiddenShops: ['shop.example.com', 'a.example'],
    });
    expect(parseCheckoutSettings('garbage')).toEqual({ panel: true, recipientCheck: true, hiddenShops: [] });
  });

  it('give the panel mode per shop: whole, recipient warnings only, or nothing', () => {
    const s = { panel: true, recipientCheck: true, hiddenShops: ['quiet.example'] };
    expect(panelMode(s, 'shop.example')).toBe('full');
    expect(panelMode(s, 'www.quiet.example:8080')).toBe('recipient');
    expect(panelMode({ ...s, recipientCheck: false }, 'quiet.example')).toBe('off');
    expect(panelMode({ ...s, panel: false }, 'shop.example')).toBe('recipient');
    expect(panelMode({ panel: false, recipientCheck: false, hiddenShops: [] }, 'shop.example')).toBe('off');
  });

  it('hide the panel on one shop once, keeping the rest as set', async () => {
    const db = fresh();
    await saveCheckoutSettings(db, { panel: true, recipientCheck: false, hiddenShops: [] });
    await hidePanelOnShop(db, 'www.shop.example:8080');
    await hidePanelOnShop(db, 'shop.example');
    expect((await db.kv.get(CHECKOUT_SETTINGS_KEY))?.value).toEqual({
      panel: true,
      recipientCheck: false,
      hiddenShops: ['shop.example'],
    });
  });
});
