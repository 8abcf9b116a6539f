// @vitest-environment node
/**
 * A stamped evidence bundle, with real tokens from the local authority: the chain-head token travels as a listed file
 * of its order, manifest.tsr stamps manifest.json from beside it, and OpenSSL checks both; the report shows each
 * stamp's facts and commands, and explains what covers what.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { stampManifest, stampOrderChain, type TimestampDeps } from '@/lib/background/timestamp';
import { upsertSighting, type KamiGuardDb } from '@/lib/db';
import { chainHeadInput, genesisHash, orderChainItems } from '@/lib/db/chain';
import { verifyOrderChain } from '@/lib/db/timeline';
import { buildBundle } from '@/lib/evidence/bundle';
import { collectBundleOrder } from '@/lib/evidence/bundle-data';
import type { BundleManifest } from '@/lib/evidence/manifest';
import { createManifestSigner } from '@/lib/evidence/signing';
import { addEvidence } from '@/lib/evidence/store';
import { TimestampError, saveTimestampSettings } from '@/lib/evidence/timestamp';
import { sha256Hex, sha256HexSync } from '@/lib/hash';
import { opensslVerify } from '../support/local-tsa';
import { freshDb } from './fresh-db';
import { withLocalTsa } from './local-tsa-hooks';

const decoder = new TextDecoder();
const local = withLocalTsa();

async function stampedOrder(): Promise<{ db: KamiGuardDb; deps: TimestampDeps; orderId: number }> {
  const db = freshDb();
  await saveTimestampSettings(db, { authority: 'custom', customUrl: local.tsa.url, autoOnStatusChange: false });
  const deps: TimestampDeps = { db, now: () => 1_714_540_000_000 };
  const order = { platform: 'dujiaoka', orderNo: 'T1', status: 'paid' as const };
  const { orderId } = await upsertSighting(db, {
    order,
    site: 'shop.example.com',
    url: 'https://shop.example.com/o/T1',
    at: 1,
  });
  await addEvidence(db, {
    orderId,
    kind: 'payment_receipt',
    source: 'manual',
    bytes: 'receipt',
    url: 'https://shop.example.com/o/T1',
    capturedAt: 2,
  });
  await stampOrderChain(deps, orderId, 'manual');
  return { db, deps, orderId };
}

const openssl = (args: string[]): Promise<string> => opensslVerify(local.tsa.caFile, args);

describe('chainHeadInput', () => {
  it('is the string whose SHA-256 is the head, for an empty chain and a long one', async () => {
    const db = freshDb();
    const order = { platform: 'dujiaoka', orderNo: 'H', status: 'paid' as const };
    const { orderId } = await upsertSighting(db, { order, site: 's.example', url: 'https://s.example/H', at: 1 });
    const stored = (await db.orders.get(orderId))!;
    expect(sha256HexSync(chainHeadInput(stored, []))).toBe(genesisHash(stored));
    const items = orderChainItems(
      genesisHash(stored),
      (await db.events.toArray()).map((record) => ({ type: 'event' as const, record })),
    );
    expect(sha256HexSync(chainHeadInput(stored, items))).toBe((await verifyOrderChain(db, orderId)).head);
  });
});

describe('a stamped bundle', () => {
  it('lists every file but the two made from manifest.json, and OpenSSL verifies both tokens', async () => {
    const { db, deps, orderId } = await stampedOrder();
    let stampedBytes: Uint8Array | undefined;
    const files = unzipSync(
      await buildBundle({
        orders: [await collectBundleOrder(db, orderId)],
        generatedAt: 1_714_540_000_000,
        sign: createManifestSigner(db),
        timestamp: async (bytes) => {
          stampedBytes = bytes;
          return (await stampManifest(deps, decoder.decode(bytes))).tsr;
        },
      }),
    );
    const manifest = JSON.parse(decoder.decode(files['manifest.json'])) as BundleManifest;

    // The layout: manifest.json lists every other file; the signature and the token are named as detached.
    expect(stampedBytes).toEqual(files['manifest.json']);
    expect(manifest.detached?.map((d) => d.path)).toEqual(['manifest.sig.json', 'manifest.tsr']);
    expect(Object.keys(files).sort()).toEqual(
      [...manifest.files.map((f) => f.path), 'manifest.json', 'manifest.sig.json', 'manifest.tsr'].sort(),
    );
    for (const f of manifest.files) expect(await sha256Hex(files[f.path]!), f.path).toBe(f.sha256);

    // manifest.tsr: OpenSSL checks it against manifest.json, and refuses a manifest changed by one byte.
    writeFileSync(join(local.tsa.dir, 'b-manifest.json'), files['manifest.json']!);
    writeFileSync(join(local.tsa.dir, 'b-manifest.tsr'), files['manifest.tsr']!);
    const verifyManifest = () =>
      openssl(['-data', join(local.tsa.dir, 'b-manifest.json'), '-in', join(local.tsa.dir, 'b-manifest.tsr')]);
    expect(await verifyManifest()).toContain('Verification: OK');
    const tampered = files['manifest.json']!.slice();
    tampered[10] = tampered[10]! ^ 1;
    writeFileSync(join(local.tsa.dir, 'b-manifest.json'), tampered);
    await expect(verifyManifest()).rejects.toThrow();

    // The chain-head token is a listed file of its order; its record says what it stamped, the record before it.
    const order = manifest.orders[0]!;
    const token = order.evidence.find((e) => e.record.kind === 'timestamp')!;
    expect(token.path).toMatch(/\/evidence\/\d{3}-timestamp-[0-9a-f]{12}\.tsr$/);
    const facts = token.record.timestamp as { imprint: string; serial: string; authority: string };
    const entries = [...order.events, ...order.evidence].sort((a, b) => a.seq - b.seq);
    expect(entries[token.seq - 1]!.hash).toBe(facts.imprint);
    expect(token.record.prevHash).toBe(facts.imprint);
    writeFileSync(join(local.tsa.dir, 'b-head.tsr'), files[token.path!]!);
    expect(await openssl(['-digest', facts.imprint, '-in', join(local.tsa.dir, 'b-head.tsr')])).toContain(
      'Verification: OK',
    );
    await expect(openssl(['-digest', order.chain.head, '-in', join(local.tsa.dir, 'b-head.tsr')])).rejects.toThrow();

    // The report: the stamp's facts and command, and what covers what.
    const report = decoder.decode(files['report.html']);
    const window = new Window();
    const text = new window.DOMParser().parseFromString(report, 'text/html').body.textContent ?? '';
    await window.happyDOM.close();
    expect(text).toContain('KamiGuard Test TSA');
    expect(text).toContain(facts.serial);
    expect(text).toContain(`openssl ts -verify -digest ${facts.imprint} -in ${token.path}`);
    expect(text).toContain('openssl ts -verify -data manifest.json -in manifest.tsr');
    expect(text).toContain('openssl ts -reply -in manifest.tsr -text');
    expect(text).toContain(`第 ${token.seq} 条记录的哈希`);
  });

  it('is not written when the manifest stamp fails', async () => {
    const { db, orderId } = await stampedOrder();
    await expect(
      buildBundle({
        orders: [await collectBundleOrder(db, orderId)],
        generatedAt: 0,
        timestamp: () => Promise.reject(new TimestampError('unreachable')),
      }),
    ).rejects.toMatchObject({ code: 'unreachable' });
  });

  it('keeps an authority’s hostile name as text in the report', async () => {
    const db = freshDb();
    const order = { platform: 'dujiaoka', orderNo: 'X', status: 'paid' as const };
    const { orderId } = await upsertSighting(db, { order, site: 's.example', url: 'https://s.example/X', at: 1 });
    const hostile = '<img src=x onerror=alert(1)>TSA';
    await addEvidence(db, {
      orderId,
      kind: 'timestamp',
      source: 'manual',
      bytes: new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x02]),
      mime: 'application/timestamp-reply',
      url: 'https://local.tsa.example/',
      capturedAt: 3,
      timestamp: {
        authority: hostile,
        time: '2024-05-01T00:00:00.000Z',
        serial: '01',
        policy: '1.2',
        imprint: 'ab',
        stamped: 'chain_head',
      },
    });
    const report = decoder.decode(
      unzipSync(await buildBundle({ orders: [await collectBundleOrder(db, orderId)], generatedAt: 0 }))['report.html'],
    );
    const window = new Window();
    const doc = new window.DOMParser().parseFromString(report, 'text/html');
    expect(doc.querySelectorAll('img')).toHaveLength(0);
    expect(doc.body.textContent).toContain(hostile);
    await window.happyDOM.close();
  });
});
