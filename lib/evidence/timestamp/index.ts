/**
 * RFC 3161 trusted timestamps: the authorities, the request, sending it, verifying the answer, the buyer's settings.
 * Nothing here stores a token: lib/background/timestamp.ts does, only after `stamp` returned it verified.
 */
import { postTimestampQuery } from './post';
import { buildTimestampRequest } from './request';
import { verifyTimestampResponse, type TimestampInfo } from './verify';

export {
  TIMESTAMP_ERROR_CODES,
  TIMESTAMP_ERROR_MESSAGES,
  TimestampError,
  describeTimestampFailure,
  type TimestampErrorCode,
} from './errors';
export { buildTimestampRequest, type TimestampRequest } from './request';
export { verifyTimestampResponse, type TimestampInfo } from './verify';
export { DEFAULT_TIMEOUT_MS, MAX_RESPONSE_BYTES, postTimestampQuery } from './post';
export {
  MAX_AUTHORITY_URL,
  TIMESTAMP_AUTHORITIES,
  checkAuthorityUrl,
  presetAuthority,
  type AuthorityChoice,
  type AuthorityUrlProblem,
  type TimestampAuthority,
} from './authorities';
export {
  AUTO_FAILURE_KEY,
  DEFAULT_TIMESTAMP_SETTINGS,
  TIMESTAMP_SETTINGS_KEY,
  authorityOf,
  loadTimestampSettings,
  saveTimestampSettings,
  type AutoStampFailure,
  type TimestampSettings,
} from './settings';

/** The media type of a TimeStampResp (RFC 3161 §3.4), the stored token's mime. */
export const TIMESTAMP_REPLY_MIME = 'application/timestamp-reply';

/** A verified token: the authority's whole TimeStampResp (DER, a `.tsr`) and what it says. */
export interface StampResult {
  tsr: Uint8Array;
  info: TimestampInfo;
}

/**
 * Stamps `data` at the authority `url`: builds the request (SHA-256 of `data`, a fresh nonce), POSTs it, verifies the
 * answer. Throws `TimestampError`; returns only a verified token.
 */
export async function stamp(
  url: string,
  data: Uint8Array,
  fetcher: typeof fetch = fetch,
  timeoutMs?: number,
): Promise<StampResult> {
  const request = await buildTimestampRequest(data);
  const tsr = await postTimestampQuery(url, request.der, fetcher, timeoutMs);
  const info = await verifyTimestampResponse(tsr, request, data);
  return { tsr, info };
}
