/** The local timestamp authority for a Vitest file: started before its tests, stopped after. */
import { afterAll, beforeAll } from 'vitest';
import { startLocalTsa, type LocalTsa } from '../support/local-tsa';

/** Registers the hooks; `tsa` is set once the file's tests run. */
export function withLocalTsa(): { tsa: LocalTsa } {
  const local = {} as { tsa: LocalTsa };
  beforeAll(async () => {
    local.tsa = await startLocalTsa();
  }, 60_000);
  afterAll(async () => {
    await local.tsa?.close();
  });
  return local;
}
