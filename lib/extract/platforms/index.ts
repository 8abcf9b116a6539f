/**
 * The adapter registry: detection runs in this order and the first adapter whose detect() is true
 * extracts. Each adapter lives in ./<id>.ts and default-exports a PlatformAdapter whose id equals the
 * file name (tests/unit/extract-registry.test.ts checks both). `generic` must stay last.
 */
import type { PlatformAdapter } from '../platform';
import acgFaka from './acg-faka';
import caihong from './caihong';
import dujiaoka from './dujiaoka';
import generic from './generic';
// ── Adapters of the second helper (zfaka, qs-faka, kamifaka, fakanet, epay): add their imports here ──
import epay from './epay';
import fakanet from './fakanet';
import kamifaka from './kamifaka';
import qsFaka from './qs-faka';
import zfaka from './zfaka';

/** Specific systems first, in detection order; the generic extractor is appended last. */
export const ADAPTERS: readonly PlatformAdapter[] = [
  dujiaoka,
  acgFaka,
  caihong,
  // ── …and list them here, before generic ──
  zfaka,
  qsFaka,
  kamifaka,
  fakanet,
  epay,
  generic,
];
