/** Runs once before the unit tests: writes generated fixture pages that are too large to keep in git. */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export default function setup(): void {
  const negative = join(import.meta.dirname, '..', 'fixtures', 'negative');
  if (!existsSync(join(negative, 'large-travel-guide.html'))) {
    execFileSync(process.execPath, [join(negative, 'make-large-page.mjs')], { stdio: 'ignore' });
  }
}
