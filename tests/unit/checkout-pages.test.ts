/**
 * Buy pages seen from the background (lib/background/checkout-pages.ts, issue 14): only pages the page test marked are
 * looked at for a buy form; a form found brings the panel script once and an update after each reading; the product's
 * facts are read again only when the page or the product changed; a shop where the panel is off gets nothing; a form
 * gone takes the panel with it; a page a snapshot cannot carry gets the finder in the tab. And the snapshot handler's
 * side of it (lib/background/snapshot.ts).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { checkoutPages, type CheckoutPagesDeps } from '@/lib/background/checkout-pages';
import { handlePageSnapshot } from '@/lib/background/snapshot';
import type { BuyPageReading } from '@/lib/checkout/buy-page-reading';
import type { CheckoutUpdate } from '@/lib/checkout/form-refs';
import { saveCheckoutSettings } from '@/lib/checkout/settings';
import { openDb, type KamiGuardDb } from '@/lib/db';
import type { SenderLike } from '@/lib/messaging/sender';

const OWN_ID = 'abcdefghijklmnopabcdefghijklmnop';
const OWN_ORIGIN = `chrome-extension://${OWN_ID}`;
const BUY = 'https://shop.example.com/buy/7';
const sender: SenderLike = { id: OWN_ID, url: BUY, tab: { id: 3 }, frameId: 0, documentId: 'D1' };

const found = (product = '腾讯视频VIP会员 月卡 代充'): BuyPageReading => ({
  form: {
    area: { index: 40, key: 'FORM  ' },
    fields: [{ at: { index: 52, key: 'INPUT qq_account qq_account' }, kind: 'qq', confirm: false, label: 'QQ账号' }],
  },
  page: { product, productText: product, badges: ['人工处理'], pageText: '付款后 24小时内到账', footerText: '' },
});

const dbs: KamiGuardDb[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

function setup(): { deps: CheckoutPagesDeps; db: KamiGuardDb; told: [CheckoutUpdate, boolean][]; inTab: SenderLike[] } {
  const db = openDb(`test-${crypto.randomUUID()}`);
  dbs.push(db);
  const told: [CheckoutUpdate, boolean][] = [];
  const inTab: SenderLike[] = [];
  const deps: CheckoutPagesDeps = {
    context: () => ({
      db,
      ownId: OWN_ID,
      ownOrigin: OWN_ORIGIN,
      now: Date.parse('2026-12-01T10:00:00+08:00'),
      t: (key) => key,
      locale: 'zh_CN',
    }),
    tell: async (_s, update, first) => {
      told.push([update, first]);
      return true;
    },
    injectInTab: async (s) => {
      inTab.push(s);
      return true;
    },
  };
  return { deps, db, told, inTab };
}

describe('checkoutPages', () => {
  it('looks for a buy form only on marked tabs, in their top frame, until the tab moves on', () => {
    const pages = checkoutPages(setup().deps);
    expect(pages.wanted(sender)).toBe(false);
    pages.mark(3);
    expect(pages.wanted(sender)).toBe(true);
    expect(pages.wanted({ ...sender, frameId: 2 })).toBe(false);
    expect(pages.wanted({ ...sender, tab: { id: 4 } })).toBe(false);
    pages.forget(3);
    expect(pages.wanted(sender)).toBe(false);
  });

  it('brings the panel once and tells it after each reading; reads the facts again only for another product', async () => {
    const { deps, db, told } = setup();
    const pages = checkoutPages(deps);
    await pages.seen(found(), BUY, '3:0:a', sender);
    expect(told).toHaveLength(1);
    const [first, bring] = told[0]!;
    expect(bring).toBe(true);
    expect(first.form).toEqual(found().form);
    expect(first.reply.mode).toBe('full');
    expect(first.reply.lines?.terms.length).toBeGreaterThan(0);
    // The buy page was recorded as the shop's page, and its promise kept for the order that may follow.
    expect(await db.shops.get('shop.example.com')).toBeDefined();

    await pages.seen(found(), BUY, '3:0:a', sender);
    expect(told[1]![1]).toBe(false);
    expect(told[1]![0].reply).toBe(first.reply); // the same reply: nothing read again
    await pages.seen(found('王者荣耀 点券 卡密'), BUY, '3:0:a', sender);
    expect(told[2]![0].reply).not.toBe(first.reply);

    // The form went away (a single-page shop changed route): the panel is told, with no form.
    await pages.seen(undefined, BUY, '3:0:a', sender);
    expect(told[3]).toEqual([{ reply: told[2]![0].reply }, false]);
    // A page that never had a panel gets nothing when it has no form.
    await pages.seen(undefined, BUY, '3:0:b', sender);
    expect(told).toHaveLength(4);
  });

  it('brings nothing to a shop where the panel is off, and asks again after the buyer changed it', async () => {
    const { deps, db, told } = setup();
    await saveCheckoutSettings(db, { panel: false, recipientCheck: false, hiddenShops: [] });
    const pages = checkoutPages(deps);
    await pages.seen(found(), BUY, '3:0:a', sender);
    expect(told).toEqual([]);
    await saveCheckoutSettings(db, { panel: true, recipientCheck: true, hiddenShops: ['shop.example.com'] });
    await pages.seen(found(), BUY, '3:0:a', sender);
    expect(told).toEqual([]); // still the reply read before
    pages.changed(3);
    await pages.seen(found(), BUY, '3:0:a', sender);
    expect(told.map(([u, first]) => [u.reply.mode, first])).toEqual([['recipient', true]]);
  });

  it('hands a page a snapshot cannot carry to the finder in the tab, once, and then leaves it to it', async () => {
    const { deps, told, inTab } = setup();
    const pages = checkoutPages(deps);
    await pages.readInTab('3:0:a', sender);
    await pages.readInTab('3:0:a', sender);
    expect(inTab).toEqual([sender]);
    await pages.seen(found(), BUY, '3:0:a', sender);
    expect(told).toEqual([]);
  });

  it('refuses a sender that is not a page of ours before reading anything', async () => {
    const { deps, told } = setup();
    const pages = checkoutPages(deps);
    await expect(pages.seen(found(), BUY, '3:0:a', { ...sender, id: 'another-extension' })).rejects.toThrow();
    expect(told).toEqual([]);
  });
});

const snapshot = { url: BUY, pageId: 'k3j9x0', html: '<head></head><body></body>', values: [], hidden: [1] };
/** A snapshot handler's context whose buy-page side records what it is given. */
function ctx(reading: unknown, wanted: boolean) {
  const calls: unknown[][] = [];
  const reads: unknown[] = [];
  return {
    calls,
    reads,
    ctx: {
      ownId: OWN_ID,
      ownOrigin: OWN_ORIGIN,
      read: async (data: unknown) => (reads.push(data), reading),
      ordersSeen: async () => undefined,
      paymentStopSeen: async () => undefined,
      lastReports: new Map<string, string>(),
      buyPages: {
        wanted: () => wanted,
        seen: async (...args: unknown[]) => void calls.push(['seen', ...args]),
        readInTab: async (...args: unknown[]) => void calls.push(['readInTab', ...args]),
      },
    },
  };
}

describe('handlePageSnapshot on a buy page', () => {
  it('asks for the buy form only where wanted, and passes what was found (or not) on', async () => {
    const off = ctx({ orders: [] }, false);
    await handlePageSnapshot(snapshot, sender, off.ctx);
    expect(off.reads).toEqual([{ url: BUY, html: snapshot.html, values: [], hidden: [1] }]);
    expect(off.calls).toEqual([]);

    const on = ctx({ orders: [], buyPage: found() }, true);
    await handlePageSnapshot(snapshot, sender, on.ctx);
    expect(on.reads).toEqual([{ url: BUY, html: snapshot.html, values: [], hidden: [1], buyForm: true }]);
    expect(on.calls).toEqual([['seen', found(), BUY, '3:0:k3j9x0', sender]]);
  });

  it('sends a buy page whose copy is not the page to the finder in the tab', async () => {
    const on = ctx({ orders: [], copyDiffers: true }, true);
    expect(await handlePageSnapshot(snapshot, sender, on.ctx)).toEqual({ orders: 0, readInTab: true });
    expect(on.calls).toEqual([['readInTab', '3:0:k3j9x0', sender]]);
  });

  it('refuses a reading whose form is not what the finder gives', async () => {
    const bad = ctx({ orders: [], buyPage: { ...found(), form: { area: { index: -1, key: 'x' }, fields: [] } } }, true);
    await expect(handlePageSnapshot(snapshot, sender, bad.ctx)).rejects.toThrow(/Invalid message/);
    expect(bad.calls).toEqual([]);
  });
});
