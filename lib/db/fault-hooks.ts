import type Dexie from 'dexie';

/**
 * Faults for the e2e tests only: `getDb()` installs these when the extension is built with `--mode faults`
 * (`.output/chrome-mv3-faults`), and production builds drop them (tests/e2e/packages.test.ts checks the archives). A
 * test drives them through `globalThis.__kamiguardFaults` in the context it wants to break (the service worker, the
 * popup, the options page): each context has its own database connection and its own faults.
 */
export interface FaultControl {
  /** From now on, every add, put or delete on these tables (all tables when none are named) fails as on a full disk. */
  failWrites(tables?: string[]): void;
  /**
   * The `nth` add or put on `table` from now on holds its transaction open, its earlier writes done and this one not,
   * until `release()` — or until the test kills the context, which is the point: the browser then aborts the
   * transaction exactly as it does when it stops a worker or closes a page in the middle of a write.
   */
  stallWrite(table: string, nth?: number): void;
  /** True once the stalled write has been reached. */
  readonly stalled: boolean;
  /** Lets a stalled write go on. */
  release(): void;
  /** Removes every fault. */
  clear(): void;
}

/** The error Chromium raises when IndexedDB runs out of quota or disk. */
function quotaError(table: string): DOMException {
  return new DOMException(`Injected by the faults build: no space left for ${table}`, 'QuotaExceededError');
}

export function installFaultHooks(db: Dexie): void {
  let failing: Set<string> | 'all' | undefined;
  let stall: { table: string; left: number } | undefined;
  let stalled = false;
  let released = false;
  // (read through a function: the loop below waits for another task to change it)
  const isReleased = (): boolean => released;

  db.use({
    stack: 'dbcore',
    name: 'kamiguard-faults',
    create(down) {
      return {
        ...down,
        table(name) {
          const table = down.table(name);
          return {
            ...table,
            async mutate(req) {
              if (failing === 'all' || failing?.has(name)) throw quotaError(name);
              if (stall?.table === name && req.type !== 'delete' && --stall.left === 0) {
                stall = undefined;
                stalled = true;
                // An IndexedDB transaction with no request pending commits: keep one pending until released.
                while (!isReleased()) await table.get({ trans: req.trans, key: -1 });
              }
              return table.mutate(req);
            },
          };
        },
      };
    },
  });

  const control: FaultControl = {
    failWrites(tables) {
      failing = tables?.length ? new Set(tables) : 'all';
    },
    stallWrite(table, nth = 1) {
      stall = { table, left: nth };
      stalled = false;
      released = false;
    },
    get stalled() {
      return stalled;
    },
    release() {
      released = true;
    },
    clear() {
      failing = undefined;
      stall = undefined;
      released = true;
    },
  };
  Object.assign(globalThis, { __kamiguardFaults: control });
}
