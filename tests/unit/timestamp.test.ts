// @vitest-environment node
/**
 * RFC 3161 timestamps against a local authority (openssl ts -reply on 127.0.0.1): the request, a good token, and
 * every way a token must be refused.
 */
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { describe, expect, it } from 'vitest';
import {
  TIMESTAMP_ERROR_MESSAGES,
  TimestampError,
  buildTimestampRequest,
  postTimestampQuery,
  stamp,
  verifyTimestampResponse,
  type TimestampErrorCode,
} from '@/lib/evidence/timestamp';
import { sha256Hex } from '@/lib/hash';
import { OPENSSL, opensslVerify, type TsaMode } from '../support/local-tsa';
import { withLocalTsa } from './local-tsa-hooks';

const run = promisify(execFile);
const data = new TextEncoder().encode('{"manifest":"KamiGuard test"}\n');
const local = withLocalTsa();

/** `openssl ts -verify` of a response against `bytes` (the test data by default) and the test CA. */
function verifyData(tsr: Uint8Array, bytes: Uint8Array | string = data): Promise<string> {
  writeFileSync(join(local.tsa.dir, 'check.tsr'), tsr);
  writeFileSync(join(local.tsa.dir, 'check.json'), bytes);
  return opensslVerify(local.tsa.caFile, [
    '-data',
    join(local.tsa.dir, 'check.json'),
    '-in',
    join(local.tsa.dir, 'check.tsr'),
  ]);
}

async function failure(mode: TsaMode): Promise<TimestampError> {
  local.tsa.mode = mode;
  try {
    await stamp(local.tsa.url, data);
  } catch (error) {
    if (error instanceof TimestampError) return error;
    throw error;
  } finally {
    local.tsa.mode = 'ok';
  }
  throw new Error(`mode ${mode}: the token was accepted`);
}

describe('buildTimestampRequest', () => {
  it('asks for a SHA-256 imprint of the data, a fresh nonce and the certificate', async () => {
    const a = await buildTimestampRequest(data);
    const b = await buildTimestampRequest(data);
    expect(a.imprint).toBe(await sha256Hex(data));
    expect(a.nonce).toMatch(/^[0-9a-f]{16}$/);
    expect(a.nonce).not.toBe(b.nonce);
    const req = new pkijs.TimeStampReq({ schema: asn1js.fromBER(a.der).result });
    expect(req.version).toBe(1);
    expect(req.certReq).toBe(true);
    expect(req.messageImprint.hashAlgorithm.algorithmId).toBe('2.16.840.1.101.3.4.2.1');
    // openssl reads it as the same request.
    writeFileSync(join(local.tsa.dir, 'unit.tsq'), a.der);
    const { stdout } = await run(OPENSSL, ['ts', '-query', '-in', join(local.tsa.dir, 'unit.tsq'), '-text']);
    expect(stdout).toContain('Hash Algorithm: sha256');
    expect(stdout).toContain('Certificate required: yes');
    expect(stdout.replace(/\s/g, '')).toContain(`Nonce:0x${a.nonce.toUpperCase()}`);
  });
});

describe('stamp against the local authority', () => {
  it('returns a verified token with its facts, and OpenSSL verifies it too', async () => {
    const before = local.tsa.requests.length;
    const { tsr, info } = await stamp(local.tsa.url, data);
    const sent = local.tsa.requests.slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.method).toBe('POST');
    expect(sent[0]!.contentType).toBe('application/timestamp-query');
    expect(sent[0]!.body.length).toBeLessThan(100); // the hash and a nonce, nothing else
    expect(info.imprint).toBe(await sha256Hex(data));
    expect(info.authority).toBe('KamiGuard Test TSA');
    expect(info.policy).toBe('1.2.3.4.1');
    expect(info.serial).toMatch(/^[0-9a-f]+$/);
    expect(Math.abs(Date.parse(info.time) - Date.now())).toBeLessThan(120_000);
    await expect(verifyData(tsr)).resolves.toContain('Verification: OK');
    await expect(verifyData(tsr, '{"manifest":"KamiGuard tesT"}\n')).rejects.toThrow();
  });

  it('refuses a token for other data than the request was made for', async () => {
    local.tsa.mode = 'ok';
    const request = await buildTimestampRequest(data);
    const tsr = await postTimestampQuery(local.tsa.url, request.der);
    await expect(verifyTimestampResponse(tsr, request, new TextEncoder().encode('other'))).rejects.toMatchObject({
      code: 'wrong_imprint',
    });
  });

  it('accepts a token that names its certificate by SHA-1 (ESSCertID v1), as OpenSSL does', async () => {
    local.tsa.mode = 'ok-ess-v1';
    try {
      const { tsr, info } = await stamp(local.tsa.url, data);
      expect(info.authority).toBe('KamiGuard Test TSA');
      await expect(verifyData(tsr)).resolves.toContain('Verification: OK');
    } finally {
      local.tsa.mode = 'ok';
    }
  });

  const cases: [TsaMode, TimestampErrorCode, string | RegExp][] = [
    ['wrong-imprint', 'wrong_imprint', /^[0-9a-f]{64}$/],
    ['wrong-nonce', 'wrong_nonce', /^[0-9a-f]+$/],
    ['bad-signature', 'bad_signature', ''],
    ['not-tsa', 'not_tsa', 'no timeStamping'],
    ['eku-not-critical', 'not_tsa', 'not critical'],
    ['no-ess', 'bad_signature', 'does not name its signing certificate'],
    ['swapped-cert', 'bad_signature', 'names another certificate'],
    ['rejected', 'rejected', 'policy not accepted'],
    ['garbage', 'malformed', ''],
    ['huge', 'malformed', ''],
    ['http-500', 'http', 'HTTP 500'],
    ['redirect', 'redirected', 'http://127.0.0.1:9/elsewhere'],
  ];
  it.each(cases)('answer %s is refused as %s, with a message in both languages', async (mode, code, detail) => {
    const error = await failure(mode);
    expect(error.code).toBe(code);
    if (detail) expect(error.detail).toMatch(detail);
    expect(TIMESTAMP_ERROR_MESSAGES[code].zh_CN).toBeTruthy();
    expect(TIMESTAMP_ERROR_MESSAGES[code].en).toBeTruthy();
  });

  // The verifier keeps only what OpenSSL accepts: the report tells readers to check tokens with it.
  it.each(['not-tsa', 'eku-not-critical', 'no-ess', 'swapped-cert', 'bad-signature'] as TsaMode[])(
    'OpenSSL refuses answer %s too',
    async (mode) => {
      local.tsa.mode = mode;
      try {
        const request = await buildTimestampRequest(data);
        const tsr = await postTimestampQuery(local.tsa.url, request.der);
        await expect(verifyData(tsr)).rejects.toThrow();
      } finally {
        local.tsa.mode = 'ok';
      }
    },
  );

  it('gives up on an authority that does not answer, as a timeout', async () => {
    local.tsa.mode = 'hang';
    try {
      await expect(stamp(local.tsa.url, data, fetch, 300)).rejects.toMatchObject({ code: 'timeout' });
    } finally {
      local.tsa.mode = 'ok';
    }
  });

  it('reports an authority that does not answer as unreachable', async () => {
    await expect(stamp('http://127.0.0.1:9/tsa', data)).rejects.toMatchObject({ code: 'unreachable' });
  });
});
