/**
 * kv keys of derived caches (summaries rebuilt from the tables, e.g. the popup list's in lib/reminders/clock-cache.ts)
 * start with this. Backups leave them out, and an import drops them, since it may change rows under them.
 */
export const CACHE_KV_PREFIX = 'cache.';
