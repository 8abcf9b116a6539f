/**
 * A local RFC 3161 timestamp authority for the tests: a test CA and a TSA certificate made at start with
 * /usr/bin/openssl, `openssl ts -reply` behind an HTTP server on 127.0.0.1. It records every request it gets, and
 * can be told to answer wrongly (each way a verifier must catch). Never shipped.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

const run = promisify(execFile);
export const OPENSSL = process.env.OPENSSL ?? '/usr/bin/openssl';

/** How the authority answers the next requests. */
export type TsaMode =
  | 'ok'
  /** A good token naming its certificate by SHA-1 (ESSCertID, version 1), as older authorities do. */
  | 'ok-ess-v1'
  | 'wrong-imprint'
  | 'wrong-nonce'
  | 'bad-signature'
  | 'not-tsa'
  /** Signed by a certificate whose timeStamping usage is not marked critical (RFC 3161 requires it). */
  | 'eku-not-critical'
  /** Signed by the TSA's key and certificate, but without the ESS attribute that names the certificate. */
  | 'no-ess'
  /** The carried certificate swapped for another with the same key, issuer and serial: the ESS hash names the first. */
  | 'swapped-cert'
  | 'rejected'
  | 'garbage'
  | 'http-500'
  /** A 302 to another address. */
  | 'redirect'
  /** An answer of 1 MB. */
  | 'huge'
  /** Never answers. */
  | 'hang';

export interface RecordedRequest {
  method: string;
  path: string;
  contentType: string | undefined;
  body: Uint8Array;
}

export interface LocalTsa {
  url: string;
  /** The test CA's certificate (PEM file), for `openssl ts -verify -CAfile`. */
  caFile: string;
  dir: string;
  requests: RecordedRequest[];
  mode: TsaMode;
  close(): Promise<void>;
}

/**
 * `openssl ts -verify <args> -CAfile <caFile>`: resolves with OpenSSL's output when it says "Verification: OK",
 * rejects when it refuses (as a reader of the report would run it).
 */
export async function opensslVerify(caFile: string, args: string[]): Promise<string> {
  const { stdout } = await run(OPENSSL, ['ts', '-verify', ...args, '-CAfile', caFile]);
  if (!stdout.includes('Verification: OK')) throw new Error(`OpenSSL did not verify: ${stdout}`);
  return stdout;
}

async function openssl(args: string[], cwd: string): Promise<void> {
  await run(OPENSSL, args, { cwd });
}

async function makeKeyAndCert(
  dir: string,
  name: string,
  subject: string,
  ext: string,
  reuse?: { key: string; serial: string },
): Promise<void> {
  writeFileSync(join(dir, `${name}.ext`), ext);
  await openssl(
    reuse
      ? ['req', '-new', '-key', reuse.key, '-out', `${name}.csr`, '-subj', subject]
      : ['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', subject],
    dir,
  );
  await openssl(
    [
      'x509',
      '-req',
      '-in',
      `${name}.csr`,
      '-CA',
      'ca.crt',
      '-CAkey',
      'ca.key',
      '-set_serial',
      reuse?.serial ?? String(Date.now() % 1e9),
      '-days',
      '2',
      '-sha256',
      '-out',
      `${name}.crt`,
      '-extfile',
      `${name}.ext`,
    ],
    dir,
  );
}

/** One `openssl ts -reply` section: the TSA certificate and key, naming the certificate by an ESS hash of `essHash`. */
const tsSection = (dir: string, name: string, essHash: 'sha256' | 'sha1'): string => `
[ ${name} ]
dir = ${dir}
serial = ${dir}/serial
crypto_device = builtin
signer_cert = ${dir}/tsa.crt
signer_key = ${dir}/tsa.key
signer_digest = sha256
default_policy = 1.2.3.4.1
digests = sha256
accuracy = secs:1
ordering = no
tsa_name = yes
ess_cert_id_alg = ${essHash}
`;

const TS_CONFIG = (dir: string): string =>
  `[ tsa ]\ndefault_tsa = tsa_config1\n${tsSection(dir, 'tsa_config1', 'sha256')}${tsSection(dir, 'tsa_ess_v1', 'sha1')}`;

/** Makes the CA and certificates (the TSA's, and one without the timeStamping usage) in a temporary folder. */
async function makePki(dir: string): Promise<void> {
  await openssl(
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      'ca.key',
      '-out',
      'ca.crt',
      '-days',
      '2',
      '-sha256',
      '-subj',
      '/CN=KamiGuard Test CA',
      '-addext',
      'basicConstraints=critical,CA:true',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
    ],
    dir,
  );
  await makeKeyAndCert(
    dir,
    'tsa',
    '/O=KamiGuard Tests/CN=KamiGuard Test TSA',
    'basicConstraints=CA:false\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=critical,timeStamping\n',
  );
  await makeKeyAndCert(
    dir,
    'plain',
    '/CN=KamiGuard Plain Signer',
    'basicConstraints=CA:false\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\n',
  );
  await makeKeyAndCert(
    dir,
    'lax',
    '/CN=KamiGuard Lax TSA',
    'basicConstraints=CA:false\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=timeStamping\n',
  );
  // Same key, issuer and serial as tsa.crt, another subject: only the ESS certificate hash tells them apart.
  const { stdout } = await run(OPENSSL, ['x509', '-in', 'tsa.crt', '-noout', '-serial'], { cwd: dir });
  await makeKeyAndCert(
    dir,
    'twin',
    '/O=KamiGuard Tests/CN=KamiGuard Twin TSA',
    'basicConstraints=CA:false\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=critical,timeStamping\n',
    { key: 'tsa.key', serial: `0x${stdout.trim().split('=')[1]}` },
  );
  writeFileSync(join(dir, 'serial'), '01\n');
  writeFileSync(join(dir, 'ts.cnf'), TS_CONFIG(dir));
}

/** The imprint (hex) of a TimeStampReq, read with openssl. */
async function imprintOf(dir: string, query: string): Promise<string> {
  const { stdout } = await run(OPENSSL, ['ts', '-query', '-in', query, '-text'], { cwd: dir });
  const lines = stdout.split('\n');
  const start = lines.findIndex((l) => l.includes('Message data:'));
  return lines
    .slice(start + 1)
    .filter((l) => /^\s+[0-9a-f]{4} - /.test(l))
    .map((l) =>
      l
        .replace(/^\s+[0-9a-f]{4} - /, '')
        .replace(/\s{2,}.*$/, '')
        .replace(/[\s-]/g, ''),
    )
    .join('');
}

async function reply(
  dir: string,
  query: string,
  out: string,
  section = 'tsa_config1',
): Promise<Uint8Array<ArrayBuffer>> {
  await openssl(['ts', '-reply', '-config', 'ts.cnf', '-section', section, '-queryfile', query, '-out', out], dir);
  return new Uint8Array(readFileSync(join(dir, out)));
}

/** The genuine answer's TSTInfo, signed again by `signer` with openssl cms (`cades`: with the ESS attribute). */
async function resign(dir: string, signer: string, cades: boolean): Promise<Uint8Array> {
  await reply(dir, 'query.tsq', 'reply.tsr');
  await openssl(['ts', '-reply', '-in', 'reply.tsr', '-token_out', '-out', 'token.der'], dir);
  await openssl(['cms', '-verify', '-noverify', '-inform', 'DER', '-in', 'token.der', '-out', 'tst.der'], dir);
  await openssl(
    [
      'cms',
      '-sign',
      '-binary',
      '-nodetach',
      '-nosmimecap',
      ...(cades ? ['-cades'] : []),
      '-outform',
      'DER',
      '-econtent_type',
      '1.2.840.113549.1.9.16.1.4',
      '-md',
      'sha256',
      '-signer',
      `${signer}.crt`,
      '-inkey',
      `${signer === 'twin' ? 'tsa' : signer}.key`,
      '-in',
      'tst.der',
      '-out',
      'resigned.der',
    ],
    dir,
  );
  return wrapToken(GRANTED(), readFileSync(join(dir, 'resigned.der')));
}

const GRANTED = (): asn1js.Sequence => new asn1js.Sequence({ value: [new asn1js.Integer({ value: 0 })] });

/** Replaces the certificates a token carries (outside what its signature covers). */
function swapCertificates(response: Uint8Array<ArrayBuffer>, certPem: string): Uint8Array {
  const resp = pkijs.TimeStampResp.fromBER(response);
  const signed = new pkijs.SignedData({ schema: resp.timeStampToken!.content });
  const der = Buffer.from(certPem.replace(/-----[^-]+-----|\s/g, ''), 'base64');
  signed.certificates = [pkijs.Certificate.fromBER(der)];
  const token = new pkijs.ContentInfo({ contentType: pkijs.ContentInfo.SIGNED_DATA, content: signed.toSchema(true) });
  return wrapToken(GRANTED(), new Uint8Array(token.toSchema().toBER()));
}

function wrapToken(status: asn1js.Sequence, token?: Uint8Array): Uint8Array {
  const items: asn1js.AsnType[] = [status];
  if (token) items.push(asn1js.fromBER(token).result);
  return new Uint8Array(new asn1js.Sequence({ value: items }).toBER());
}

/** The authority's answer to the query in `query.tsq`, made wrong as `mode` says. */
async function answer(dir: string, mode: TsaMode): Promise<Uint8Array> {
  switch (mode) {
    case 'ok':
      return reply(dir, 'query.tsq', 'reply.tsr');
    case 'wrong-imprint':
      await openssl(['ts', '-query', '-digest', 'ab'.repeat(32), '-sha256', '-cert', '-out', 'other.tsq'], dir);
      return reply(dir, 'other.tsq', 'reply.tsr');
    case 'wrong-nonce':
      // Same hash, a fresh query: openssl draws its own nonce.
      await openssl(
        ['ts', '-query', '-digest', await imprintOf(dir, 'query.tsq'), '-sha256', '-cert', '-out', 'other.tsq'],
        dir,
      );
      return reply(dir, 'other.tsq', 'reply.tsr');
    case 'bad-signature': {
      // The signature value is the last field of the DER: flip its last byte.
      const good = await reply(dir, 'query.tsq', 'reply.tsr');
      good[good.length - 1]! ^= 0x01;
      return good;
    }
    case 'not-tsa':
      // openssl ts refuses to sign without the timeStamping usage, so the genuine TSTInfo is signed with openssl cms.
      return resign(dir, 'plain', true);
    case 'eku-not-critical':
      return resign(dir, 'lax', true);
    case 'no-ess':
      return resign(dir, 'tsa', false);
    case 'swapped-cert':
      return swapCertificates(await reply(dir, 'query.tsq', 'reply.tsr'), readFileSync(join(dir, 'twin.crt'), 'utf8'));
    case 'ok-ess-v1':
      return reply(dir, 'query.tsq', 'reply.tsr', 'tsa_ess_v1');
    case 'rejected':
      return wrapToken(
        new asn1js.Sequence({
          value: [
            new asn1js.Integer({ value: 2 }),
            new asn1js.Sequence({ value: [new asn1js.Utf8String({ value: 'policy not accepted' })] }),
          ],
        }),
      );
    case 'garbage':
      return new TextEncoder().encode('<html>not a timestamp</html>');
    case 'http-500':
    case 'redirect':
    case 'hang':
      return new Uint8Array();
    case 'huge':
      return new Uint8Array(1024 * 1024);
  }
}

/** Starts the authority on 127.0.0.1 (a free port). */
export async function startLocalTsa(): Promise<LocalTsa> {
  const dir = mkdtempSync(join(tmpdir(), 'kamiguard-tsa-'));
  await makePki(dir);
  const requests: RecordedRequest[] = [];
  let queue = Promise.resolve();
  const tsa: LocalTsa = {
    url: '',
    caFile: join(dir, 'ca.crt'),
    dir,
    requests,
    mode: 'ok',
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          rmSync(dir, { recursive: true, force: true });
          resolve();
        });
      }),
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = new Uint8Array(Buffer.concat(chunks));
      requests.push({ method: req.method ?? '', path: req.url ?? '', contentType: req.headers['content-type'], body });
      const mode = tsa.mode;
      // One at a time: the answers share files in `dir`.
      queue = queue.then(async () => {
        if (mode === 'hang') return; // the client gives up; close() ends the socket
        if (mode === 'redirect') {
          res.writeHead(302, { Location: 'http://127.0.0.1:9/elsewhere' }).end();
          return;
        }
        if (mode === 'http-500' || req.method !== 'POST') {
          res.writeHead(mode === 'http-500' ? 500 : 405).end();
          return;
        }
        try {
          writeFileSync(join(dir, 'query.tsq'), body);
          const der = await answer(dir, mode);
          res
            .writeHead(200, { 'Content-Type': 'application/timestamp-reply', 'Access-Control-Allow-Origin': '*' })
            .end(der);
        } catch (error) {
          res.writeHead(400, { 'Content-Type': 'text/plain' }).end(String(error));
        }
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  tsa.url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/tsa`;
  return tsa;
}
