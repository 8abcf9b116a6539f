/** A new, empty `kamiguard`-schema database per test, deleted after it (fake-indexeddb). */
import { afterEach } from 'vitest';
import { openDb, type KamiGuardDb } from '@/lib/db';

const open: KamiGuardDb[] = [];

afterEach(async () => {
  for (const db of open.splice(0)) await db.delete();
});

export function freshDb(): KamiGuardDb {
  const db = openDb(`test-${crypto.randomUUID()}`);
  open.push(db);
  return db;
}
