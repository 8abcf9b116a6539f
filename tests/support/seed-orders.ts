/**
 * Seeds the extension's `kamiguard` database with many orders, as a buyer of some years would have: by default 1,000
 * orders, 3,000 timeline events and 5,000 evidence items with 2 KB blobs, the counts of the shared perf harness's
 * seed (shared/perf/seed-kamiguard.mjs). Unlike that one, the orders here have clocks of every kind (overdue,
 * waiting, delivered, refunded, never paid), so the popup's groups, bars and next-step buttons all show.
 * Runs in an extension page (plain IndexedDB, the database already created by the extension; never upgrades it).
 */
import type { Page } from 'playwright-core';

export interface SeedCounts {
  orders: number;
  events: number;
  evidence: number;
  blobBytes: number;
  /** Number of the first order (a second seed into the same database continues the numbering). */
  first: number;
}

export const DEFAULT_SEED: SeedCounts = { orders: 1000, events: 3000, evidence: 5000, blobBytes: 2048, first: 0 };

export async function seedOrders(
  page: Page,
  counts: Partial<SeedCounts> = {},
): Promise<{ orders: number; events: number; evidence: number }> {
  await page.waitForFunction(async () => (await indexedDB.databases()).some((d) => d.name === 'kamiguard'));
  return page.evaluate(writeSeed, { ...DEFAULT_SEED, ...counts, now: Date.now() });
}

// writeSeed runs in the page (page.evaluate), so it is self-contained and uses IndexedDB's plain request handlers.
/* oxlint-disable unicorn/prefer-add-event-listener, unicorn/consistent-function-scoping */
async function writeSeed(
  c: SeedCounts & { now: number },
): Promise<{ orders: number; events: number; evidence: number }> {
  const found = (await indexedDB.databases()).find((d) => d.name === 'kamiguard');
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open('kamiguard', found!.version);
    req.onupgradeneeded = () => {
      req.transaction!.abort();
      reject(new Error('refusing to create or upgrade the database'));
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  const put = (store: string, rows: object[]): Promise<number[]> =>
    new Promise((resolve, reject) => {
      const tx = db.transaction(store, 'readwrite');
      const keys: number[] = [];
      for (const r of rows) {
        const q = tx.objectStore(store).put(r);
        q.onsuccess = () => keys.push(q.result as number);
      }
      tx.oncomplete = () => resolve(keys);
      tx.onerror = () => reject(tx.error);
    });
  const HOUR = 3_600_000;
  const PRODUCTS = [
    'QQ超级会员年卡代充',
    '腾讯视频VIP月卡',
    '爱奇艺黄金会员季卡',
    'Steam 钱包 100 元',
    '网易云音乐黑胶VIP',
    'ChatGPT Plus 代充',
  ];
  // Per ten orders: 1 overdue, 1 waiting, 1 never paid, 1 refunded, the rest delivered (most orders arrive).
  const KIND = [
    'overdue',
    'waiting',
    'delivered',
    'unpaid',
    'delivered',
    'refunded',
    'delivered',
    'delivered',
    'delivered',
    'delivered',
  ];
  const hex = (i: number): string => i.toString(16).padStart(64, '0');
  const china = (ms: number): string => new Date(ms + 8 * HOUR).toISOString().slice(0, 19) + '+08:00';
  const orders = Array.from({ length: c.orders }, (_, n) => {
    const i = n + c.first;
    const kind = KIND[i % KIND.length]!;
    const site = `shop${i % 37}.example`;
    // Overdue orders were paid 25 h to 3 days ago; waiting ones within the last hours; the rest over past months.
    const paid =
      kind === 'overdue'
        ? c.now - (25 + (i % 48)) * HOUR
        : kind === 'waiting'
          ? c.now - (1 + (i % 20)) * HOUR
          : c.now - (30 + i) * HOUR;
    const status = {
      overdue: 'processing',
      waiting: 'paid',
      delivered: 'delivered',
      unpaid: 'pending_payment',
      refunded: 'refunded',
    }[kind];
    return {
      platform: ['dujiaoka', 'acg-faka', 'caihong', 'zfaka'][i % 4],
      orderNo: `SEED${String(i).padStart(12, '0')}`,
      productName: PRODUCTS[i % PRODUCTS.length],
      quantity: 1 + (i % 3),
      amount: 9.9 + (i % 50),
      currency: 'CNY',
      paymentMethod: i % 2 ? '支付宝' : '微信支付',
      orderedAt: china(paid - 60_000),
      ...(kind === 'unpaid' ? {} : { paidAt: china(paid) }),
      status,
      statusText: { overdue: '处理中', waiting: '已支付', delivered: '已完成', unpaid: '待支付', refunded: '已退款' }[
        kind
      ],
      contact: `${100000 + i}@qq.com`,
      deliveryMode: i % 2 ? 'auto' : 'manual',
      site,
      url: `https://${site}/detail-order-sn/SEED${i}`,
      urls: [`https://${site}/detail-order-sn/SEED${i}`],
      pageTitle: '订单详情',
      firstSeenAt: paid + 60_000,
      lastSeenAt: paid + 120_000,
      entry: 'page',
      ...(kind === 'delivered' ? { cardKeys: [`KEY-${i}-XXXX-YYYY`] } : {}),
    };
  });
  const ids = await put('orders', orders);
  const events = Array.from({ length: c.events }, (_, i) => {
    const n = i % ids.length;
    const o = orders[n]!;
    const round = Math.floor(i / ids.length);
    const at = o.firstSeenAt + round * 30_000;
    return {
      orderId: ids[n],
      kind: round === 0 ? 'first_seen' : 'status_changed',
      at,
      status: round === 0 && o.status === 'delivered' ? 'processing' : o.status,
      statusText: o.statusText,
      url: o.url,
      prevHash: hex(i),
      hash: hex(i + 1),
    };
  });
  await put('events', events);
  const blobs: object[] = [];
  const evidence = Array.from({ length: c.evidence }, (_, i) => {
    const sha = hex(1_000_000 + c.first * 10 + i);
    blobs.push({ sha256: sha, data: new Blob([new Uint8Array(c.blobBytes)], { type: 'image/webp' }) });
    const o = orders[i % ids.length]!;
    return {
      orderId: ids[i % ids.length],
      kind: i % 2 ? 'order_page' : 'order_text',
      source: 'auto',
      sha256: sha,
      mime: 'image/webp',
      size: c.blobBytes,
      capturedAt: o.firstSeenAt + i,
      url: o.url,
      blobId: sha,
      prevHash: hex(i),
      hash: hex(i + 2),
    };
  });
  await put('blobs', blobs);
  await put('evidence', evidence);
  db.close();
  return { orders: ids.length, events: events.length, evidence: evidence.length };
}
