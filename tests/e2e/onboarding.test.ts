/**
 * Issue 12 in the browser: the onboarding page opens once on install; an order added there by hand with its receipt
 * gets a clock, a reminder alarm, drafts with its facts and a bundle whose report says it was entered by hand; the
 * shop record page shows a seeded shop's figures and its CSV says the same.
 */
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { strFromU8, unzipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { ONBOARDING_PERMISSIONS } from '../../components/onboarding/permissions.ts';
import { ARTIFACTS, launch, waitFor, type Harness } from './harness.ts';

interface OrderRow {
  id: number;
  orderNo: string;
  entry?: string;
  status: string;
  paidAt?: string;
  paymentMethod?: string;
  amount?: number;
}
interface EvidenceRow {
  orderId: number;
  kind: string;
  source: string;
}

let h: Harness;
before(async () => {
  h = await launch({ keepOnboarding: true });
});
after(async () => {
  await h?.close();
});

const HOUR = 3_600_000;
const ORDER_NO = 'KGHAND0001ZX';
/** A time as `<input type="datetime-local">` takes it, in China time (what the form reads it as). */
const chinaInput = (ms: number): string => new Date(ms + 8 * HOUR).toISOString().slice(0, 16);
const onboardingTabs = (): Page[] => h.context.pages().filter((p) => p.url().includes('/onboarding.html'));

test('the onboarding page opens once on install, asking first about an order that has not arrived', async () => {
  const page = h.onboarding!;
  assert.ok(page, 'the install opened the onboarding page');
  assert.equal(onboardingTabs().length, 1);
  await page.locator('[data-testid="choice-hand"]').waitFor();
  assert.equal(await page.locator('h2').first().textContent(), await h.message('onboarding_question'));
  assert.equal(await page.locator('[data-testid="permissions"] .perm').count(), ONBOARDING_PERMISSIONS.length);
  assert.match((await page.locator('[data-testid="privacy"]').textContent()) ?? '', /卡密守护不会把它们发给任何人/);

  // A stopped worker that wakes again (no install) opens nothing more.
  await h.stopServiceWorker();
  const popup = await h.openExtensionPage('popup.html');
  await popup.locator('[data-testid="empty-state"]').waitFor();
  await waitFor(
    () => h.evalInExtension(() => chrome.runtime.id, 0),
    (id) => id === h.extensionId,
  );
  await popup.waitForTimeout(1500);
  assert.equal(onboardingTabs().length, 1, 'still one onboarding tab');
  await popup.close();

  // npm start passes the demo shop's order page: "open its order page" then links it.
  const demo = `${h.shop.origin}/detail-order-sn/KG7Q2M9X4A1B3C5D`;
  await page.goto(`${page.url().split('?')[0]}?demo=${encodeURIComponent(demo)}`);
  await page.locator('[data-testid="choice-page"]').click();
  assert.equal(await page.locator('[data-testid="demo-link"] a').getAttribute('href'), demo);
});

test('an order added by hand with its receipt gets a clock, a reminder alarm, drafts with its facts and a bundle that says so', async () => {
  const page = h.onboarding!;
  await page.bringToFront();
  await page.locator('[data-testid="choice-hand"]').click();
  const form = page.locator('[data-testid="entry-form"]');
  await form.waitFor();

  // Two bad fields: each says what is wrong, and nothing typed is lost.
  await page.fill('#entry-shopUrl', 'https://gone-shop.example/detail-order-sn/KGHAND');
  await page.fill('#entry-orderNo', ORDER_NO);
  await page.fill('#entry-productName', '爱奇艺黄金会员 季卡');
  await page.fill('#entry-amount', '九十八');
  await page.fill('#entry-paidAt', chinaInput(Date.now() + 5 * HOUR));
  await page.locator('[data-testid="entry-submit"]').click();
  await page.locator('[data-testid="entry-error-amount"]').waitFor();
  assert.equal(
    await page.locator('[data-testid="entry-error-amount"]').textContent(),
    await h.message('entry_error_amount_invalid'),
  );
  assert.equal(
    await page.locator('[data-testid="entry-error-paidAt"]').textContent(),
    await h.message('entry_error_paid_at_future'),
  );
  assert.equal(await page.locator('[data-testid="entry-error-orderNo"]').count(), 0);
  assert.equal(await page.inputValue('#entry-orderNo'), ORDER_NO);
  assert.equal(await page.inputValue('#entry-shopUrl'), 'https://gone-shop.example/detail-order-sn/KGHAND');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'entry-amount', 'the first bad field has focus');
  assert.equal((await h.readTable<OrderRow>('orders')).length, 0, 'nothing stored');

  // Fixed, with the bill's screenshot: paid 30 hours ago, so past the default 24 h window.
  const paidAt = Date.now() - 30 * HOUR;
  await page.fill('#entry-amount', '98.00');
  await page.fill('#entry-paidAt', chinaInput(paidAt));
  await page.selectOption('#entry-paymentMethod', '微信支付');
  await page.fill('#entry-contact', '10086@qq.com');
  const receipt = await page.screenshot({ type: 'png', clip: { x: 0, y: 0, width: 400, height: 300 } });
  await page
    .locator('[data-testid="entry-receipt"]')
    .setInputFiles({ name: 'wechat-bill.png', mimeType: 'image/png', buffer: receipt });
  await page.locator('[data-testid="entry-submit"]').click();
  await page.locator('[data-testid="entry-added"]').waitFor();

  const order = (await h.readTable<OrderRow>('orders')).find((o) => o.orderNo === ORDER_NO)!;
  assert.equal(order.entry, 'buyer');
  assert.equal(order.status, 'paid');
  assert.equal(order.paymentMethod, '微信支付');
  assert.equal(order.paidAt, `${chinaInput(paidAt)}:00+08:00`);
  const evidence = (await h.readTable<EvidenceRow>('evidence')).filter((e) => e.orderId === order.id);
  assert.deepEqual(
    evidence.map((e) => [e.kind, e.source]),
    [['payment_receipt', 'imported']],
  );
  // The reminder alarm: the payment complaint is due (past the window), so the order's alarm is set.
  const alarm = await waitFor(
    () => h.evalInExtension((name) => chrome.alarms.get(name), `order:${order.id}`),
    (a) => a !== undefined,
  );
  assert.ok(alarm, 'an alarm for the order');
  assert.equal(
    await waitFor(
      () => h.evalInExtension(() => chrome.action.getBadgeText({}), 0),
      (b) => b === '1',
    ),
    '1',
  );

  // Its page: the clock from the stated payment time, marked as entered by hand, the complaint draft with its facts.
  await page.locator('[data-testid="entry-added"] a').click();
  await page.locator('[data-testid="order-detail"]').waitFor();
  assert.equal(await page.locator('[data-testid="order-detail"]').getAttribute('data-group'), 'overdue');
  assert.match((await page.locator('[data-testid="waited"]').first().textContent()) ?? '', /30 小时/);
  await page.locator('[data-testid="entry-note"]').waitFor();
  mkdirSync(join(ARTIFACTS, 'popup'), { recursive: true });
  await page.setViewportSize({ width: 400, height: 900 });
  await page.screenshot({ path: join(ARTIFACTS, 'popup', 'zh-CN-9-hand-entered-order-light.png') });
  const draft = (await page.locator('[data-testid="now-draft"]').textContent()) ?? '';
  assert.match(draft, new RegExp(ORDER_NO));
  assert.match(draft, /¥98\.00/);
  assert.match(draft, /爱奇艺黄金会员 季卡/);
  assert.match(draft, /本人至今未收到任何卡密/, 'no claim about an order page never read');
  assert.doesNotMatch(draft, /undefined|NaN|订单页显示/);

  // The 12315 draft says the facts are the buyer's own entry.
  await h.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: h.shop.origin });
  await page.locator('[data-testid="fold-drafts"]').click();
  await page.locator('[data-testid="copy-c12315"]').click();
  await page.locator('[data-testid="copied"]').waitFor();
  const shop = await h.context.newPage();
  await shop.goto(`${h.shop.origin}/`);
  const copied = await shop.evaluate(() => navigator.clipboard.readText());
  await shop.close();
  assert.match(copied, new RegExp(ORDER_NO));
  assert.match(copied, /订单信息来源：本人依据付款记录手动登记/);

  // The bundle: the manifest and the report say it was entered by hand; the receipt is in it.
  await page.bringToFront();
  await page.locator('[data-testid="fold-evidence"]').click();
  const download = page.waitForEvent('download');
  await page.locator('[data-testid="bundle"]').click();
  const zip = unzipSync(new Uint8Array(readFileSync(await (await download).path())));
  const manifest = JSON.parse(strFromU8(zip['manifest.json']!)) as {
    orders: { order: { entry: string; orderNo: string }; evidence: { record: { kind: string }; file: string }[] }[];
  };
  assert.equal(manifest.orders[0]!.order.entry, 'buyer');
  assert.deepEqual(
    manifest.orders[0]!.evidence.map((e) => [e.record.kind, e.file]),
    [['payment_receipt', 'ok']],
  );
  const report = strFromU8(zip['report.html']!);
  assert.match(report, /买家手动录入（依据付款记录，非从订单页读取）/);
  assert.match(report, new RegExp(ORDER_NO));
});

/** Seeds one shop's history straight into the database: deliveries of 10 min, 30 min and 26 h, a refund, one open. */
async function seedShop(page: Page, now: number): Promise<void> {
  await page.evaluate(async (t0) => {
    const H = 3_600_000;
    const china = (ms: number): string => new Date(ms + 8 * H).toISOString().slice(0, 19) + '+08:00';
    const plan: [string, number, number | undefined, string][] = [
      ['REC1', 200 * H, 10 * 60_000, 'delivered'],
      ['REC2', 150 * H, 30 * 60_000, 'delivered'],
      ['REC3', 100 * H, 26 * H, 'delivered'],
      ['REC4', 90 * H, 5 * H, 'refunded'],
      ['REC5', 30 * H, undefined, 'processing'],
    ];
    const db: IDBDatabase = await new Promise((resolve, reject) => {
      const open = indexedDB.open('kamiguard');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    for (const [orderNo, ago, took, status] of plan) {
      const paid = t0 - ago;
      const id = await new Promise<number>((resolve, reject) => {
        const tx = db.transaction('orders', 'readwrite');
        const req = tx.objectStore('orders').add({
          platform: 'dujiaoka',
          orderNo,
          status,
          paidAt: china(paid),
          site: 'record.example',
          url: `https://record.example/order/${orderNo}`,
          urls: [],
          firstSeenAt: paid + 60_000,
          lastSeenAt: took === undefined ? paid + 60_000 : paid + took,
          entry: 'page',
        });
        req.onsuccess = () => resolve(req.result as number);
        tx.onerror = () => reject(tx.error);
      });
      const tx = db.transaction('events', 'readwrite');
      tx.objectStore('events').add({ orderId: id, kind: 'first_seen', at: paid + 60_000, status: 'processing' });
      if (took !== undefined)
        tx.objectStore('events').add({ orderId: id, kind: 'status_changed', at: paid + took, status });
      await new Promise((resolve) => (tx.oncomplete = resolve));
    }
    db.close();
  }, now);
}

test('the shop record page shows a seeded shop’s figures, and its CSV says the same', async () => {
  const options = await h.openExtensionPage('options.html');
  await seedShop(options, Date.now());
  const opened = h.context.waitForEvent('page');
  await options.locator('[data-testid="open-record"]').click();
  const record = await opened;
  await record.waitForURL(/shop-record\.html/);
  const row = record.locator('[data-testid="shop-row"][data-site="record.example"]');
  await row.waitFor();
  const cell = async (col: string): Promise<string> =>
    ((await row.locator(`[data-col="${col}"]`).textContent()) ?? '').trim();
  assert.equal(await cell('orders'), '5');
  assert.equal(await cell('on_time'), '2');
  assert.equal(await cell('late'), '1');
  assert.equal(await cell('never'), '1');
  assert.equal(await cell('refunded'), '1');
  assert.match(await cell('open'), /^1/);
  assert.equal(await cell('median'), '30分钟');
  assert.equal(await cell('worst'), '1天2小时');
  // Late: the 26 h delivery and the order open for 30 h; decided: the four closed ones and that late open one.
  assert.match(await cell('overdue_rate'), /^40%（2\/5）/);
  assert.equal(
    await record.locator('[data-testid="delivery-chart"] [data-site="record.example"] .chart-dot').count(),
    3,
  );

  const download = record.waitForEvent('download');
  await record.locator('[data-testid="record-csv"]').click();
  const file = await download;
  assert.match(file.suggestedFilename(), /^kamiguard-shops-\d{8}\.csv$/);
  const text = readFileSync(await file.path(), 'utf8');
  assert.ok(text.startsWith('\uFEFF'), 'a byte order mark for Excel');
  const lines = text.slice(1).split('\r\n');
  assert.equal(
    lines[0],
    '商店,订单数,已付款,按时到,超时到,没收到,退款,进行中,进行中且已超时,中位用时（分钟）,最长用时（分钟）,超时率（%）,最近一笔订单（日期）',
  );
  const line = lines.find((l) => l.startsWith('record.example,'))!;
  const day = new Date(Date.now() - 30 * HOUR + 60_000 + 8 * HOUR).toISOString().slice(0, 10);
  assert.equal(line, `record.example,5,5,2,1,1,1,1,1,30,1560,40,${day}`);
  await record.close();
  await options.close();
});

test('the popup header opens the shop record and the add-order page', async () => {
  const popup = await h.openExtensionPage('popup.html');
  await popup.locator('[data-testid="order-row"]').first().waitFor();
  const targets: [string, string][] = [
    ['popup_shop_record', 'shop-record.html'],
    ['popup_add_order', 'add-order.html'],
  ];
  for (const [label, path] of targets) {
    const opened = h.context.waitForEvent('page');
    await popup.getByRole('button', { name: await h.message(label) }).click();
    const page = await opened;
    await page.waitForURL(new RegExp(path));
    await page.close();
  }
  await popup.close();
});
