/** Building an RFC 3161 TimeStampReq: a SHA-256 imprint of the stamped bytes, a random 64-bit nonce, certReq. */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { bytesToHex } from '../../hash';

export const OID_SHA256 = '2.16.840.1.101.3.4.2.1';

export interface TimestampRequest {
  /** The DER of the TimeStampReq, the body of the POST. */
  der: Uint8Array;
  /** Lower-case hex of the SHA-256 that is stamped. */
  imprint: string;
  /** Lower-case hex of the nonce's bytes as sent (positive INTEGER). */
  nonce: string;
}

/** SHA-256 of `data` through WebCrypto (the service worker, extension pages and Node all have it). */
export async function sha256(data: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', data as Uint8Array<ArrayBuffer>));
}

/**
 * A TimeStampReq for `data`. `random` fills the nonce (defaults to crypto.getRandomValues); its top bit is cleared so
 * the INTEGER is positive and encodes to exactly the bytes drawn.
 */
export async function buildTimestampRequest(
  data: Uint8Array,
  random: (bytes: Uint8Array) => Uint8Array = (b) => crypto.getRandomValues(b),
): Promise<TimestampRequest> {
  const digest = await sha256(data);
  const nonceBytes = random(new Uint8Array(8));
  nonceBytes[0] = (nonceBytes[0]! & 0x7f) | 0x01; // positive, no leading zero byte
  const request = new pkijs.TimeStampReq({
    version: 1,
    messageImprint: new pkijs.MessageImprint({
      hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID_SHA256 }),
      hashedMessage: new asn1js.OctetString({ valueHex: digest }),
    }),
    nonce: new asn1js.Integer({ valueHex: nonceBytes }),
    certReq: true,
  });
  return {
    der: new Uint8Array(request.toSchema().toBER()),
    imprint: bytesToHex(digest),
    nonce: bytesToHex(nonceBytes),
  };
}
