/** A test about the repository: every message key the code uses exists in both locales, and they agree. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(__dirname, '../..');
const load = (locale: string): Record<string, { message: string }> =>
  JSON.parse(readFileSync(join(root, 'public/_locales', locale, 'messages.json'), 'utf8'));
const zh = load('zh_CN');
const en = load('en');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return sources(p);
    return /\.(ts|tsx)$/.test(name) ? [p] : [];
  });
}

describe('locales', () => {
  it('zh_CN and en have the same keys', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
  });

  it('every literal key passed to t() exists', () => {
    const used = new Set<string>();
    for (const file of [
      ...sources(join(root, 'components')),
      ...sources(join(root, 'entrypoints')),
      ...sources(join(root, 'lib')),
    ]) {
      for (const m of readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([A-Za-z0-9_]+)'/g)) used.add(m[1]!);
    }
    expect(used.size).toBeGreaterThan(5);
    const missing = [...used].filter((k) => !(k in zh));
    expect(missing).toEqual([]);
  });

  it('every key named as a string literal under the feature prefixes exists (errors, choices, labels passed around)', () => {
    const named = new Set<string>();
    for (const file of [...sources(join(root, 'components')), ...sources(join(root, 'lib'))]) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/'((?:entry|onboarding|record|privacy)_[a-z0-9_]+)'/g)) named.add(m[1]!);
    }
    expect(named.size).toBeGreaterThan(20);
    expect([...named].filter((k) => !(k in zh))).toEqual([]);
  });

  it('has a label for every key the UI builds from data', async () => {
    const { ORDER_STATUSES } = await import('@/lib/extract/types');
    const { STEP_IDS } = await import('@/lib/escalation/steps');
    const { EVENT_KINDS } = await import('@/lib/evidence/labels');
    const { TIMESTAMP_AUTHORITIES } = await import('@/lib/evidence/timestamp/authorities');
    const { SHOP_RECORD_COLUMNS } = await import('@/lib/escalation/shop-record');
    const { ONBOARDING_PERMISSIONS } = await import('@/components/onboarding/permissions');
    const built = [
      ...ORDER_STATUSES.map((s) => `status_${s}`),
      ...STEP_IDS.flatMap((s) => [`step_${s}`, `action_${s}`]),
      ...['received', 'refunded', 'lost', 'abandoned'].map((o) => `outcome_${o}`),
      ...['default', 'shop', 'page', 'order'].map((w) => `window_source_${w}`),
      ...['reorder', 'callback_failure'].map((a) => `advice_${a}`),
      ...['auto', 'manual'].map((d) => `delivery_${d}`),
      ...EVENT_KINDS.map((k) => `event_${k}`),
      ...TIMESTAMP_AUTHORITIES.map((a) => `tsa_note_${a.id}`),
      ...['empty', 'not_url', 'scheme', 'credentials', 'too_long'].map((p) => `options_tsa_url_${p}`),
      ...SHOP_RECORD_COLUMNS.map((c) => `record_csv_${c}`),
      ...ONBOARDING_PERMISSIONS.flatMap((p) => [p.key, `${p.key}_title`]),
    ];
    expect(built.filter((k) => !(k in zh))).toEqual([]);
  });
});
