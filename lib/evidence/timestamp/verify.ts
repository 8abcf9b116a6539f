/**
 * Verifying an RFC 3161 TimeStampResp: status granted, the token's imprint and nonce are the request's, its CMS
 * signature verifies against the certificate it carries, that certificate is the one the token names (the ESS
 * signing-certificate attribute, RFC 3161 §2.4.1) and is a timestamping certificate valid at the stamped time (the
 * extended key usage id-kp-timeStamping, alone and critical, RFC 3161 §2.3). These are the rules `openssl ts -verify`
 * applies, so a token kept here passes the OpenSSL check the report describes. Whether the authority itself is trusted
 * is for the reader to decide with the authority's CA certificate (the report gives the command); this proves the
 * token is whole, was made by the certificate inside it, and answers our request.
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import type { TimestampFacts } from '@/lib/db/types';
import { bytesToHex } from '../../hash';
import { TimestampError } from './errors';
import { OID_SHA256, sha256, type TimestampRequest } from './request';

const OID_TST_INFO = '1.2.840.113549.1.9.16.1.4';
const OID_EXT_KEY_USAGE = '2.5.29.37';
const OID_KP_TIMESTAMPING = '1.3.6.1.5.5.7.3.8';
const OID_COMMON_NAME = '2.5.4.3';
const OID_ORGANIZATION = '2.5.4.10';
/** ESS signing-certificate attributes: v1 names the certificate by its SHA-1, v2 by a hash it states (SHA-256 by default). */
const OID_SIGNING_CERTIFICATE = '1.2.840.113549.1.9.16.2.12';
const OID_SIGNING_CERTIFICATE_V2 = '1.2.840.113549.1.9.16.2.47';
const ESS_HASHES: Record<string, string> = {
  '1.3.14.3.2.26': 'SHA-1',
  [OID_SHA256]: 'SHA-256',
  '2.16.840.1.101.3.4.2.2': 'SHA-384',
  '2.16.840.1.101.3.4.2.3': 'SHA-512',
};

/** What a verified token says, for display and storage (`TimestampFacts` without what the caller stamped). */
export type TimestampInfo = Omit<TimestampFacts, 'stamped'>;

function parse<T>(der: Uint8Array, make: (schema: asn1js.AsnType) => T): T {
  const asn1 = asn1js.fromBER(der);
  if (asn1.offset === -1) throw new TimestampError('malformed', asn1.result.error);
  try {
    return make(asn1.result);
  } catch (error) {
    throw new TimestampError('malformed', error instanceof Error ? error.message : String(error), { cause: error });
  }
}

function statusText(status: pkijs.PKIStatusInfo): string {
  const texts = status.statusStrings?.map((s) => s.valueBlock.value).join('; ');
  return `status ${status.status}${texts ? `: ${texts}` : ''}`;
}

function nameOf(name: pkijs.RelativeDistinguishedNames): string {
  const find = (type: string): string | undefined =>
    name.typesAndValues.find((t) => t.type === type)?.value.valueBlock.value as string | undefined;
  return find(OID_COMMON_NAME) ?? find(OID_ORGANIZATION) ?? '';
}

/** RFC 3161 §2.3: the extended key usage is present, critical, and names id-kp-timeStamping and nothing else. */
function timestampingProblem(cert: pkijs.Certificate): string | undefined {
  const ext = cert.extensions?.find((e) => e.extnID === OID_EXT_KEY_USAGE);
  const eku = ext?.parsedValue;
  if (!ext || !(eku instanceof pkijs.ExtKeyUsage) || !eku.keyPurposes.includes(OID_KP_TIMESTAMPING))
    return 'no timeStamping extended key usage';
  if (eku.keyPurposes.length !== 1) return 'extended key usage is not timeStamping alone';
  if (!ext.critical) return 'extended key usage is not critical';
  return undefined;
}

/** The first certificate identifier of the ESS signing-certificate attribute: its hash and the hash's algorithm. */
function essCertId(signerInfo: pkijs.SignerInfo): { hash: string; certHash: Uint8Array } | undefined {
  const attribute = signerInfo.signedAttrs?.attributes.find(
    (a) => a.type === OID_SIGNING_CERTIFICATE || a.type === OID_SIGNING_CERTIFICATE_V2,
  );
  if (!attribute) return undefined;
  // SigningCertificate(V2) ::= SEQUENCE { certs SEQUENCE OF ESSCertID(v2), policies ... }
  const certs = (attribute.values[0] as asn1js.Sequence | undefined)?.valueBlock.value[0];
  const first = (certs as asn1js.Sequence | undefined)?.valueBlock.value[0] as asn1js.Sequence | undefined;
  const fields = first?.valueBlock.value ?? [];
  let hash = attribute.type === OID_SIGNING_CERTIFICATE ? 'SHA-1' : 'SHA-256';
  let index = 0;
  // ESSCertIDv2 ::= SEQUENCE { hashAlgorithm AlgorithmIdentifier DEFAULT sha256, certHash OCTET STRING, ... }
  if (attribute.type === OID_SIGNING_CERTIFICATE_V2 && fields[0] instanceof asn1js.Sequence) {
    const oid = new pkijs.AlgorithmIdentifier({ schema: fields[0] }).algorithmId;
    hash = ESS_HASHES[oid] ?? `unsupported ${oid}`;
    index = 1;
  }
  const certHash = fields[index];
  if (!(certHash instanceof asn1js.OctetString)) return undefined;
  return { hash, certHash: certHash.valueBlock.valueHexView };
}

/** The signing certificate must be the one the token names, so a token cannot be passed off as another certificate's. */
async function essProblem(signerInfo: pkijs.SignerInfo, cert: pkijs.Certificate): Promise<string | undefined> {
  const id = essCertId(signerInfo);
  if (!id) return 'the token does not name its signing certificate (ESS signing-certificate attribute)';
  if (!Object.values(ESS_HASHES).includes(id.hash)) return `ESS certificate hash: ${id.hash}`;
  const der = new Uint8Array(cert.toSchema().toBER());
  const actual = new Uint8Array(await crypto.subtle.digest(id.hash, der));
  return bytesToHex(actual) === bytesToHex(id.certHash)
    ? undefined
    : 'the token names another certificate than the one that signed it';
}

/** The TimeStampToken (a CMS ContentInfo, DER) out of a TimeStampResp, after checking its status. */
function tokenOf(responseDer: Uint8Array): pkijs.ContentInfo {
  const response = parse(responseDer, (schema) => new pkijs.TimeStampResp({ schema }));
  const status = response.status.status;
  if (status !== pkijs.PKIStatus.granted && status !== pkijs.PKIStatus.grantedWithMods) {
    throw new TimestampError('rejected', statusText(response.status));
  }
  if (!response.timeStampToken) throw new TimestampError('malformed', 'granted without a token');
  return response.timeStampToken;
}

/** PKI.js's CMS verification; returns the certificate whose key made the signature. */
async function verifySignature(signed: pkijs.SignedData, data: Uint8Array): Promise<pkijs.Certificate> {
  let result: pkijs.SignedDataVerifyResult;
  try {
    result = await signed.verify({ signer: 0, data: data.slice().buffer, checkChain: false, extendedMode: true });
  } catch (error) {
    throw new TimestampError('bad_signature', error instanceof Error ? error.message : String(error), { cause: error });
  }
  if (!result.signatureVerified || !(result.signerCertificate instanceof pkijs.Certificate))
    throw new TimestampError('bad_signature', result.message || undefined);
  return result.signerCertificate;
}

/**
 * Verifies `responseDer` (the authority's answer) against the `request` made for `data`. Returns the token's facts;
 * callers store the whole response, which is what `openssl ts -verify -in x.tsr` reads. Throws a `TimestampError` for
 * every failure.
 */
export async function verifyTimestampResponse(
  responseDer: Uint8Array,
  request: TimestampRequest,
  data: Uint8Array,
): Promise<TimestampInfo> {
  const token = tokenOf(responseDer);
  if (token.contentType !== pkijs.ContentInfo.SIGNED_DATA) throw new TimestampError('malformed', 'not signed data');
  const signed = parse(new Uint8Array(token.content.toBER()), (schema) => new pkijs.SignedData({ schema }));
  if (signed.encapContentInfo.eContentType !== OID_TST_INFO || !signed.encapContentInfo.eContent) {
    throw new TimestampError('malformed', 'not a TSTInfo');
  }
  // RFC 3161 §2.4.2: the token has exactly one signer, the authority.
  if (signed.signerInfos.length !== 1) throw new TimestampError('malformed', `${signed.signerInfos.length} signers`);
  const tst = parse(
    new Uint8Array(signed.encapContentInfo.eContent.getValue()),
    (schema) => new pkijs.TSTInfo({ schema }),
  );

  const imprint = bytesToHex(tst.messageImprint.hashedMessage.valueBlock.valueHexView);
  if (tst.messageImprint.hashAlgorithm.algorithmId !== OID_SHA256 || imprint !== request.imprint) {
    throw new TimestampError('wrong_imprint', imprint);
  }
  if (imprint !== bytesToHex(await sha256(data))) throw new TimestampError('wrong_imprint', 'data changed');
  const nonce = tst.nonce ? bytesToHex(tst.nonce.valueBlock.valueHexView) : '';
  if (nonce !== request.nonce) throw new TimestampError('wrong_nonce', nonce || 'no nonce');

  const cert = await verifySignature(signed, data);
  const notTsa = timestampingProblem(cert);
  if (notTsa) throw new TimestampError('not_tsa', `${nameOf(cert.subject)}: ${notTsa}`);
  const genTime = tst.genTime.getTime();
  if (genTime < cert.notBefore.value.getTime() || genTime > cert.notAfter.value.getTime()) {
    throw new TimestampError('not_tsa', `${nameOf(cert.subject)}: not valid at ${tst.genTime.toISOString()}`);
  }
  const ess = await essProblem(signed.signerInfos[0]!, cert);
  if (ess) throw new TimestampError('bad_signature', ess);

  const tsaName = tst.tsa?.type === 4 ? nameOf(tst.tsa.value as pkijs.RelativeDistinguishedNames) : '';
  return {
    authority: tsaName || nameOf(cert.subject),
    time: tst.genTime.toISOString(),
    serial: bytesToHex(tst.serialNumber.valueBlock.valueHexView),
    policy: tst.policy,
    imprint,
  };
}
