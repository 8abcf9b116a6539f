/**
 * Issue 12: screenshots of the popup for people to look at — zh-CN and en, light and dark; empty, one order, 1,000
 * orders, an overdue order's page — saved to test-results/popup/. Each shot also checks the state it shows is there.
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { launchWithExtension } from '../support/chromium.ts';
import { seedOrders } from '../support/seed-orders.ts';
import { ARTIFACTS, EXTENSION } from './harness.ts';

const OUT = join(ARTIFACTS, 'popup');
const SIZE = { width: 380, height: 600 };

async function shootAll(lang: 'zh-CN' | 'en'): Promise<void> {
  const saved = process.env.LANGUAGE;
  if (lang === 'en') process.env.LANGUAGE = 'en_US';
  const browser = await launchWithExtension(EXTENSION, { chinese: lang === 'zh-CN', viewport: SIZE });
  process.env.LANGUAGE = saved;
  try {
    const { context } = browser;
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    const id = new URL(worker.url()).host;
    const open = async (hash = ''): Promise<Page> => {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${id}/popup.html${hash}`);
      return page;
    };
    const shot = async (page: Page, name: string): Promise<void> => {
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        await page.waitForTimeout(100);
        await page.screenshot({ path: join(OUT, `${lang}-${name}-${scheme}.png`) });
      }
    };

    const empty = await open();
    await empty.locator('[data-testid="empty-state"]').waitFor();
    await shot(empty, '1-empty');

    await seedOrders(empty, { orders: 1, events: 1, evidence: 1 });
    const one = await open();
    await one.locator('[data-testid="order-row"]').first().waitFor();
    assert.equal(await one.locator('[data-testid="order-row"]').count(), 1);
    await shot(one, '2-one-order');

    await seedOrders(empty, { orders: 999, events: 2999, evidence: 4999, first: 1 });
    const many = await open();
    await many.locator('[data-testid="order-row"][data-group="overdue"]').first().waitFor();
    assert.ok((await many.locator('[data-testid="order-row"]').count()) < 30, 'windowed');
    await shot(many, '3-thousand');

    await many.locator('[data-testid="order-row"][data-group="overdue"] .order-open').first().click();
    await many.locator('[data-testid="now-card"]').waitFor();
    await shot(many, '4-overdue-order');
    await many.setViewportSize({ width: 380, height: 1400 });
    await shot(many, '5-overdue-order-tall');
  } finally {
    await browser.close();
  }
}

test('popup screenshots: zh-CN and en, light and dark; empty, one order, 1,000 orders, an overdue order', async () => {
  mkdirSync(OUT, { recursive: true });
  await shootAll('zh-CN');
  await shootAll('en');
});
