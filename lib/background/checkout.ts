/**
 * The background's side of the checkout panel (issue 14): a buy form was found (in the page's snapshot,
 * lib/background/checkout-pages.ts, or by the finder in the tab, which asks with checkoutSeen): what does the panel
 * show? The shop is the sender's host (what the browser says the page is), never a host named in the message.
 */
import type { KamiGuardDb } from '@/lib/db/database';
import { recordShopPage } from '@/lib/db/shops';
import { normalizeHost } from '@/lib/escalation/window';
import { STEP_EVIDENCE_KINDS } from '@/lib/escalation/ladder';
import { pageMessages, word } from '@/lib/checkout/messages';
import { readPageFacts } from '@/lib/checkout/page-facts';
import type { Translate } from '@/lib/checkout/panel';
import { panelLines } from '@/lib/checkout/panel-model';
import { rememberPromise } from '@/lib/checkout/promise-memory';
import { hidePanelOnShop, loadCheckoutSettings, panelMode, type PanelMode } from '@/lib/checkout/settings';
import { summarizeShop } from '@/lib/checkout/shop-summary';
import type { CheckoutReply } from '@/lib/messaging/protocol';
import { readPageMessage } from '@/lib/messaging/page-message';
import { CheckoutSeenSchema } from '@/lib/messaging/schemas';
import { checkSender, type SenderLike } from '@/lib/messaging/sender';
import { computeClocks, type OrderClock } from '@/lib/reminders/clocks';
import { getAllSnoozes, loadEscalationSettings } from '@/lib/reminders/store';

export interface CheckoutContext {
  db: KamiGuardDb;
  ownId: string;
  ownOrigin: string;
  now: number;
  /** The extension's messages in the browser's language (browser.i18n.getMessage), and that language. */
  t: Translate;
  locale: 'zh_CN' | 'en';
}

/** Hosts stored for one shop: the page's host, with and without "www." (orders keep the host as the page had it). */
function hostVariants(host: string): string[] {
  const bare = host.toLowerCase().replace(/^www\./, '');
  return [...new Set([host, bare, `www.${bare}`])];
}

/** The clocks of one shop's orders, read from the database (its orders only, not the whole table). */
export async function loadShopClocks(db: KamiGuardDb, host: string, now: number): Promise<OrderClock[]> {
  const key = normalizeHost(host);
  const orders = (await db.orders.where('site').anyOf(hostVariants(host)).toArray()).filter(
    (o) => normalizeHost(o.site) === key,
  );
  const ids = orders.map((o) => o.id!);
  if (!ids.length) return [];
  const [events, evidence, snoozes, settings] = await Promise.all([
    db.events.where('orderId').anyOf(ids).toArray(),
    db.evidence
      .where('orderId')
      .anyOf(ids)
      .filter((e) => STEP_EVIDENCE_KINDS.includes(e.kind))
      .toArray(),
    getAllSnoozes(db),
    loadEscalationSettings(db),
  ]);
  return computeClocks({ orders, events, evidence, snoozes, settings }, now);
}

/**
 * A buy page was found: read what it says about the product (lib/checkout/page-facts.ts), record it as a page of
 * the shop (its ICP number or its lack of one, like any shop page), remember the delivery promise it makes for the
 * order that may follow, and answer with the panel's mode and words: the page's templates, and the terms, the
 * buyer's record at this shop and the page's signals, worded.
 */
export async function handleCheckoutSeen(
  raw: unknown,
  sender: SenderLike,
  ctx: CheckoutContext,
): Promise<CheckoutReply> {
  const { pageUrl, data } = readPageMessage(CheckoutSeenSchema, raw, sender, ctx);
  const host = pageUrl.host;
  const facts = readPageFacts(data);

  await recordShopPage(ctx.db, host, { icp: facts.icp }, ctx.now);
  const promiseMinutes = facts.promise?.value;
  if (promiseMinutes && facts.product)
    await rememberPromise(ctx.db, host, { product: facts.product, minutes: promiseMinutes, seenAt: ctx.now });

  const mode = panelMode(await loadCheckoutSettings(ctx.db), host);
  if (mode === 'off') return { mode };
  const messages = pageMessages(ctx.t);
  if (mode === 'recipient') return { mode, messages };
  const [clocks, shop] = await Promise.all([loadShopClocks(ctx.db, host, ctx.now), ctx.db.shops.get(host)]);
  const lines = panelLines({
    ...facts,
    locale: ctx.locale,
    shop: summarizeShop(clocks, promiseMinutes),
    ...(shop?.icp ? { icp: shop.icp } : {}),
  });
  return {
    mode,
    messages,
    lines: { terms: word(lines.terms, ctx.t), shop: word(lines.shop, ctx.t), signals: word(lines.signals, ctx.t) },
  };
}

/** The buyer turned the panel off on the sender's shop; replies with what the page shows from now on. */
export async function handleCheckoutHide(sender: SenderLike, ctx: CheckoutContext): Promise<{ mode: PanelMode }> {
  const pageUrl = checkSender(sender, 'content', ctx.ownId, ctx.ownOrigin);
  return { mode: panelMode(await hidePanelOnShop(ctx.db, pageUrl.host), pageUrl.host) };
}
