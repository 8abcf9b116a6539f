/**
 * Tests about the adapter registry itself (after refined-github's feature tests): every adapter file is
 * registered under its file name, has fixtures, and its detect() claims no other adapter's page and no
 * negative page. A hand-kept list that nothing checks goes stale.
 */
import { describe, expect, it } from 'vitest';
import type { PlatformAdapter } from '@/lib/extract/platform';
import { ADAPTERS } from '@/lib/extract/platforms';
import { loadFixtures, parseHtml } from './extract-fixture-files';

const modules = import.meta.glob<{ default?: PlatformAdapter }>('/lib/extract/platforms/*.ts', { eager: true });
const files = Object.entries(modules)
  .map(([path, mod]) => [/([^/]+)\.ts$/.exec(path)![1]!, mod] as const)
  .filter(([name]) => name !== 'index');
const fixtures = loadFixtures().map((f) => ({
  ...f,
  doc: parseHtml(f.html),
  parsedUrl: new URL(f.url || 'https://x.invalid/'),
}));

describe('adapter registry', () => {
  it('lists every adapter file exactly once, with id = file name', () => {
    expect(files.length).toBeGreaterThan(3);
    for (const [name, mod] of files) {
      expect(mod.default, `${name}.ts has no default export`).toBeDefined();
      expect(mod.default!.id).toBe(name);
      expect(
        ADAPTERS.filter((a) => a === mod.default),
        `${name} registered once`,
      ).toHaveLength(1);
    }
    expect(ADAPTERS).toHaveLength(files.length);
    expect(new Set(ADAPTERS.map((a) => a.id)).size).toBe(ADAPTERS.length);
  });

  it('runs generic last', () => {
    expect(ADAPTERS.at(-1)?.id).toBe('generic');
  });

  it.each(ADAPTERS.map((a) => [a.id]))('%s has at least two fixture pages', (id) => {
    expect(fixtures.filter((f) => f.folder === id).length).toBeGreaterThanOrEqual(2);
  });

  // generic's detect() is only a cheap gate (the page says 订单号 somewhere); its confidence rule in
  // extract() is what rejects pages, and the fixture test checks that on every negative page.
  const specific = ADAPTERS.filter((a) => a.id !== 'generic');
  it.each(specific.map((a) => [a.id, a] as const))('%s accepts its own pages and rejects all others', (id, adapter) => {
    for (const f of fixtures) {
      const claimed = adapter.detect(f.doc, f.parsedUrl);
      const where = `${f.folder}/${f.name}`;
      if (f.folder === id) expect(claimed, `${id} must detect ${where}`).toBe(true);
      // A negative page of the adapter's own system (named "<id>-…", e.g. an empty search result) may be
      // recognised, as long as it yields no order (checked by the fixture test).
      else if (f.folder === 'negative' && f.name.startsWith(`${id}-`)) continue;
      else if (f.folder !== 'hostile') expect(claimed, `${id} must not detect ${where}`).toBe(false);
    }
  });
});
