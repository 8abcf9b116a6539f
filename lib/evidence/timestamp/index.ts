/** RFC 3161 trusted timestamps: build the request, send it, verify the answer. Nothing here stores anything. */
import { postTimestampQuery } from './post';
import { buildTimestampRequest } from './request';
import { verifyTimestampResponse, type TimestampInfo } from './verify';

export { TIMESTAMP_ERROR_MESSAGES, TimestampError, type TimestampErrorCode } from './errors';
export { buildTimestampRequest, type TimestampRequest } from './request';
export { verifyTimestampResponse, type TimestampInfo } from './verify';
export { postTimestampQuery } from './post';

/** A verified token: the authority's whole TimeStampResp (DER, a `.tsr`) and what it says. */
export interface StampResult {
  tsr: Uint8Array;
  info: TimestampInfo;
}

/** Stamps `data` at the authority `url`: request, POST, verify. Throws `TimestampError`; returns only a verified token. */
export async function stamp(url: string, data: Uint8Array, fetcher: typeof fetch = fetch): Promise<StampResult> {
  const request = await buildTimestampRequest(data);
  const tsr = await postTimestampQuery(url, request.der, fetcher);
  const info = await verifyTimestampResponse(tsr, request, data);
  return { tsr, info };
}
