import type { OrderRecord } from '@/lib/db/types';
import type { EscalationSettings } from './settings';

/** Where the promised window came from, lowest precedence first. */
export type WindowSource = 'default' | 'shop' | 'page' | 'order';

/** The promised delivery window of one order. */
export interface ResolvedWindow {
  /** Unscaled minutes, as the user or the page stated them. */
  minutes: number;
  source: WindowSource;
}

/** normalizeHost's answers: a list of a thousand orders asks for the same few hosts over and over. */
const hostKeys = new Map<string, string>();

/** Host key for per-shop settings: lower case, no port, no leading "www.". Empty for garbage. */
export function normalizeHost(host: string): string {
  let key = hostKeys.get(host);
  if (key === undefined) {
    key = host
      .trim()
      .toLowerCase()
      .replace(/:\d+$/, '')
      .replace(/^www\./, '');
    if (hostKeys.size >= 1000) hostKeys.clear();
    hostKeys.set(host, key);
  }
  return key;
}

function usable(minutes: number | undefined): minutes is number {
  return typeof minutes === 'number' && Number.isFinite(minutes) && minutes > 0;
}

/**
 * Picks the promised window: global default < shop override < page text < the user's own setting for the order.
 * The user's per-order value wins over the page text on purpose: the user sets it after reading the page (or after
 * the shop's support promised something else), and a mis-read page phrase must be correctable.
 */
export function resolveWindow(
  order: Pick<OrderRecord, 'site' | 'windowMinutes' | 'pageWindowMinutes'>,
  settings: EscalationSettings,
): ResolvedWindow {
  if (usable(order.windowMinutes)) return { minutes: order.windowMinutes, source: 'order' };
  if (usable(order.pageWindowMinutes)) return { minutes: order.pageWindowMinutes, source: 'page' };
  const shop = settings.shopWindows[normalizeHost(order.site)];
  if (usable(shop)) return { minutes: shop, source: 'shop' };
  return { minutes: settings.defaultWindowMinutes, source: 'default' };
}
