/**
 * `npm run screenshots`: the store listing's screenshots (1280×800 PNG, zh-CN and en) from the demo shop's data: the
 * popup over the demo order page it picked up, an order's page in the popup, and the options page. Written to
 * test-results/store/. Expects `wxt build` (the npm script runs it first).
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { startDemoShop } from '../demo-shop/server.ts';
import { launchWithExtension } from './chromium.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const EXTENSION = join(ROOT, '.output/chrome-mv3');
const OUT = join(ROOT, 'test-results/store');
const SIZE = { width: 1280, height: 800 };
const POPUP = { width: 400, height: 600 };

async function extensionId(context: BrowserContext): Promise<string> {
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  return new URL(worker.url()).host;
}

/** Places a popup screenshot over a page screenshot, where the toolbar popup opens, as one 1280×800 image. */
async function compose(context: BrowserContext, backdrop: Buffer, popup: Buffer, file: string): Promise<void> {
  const page = await context.newPage();
  await page.setViewportSize(SIZE);
  await page.setContent('<body style="margin:0"></body>');
  await page.evaluate(
    ([bg, fg, w, h]) => {
      const back = document.createElement('img');
      back.src = `data:image/png;base64,${bg}`;
      back.style.cssText = `position:fixed;inset:0;width:${w}px;height:${h}px;filter:brightness(0.72)`;
      const front = document.createElement('img');
      front.src = `data:image/png;base64,${fg}`;
      front.style.cssText =
        'position:fixed;top:24px;right:48px;border-radius:10px;box-shadow:0 12px 40px rgba(0,0,0,.45);background:#fff';
      document.body.append(back, front);
      return Promise.all([back.decode(), front.decode()]);
    },
    [backdrop.toString('base64'), popup.toString('base64'), SIZE.width, SIZE.height] as const,
  );
  await page.screenshot({ path: file });
  await page.close();
}

async function shoot(lang: 'zh-CN' | 'en'): Promise<string[]> {
  const shop = await startDemoShop();
  // The UI language of Chromium on Linux (and so the extension's messages) comes from LANGUAGE.
  const saved = process.env.LANGUAGE;
  if (lang === 'en') process.env.LANGUAGE = 'en_US';
  const browser = await launchWithExtension(EXTENSION, { chinese: lang === 'zh-CN', viewport: SIZE });
  process.env.LANGUAGE = saved;
  const written: string[] = [];
  try {
    const { context } = browser;
    const id = await extensionId(context);
    // Pick up every demo order, as a buyer who opened their order pages would.
    let orderPage: Page | undefined;
    for (const order of shop.orders.values()) {
      const page = await context.newPage();
      await page.goto(`${shop.origin}/detail-order-sn/${order.sn}`);
      await page.waitForTimeout(1500);
      if (order.status === 'processing') orderPage = page;
      else await page.close();
    }
    const backdrop = await (orderPage ?? (await context.newPage())).screenshot();

    const popup = await context.newPage();
    await popup.setViewportSize(POPUP);
    await popup.goto(`chrome-extension://${id}/popup.html`);
    await popup.waitForTimeout(800);
    const list = await popup.screenshot();
    const listFile = join(OUT, `${lang}-1-popup.png`);
    await compose(context, backdrop, list, listFile);
    written.push(listFile);

    // The waiting order's page in the popup.
    const waiting = [...shop.orders.values()].find((o) => o.status === 'processing');
    if (waiting) {
      await popup.getByText(waiting.product).first().click();
      await popup.waitForTimeout(600);
      const detailFile = join(OUT, `${lang}-2-order.png`);
      await compose(context, backdrop, await popup.screenshot(), detailFile);
      written.push(detailFile);
    }

    const options = await context.newPage();
    await options.goto(`chrome-extension://${id}/options.html`);
    await options.waitForTimeout(800);
    const optionsFile = join(OUT, `${lang}-3-options.png`);
    await options.screenshot({ path: optionsFile });
    written.push(optionsFile);
  } finally {
    await browser.close();
    await shop.close();
  }
  return written;
}

mkdirSync(OUT, { recursive: true });
for (const lang of ['zh-CN', 'en'] as const) for (const file of await shoot(lang)) process.stdout.write(`${file}\n`);
