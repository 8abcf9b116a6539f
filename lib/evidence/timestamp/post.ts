/** Sending a TimeStampReq to an authority: one POST of application/timestamp-query, carrying only the hash. */
import { TimestampError } from './errors';

/** Responses larger than this are not timestamp replies (real ones are a few KB with their certificates). */
const MAX_RESPONSE_BYTES = 256 * 1024;

/** POSTs `der` to `url` and returns the body of the answer. Throws `TimestampError` ('unreachable' / 'http'). */
export async function postTimestampQuery(
  url: string,
  der: Uint8Array,
  fetcher: typeof fetch = fetch,
  timeoutMs = 30_000,
): Promise<Uint8Array> {
  let response: Response;
  try {
    response = await fetcher(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/timestamp-query' },
      body: der as Uint8Array<ArrayBuffer>,
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
      cache: 'no-store',
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    throw new TimestampError('unreachable', error instanceof Error ? error.message : String(error), { cause: error });
  }
  if (!response.ok) throw new TimestampError('http', `HTTP ${response.status}`);
  const body = new Uint8Array(await response.arrayBuffer());
  if (body.length === 0 || body.length > MAX_RESPONSE_BYTES)
    throw new TimestampError('malformed', `${body.length} bytes`);
  return body;
}
