/** The options page in the browser: a backup round trip, a damaged backup refused, the settings form. */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { ARTIFACTS, launch, waitFor, type Harness } from './harness.ts';

let h: Harness;
before(async () => {
  h = await launch();
});
after(async () => {
  await h?.close();
});

test('a backup exported from the options page imports back without duplicates; a damaged file changes nothing', async () => {
  const shop = await h.context.newPage();
  await shop.goto(`${h.shop.origin}/detail-order-sn/KG7Q2M9X4A1B3C5D`);
  await waitFor(
    () => h.readTable('evidence'),
    (rows) => rows.length >= 2,
  );
  const before = { orders: (await h.readTable('orders')).length, events: (await h.readTable('events')).length };

  const options = await h.openExtensionPage('options.html');
  const download = options.waitForEvent('download');
  await options.getByRole('button', { name: await h.message('options_export') }).click();
  const file = await (await download).path();
  await options.locator('[data-testid="export-result"]').waitFor();

  await options.locator('#opt-import-file').setInputFiles(file);
  await options.locator('[data-testid="import-result"]').waitFor();
  assert.equal((await h.readTable('orders')).length, before.orders, 'no duplicate orders');
  assert.equal((await h.readTable('events')).length, before.events, 'no duplicate events');

  const damaged = join(tmpdir(), `kamiguard-damaged-${Date.now()}.zip`);
  writeFileSync(damaged, Buffer.from('PK\u0003\u0004 this is not really a zip'));
  await options.locator('#opt-import-file').setInputFiles(damaged);
  const error = options.locator('[data-testid="import-error"]');
  await error.waitFor();
  assert.ok(((await error.textContent()) ?? '').length > 5, 'a clear message');
  assert.equal((await h.readTable('orders')).length, before.orders, 'nothing changed');

  await options.setViewportSize({ width: 1000, height: 1400 });
  await options.screenshot({ path: join(ARTIFACTS, 'options.png'), fullPage: true });
});
