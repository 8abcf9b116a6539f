import type { KamiGuardDb } from '@/lib/db/database';
import { parseEscalationSettings, type EscalationSettings } from '@/lib/escalation/settings';

/** kv key of the escalation settings (validated on every load). */
export const SETTINGS_KEY = 'settings.escalation';

/** kv keys of snoozes start with this, the order id follows. */
export const SNOOZE_PREFIX = 'reminders.snooze.';

/** kv key of an order's pending snooze. */
export function snoozeKey(orderId: number): string {
  return `${SNOOZE_PREFIX}${orderId}`;
}

/** Loads the settings; anything missing or invalid falls back to its default. */
export async function loadEscalationSettings(db: KamiGuardDb): Promise<EscalationSettings> {
  const row = await db.kv.get(SETTINGS_KEY);
  return parseEscalationSettings(row?.value);
}

/** Validates and stores the settings; returns what was stored (invalid fields replaced by defaults). */
export async function saveEscalationSettings(db: KamiGuardDb, settings: unknown): Promise<EscalationSettings> {
  const value = parseEscalationSettings(settings);
  await db.kv.put({ key: SETTINGS_KEY, value });
  return value;
}

/** The pending snooze of an order (epoch ms), if any. */
export async function getSnooze(db: KamiGuardDb, orderId: number): Promise<number | undefined> {
  const row = await db.kv.get(snoozeKey(orderId));
  const until = (row?.value as { until?: unknown } | undefined)?.until;
  return typeof until === 'number' && Number.isFinite(until) ? until : undefined;
}

/** All pending snoozes, by order id. */
export async function getAllSnoozes(db: KamiGuardDb): Promise<Map<number, number>> {
  return snoozesFromRows(await db.kv.where('key').startsWith(SNOOZE_PREFIX).toArray());
}

/** The snoozes in kv rows read by key prefix; a row that is not a valid snooze is left out. */
export function snoozesFromRows(rows: readonly { key: string; value: unknown }[]): Map<number, number> {
  const out = new Map<number, number>();
  for (const row of rows) {
    const id = Number(row.key.slice(SNOOZE_PREFIX.length));
    const until = (row.value as { until?: unknown } | undefined)?.until;
    if (Number.isInteger(id) && typeof until === 'number' && Number.isFinite(until)) out.set(id, until);
  }
  return out;
}

/** Stores a snooze (kept in the database so it survives the service worker stopping). */
export async function setSnooze(db: KamiGuardDb, orderId: number, until: number): Promise<void> {
  await db.kv.put({ key: snoozeKey(orderId), value: { until } });
}

/** Removes an order's snooze. */
export async function clearSnooze(db: KamiGuardDb, orderId: number): Promise<void> {
  await db.kv.delete(snoozeKey(orderId));
}
