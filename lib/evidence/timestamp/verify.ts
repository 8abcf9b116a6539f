/**
 * Verifying an RFC 3161 TimeStampResp: status granted, the token's imprint and nonce are the request's, its CMS
 * signature verifies against the certificate it carries, and that certificate is a timestamping certificate
 * (extended key usage id-kp-timeStamping). Whether the authority itself is trusted is for the reader to check
 * with its CA (the report gives the OpenSSL command); this proves the token is whole and answers our request.
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { bytesToHex } from '../../hash';
import { TimestampError } from './errors';
import { OID_SHA256, sha256, type TimestampRequest } from './request';

const OID_TST_INFO = '1.2.840.113549.1.9.16.1.4';
const OID_EXT_KEY_USAGE = '2.5.29.37';
const OID_KP_TIMESTAMPING = '1.3.6.1.5.5.7.3.8';
const OID_COMMON_NAME = '2.5.4.3';
const OID_ORGANIZATION = '2.5.4.10';

/** What a verified token says, for display and storage. */
export interface TimestampInfo {
  /** The authority: its TSTInfo `tsa` name, else the signing certificate's CN / O. */
  authority: string;
  /** genTime as ISO 8601. */
  time: string;
  /** Lower-case hex of the token's serial number. */
  serial: string;
  /** The TSA policy OID. */
  policy: string;
  /** Lower-case hex of the stamped SHA-256. */
  imprint: string;
}

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

function signerOf(signed: pkijs.SignedData): pkijs.Certificate {
  const sid = signed.signerInfos[0]?.sid;
  const certs = (signed.certificates ?? []).filter((c): c is pkijs.Certificate => c instanceof pkijs.Certificate);
  const cert =
    sid instanceof pkijs.IssuerAndSerialNumber
      ? certs.find((c) => c.issuer.isEqual(sid.issuer) && c.serialNumber.isEqual(sid.serialNumber))
      : certs.length === 1
        ? certs[0]
        : undefined;
  if (!cert) throw new TimestampError('bad_signature', 'the signing certificate is not in the token');
  return cert;
}

function isTimestampingCert(cert: pkijs.Certificate): boolean {
  const eku = cert.extensions?.find((e) => e.extnID === OID_EXT_KEY_USAGE)?.parsedValue;
  return eku instanceof pkijs.ExtKeyUsage && eku.keyPurposes.includes(OID_KP_TIMESTAMPING);
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

/**
 * Verifies `responseDer` (the authority's answer) against the `request` made for `data`. Returns the token's facts
 * and the token itself (DER), which is what a `.tsr` for `openssl ts -verify -in … -token_in` would be; callers
 * store the whole response (`openssl ts -verify -in x.tsr`). Throws a `TimestampError` for every failure.
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

  const cert = signerOf(signed);
  if (!isTimestampingCert(cert)) throw new TimestampError('not_tsa', nameOf(cert.subject));
  let verified: boolean;
  try {
    verified = await signed.verify({ signer: 0, data: data.slice().buffer, checkChain: false });
  } catch (error) {
    throw new TimestampError('bad_signature', error instanceof Error ? error.message : String(error), { cause: error });
  }
  if (!verified) throw new TimestampError('bad_signature');

  const tsaName = tst.tsa?.type === 4 ? nameOf(tst.tsa.value as pkijs.RelativeDistinguishedNames) : '';
  return {
    authority: tsaName || nameOf(cert.subject),
    time: tst.genTime.toISOString(),
    serial: bytesToHex(tst.serialNumber.valueBlock.valueHexView),
    policy: tst.policy,
    imprint,
  };
}
