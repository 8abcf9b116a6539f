/** A test about the repository: the README explains every permission the manifest asks for, and no other. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { ONBOARDING_PERMISSIONS } from '@/components/onboarding/permissions';

const root = join(__dirname, '../..');

/** The permissions and host permissions wxt.config.ts asks for. */
function manifestPermissions(): { asked: string[]; hosts: string[] } {
  const config = readFileSync(join(root, 'wxt.config.ts'), 'utf8');
  const list = (name: string): string[] => {
    const block = new RegExp(`\\b${name}: \\[([^\\]]*)\\]`).exec(config)?.[1] ?? '';
    return [...block.matchAll(/'([^']+)'/g)].map((m) => m[1]!).sort();
  };
  return { asked: list('permissions'), hosts: list('host_permissions') };
}

it('the README permissions table matches wxt.config.ts', () => {
  const { asked } = manifestPermissions();
  expect(asked.length).toBeGreaterThan(3);

  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Permissions and why'), readme.indexOf('## Where your data lives'));
  const explained = [...section.matchAll(/^\| ([^|]+)\|/gm)]
    .flatMap((m) => [...m[1]!.matchAll(/`([A-Za-z]+)`/g)].map((x) => x[1]!))
    .sort();
  expect(explained).toEqual(asked);
});

it('the onboarding page explains every permission the manifest asks for, and no other, grouped as the README groups them', () => {
  const { asked, hosts } = manifestPermissions();
  const explained = ONBOARDING_PERMISSIONS.flatMap((p) => p.ids);
  expect(explained.filter((id) => id.includes('://') || id.startsWith('<')).sort()).toEqual(hosts);
  expect(explained.filter((id) => !id.includes('://') && !id.startsWith('<')).sort()).toEqual(asked);
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Permissions and why'), readme.indexOf('## Where your data lives'));
  const rows = [...section.matchAll(/^\| ([^|]+)\|/gm)]
    .map((m) => [...m[1]!.matchAll(/`([^`]+)`/g)].map((x) => x[1]!.replace(/^host /, '')))
    .filter((ids) => ids.length > 0)
    .map((ids) => ids.join(' '));
  expect(ONBOARDING_PERMISSIONS.map((p) => p.ids.join(' '))).toEqual(rows);
});
