/** A test about the repository: the README explains every permission the manifest asks for, and no other. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';

const root = join(__dirname, '../..');

it('the README permissions table matches wxt.config.ts', () => {
  const config = readFileSync(join(root, 'wxt.config.ts'), 'utf8');
  const block = /\bpermissions: \[([^\]]*)\]/.exec(config)?.[1] ?? '';
  const asked = [...block.matchAll(/'([^']+)'/g)].map((m) => m[1]!).sort();
  expect(asked.length).toBeGreaterThan(3);

  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Permissions and why'), readme.indexOf('## Where your data lives'));
  const explained = [...section.matchAll(/^\| ([^|]+)\|/gm)]
    .flatMap((m) => [...m[1]!.matchAll(/`([A-Za-z]+)`/g)].map((x) => x[1]!))
    .sort();
  expect(explained).toEqual(asked);
});
