/**
 * Issue 12: screenshots for people to look at — zh-CN and en, light and dark; the popup empty, with one order, with
 * 1,000 orders, an overdue order's page; the onboarding page, its add-by-hand form with errors, and the shop record
 * page — saved to test-results/popup/. Each shot also checks the state it shows is there.
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
  const browser = await launchWithExtension(EXTENSION, {
    chinese: lang === 'zh-CN',
    viewport: SIZE,
    keepOnboarding: true,
  });
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
    const shot = async (page: Page, name: string, fullPage = false): Promise<void> => {
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        await page.waitForTimeout(100);
        await page.screenshot({ path: join(OUT, `${lang}-${name}-${scheme}.png`), fullPage });
      }
    };

    // The onboarding page the install opened, then its add-by-hand form refusing two fields.
    const onboarding = browser.onboarding!;
    await onboarding.setViewportSize({ width: 900, height: 1000 });
    await onboarding.locator('[data-testid="choice-hand"]').waitFor();
    await shot(onboarding, '6-onboarding', true);
    await onboarding.locator('[data-testid="choice-hand"]').click();
    await onboarding.fill('#entry-shopUrl', 'gone-shop.example');
    await onboarding.fill('#entry-orderNo', 'KGHAND0001ZX');
    await onboarding.fill('#entry-amount', lang === 'en' ? 'ninety-eight' : '九十八');
    await onboarding.locator('[data-testid="entry-submit"]').click();
    await onboarding.locator('[data-testid="entry-error-amount"]').waitFor();
    assert.equal(await onboarding.locator('[data-testid="entry-error-paidAt"]').count(), 1);
    await onboarding.locator('[data-testid="entry-form"]').scrollIntoViewIfNeeded();
    await shot(onboarding, '7-entry-errors');

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

    // The shop record of those 1,000 orders: the chart, the table.
    const record = await context.newPage();
    await record.setViewportSize({ width: 1100, height: 900 });
    await record.goto(`chrome-extension://${id}/shop-record.html`);
    await record.locator('[data-testid="shop-row"]').first().waitFor();
    assert.ok((await record.locator('[data-testid="delivery-chart"] .chart-dot').count()) > 0, 'deliveries drawn');
    await shot(record, '8-shop-record');
  } finally {
    await browser.close();
  }
}

test('screenshots in zh-CN and en, light and dark: the popup (empty, one order, 1,000 orders, an overdue order), onboarding, the add-by-hand form with errors, the shop record', async () => {
  mkdirSync(OUT, { recursive: true });
  await shootAll('zh-CN');
  await shootAll('en');
});
