/** Sending a TimeStampReq to an authority: one POST of application/timestamp-query, carrying only the hash. */
import { TimestampError } from './errors';

/** Responses larger than this are not timestamp replies (real ones are a few KB with their certificates). */
export const MAX_RESPONSE_BYTES = 256 * 1024;

/**
 * How long to wait for the authority. Real authorities answer in a second or two; the bound stays under the 30 s an
 * idle MV3 service worker is given after the message that started the request, so a slow authority ends as a clear
 * 'timeout' rather than a worker stopped mid-request.
 */
export const DEFAULT_TIMEOUT_MS = 20_000;

/** Reads at most `max` bytes of a body; more is refused as not a timestamp reply. */
async function readBounded(response: Response, max: number): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (declared > max) throw new TimestampError('malformed', `${declared} bytes`);
  if (!response.body) return new Uint8Array(await response.arrayBuffer());
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > max) {
      await reader.cancel();
      throw new TimestampError('malformed', `more than ${max} bytes`);
    }
    chunks.push(value);
  }
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.length;
  }
  return body;
}

function isTimeout(error: unknown): boolean {
  return error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
}

/**
 * POSTs `der` to `url` and returns the body of the answer. Redirects are not followed: the request goes to the chosen
 * authority and nowhere else. No cookies, no referrer. Throws `TimestampError` ('unreachable', 'timeout', 'http',
 * 'redirected', 'malformed').
 */
export async function postTimestampQuery(
  url: string,
  der: Uint8Array,
  fetcher: typeof fetch = fetch,
  timeoutMs = DEFAULT_TIMEOUT_MS,
): Promise<Uint8Array> {
  const signal = AbortSignal.timeout(timeoutMs);
  let response: Response;
  try {
    response = await fetcher(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/timestamp-query', Accept: 'application/timestamp-reply' },
      body: der as Uint8Array<ArrayBuffer>,
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
      cache: 'no-store',
      redirect: 'manual',
      signal,
    });
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new TimestampError(isTimeout(error) ? 'timeout' : 'unreachable', detail, { cause: error });
  }
  // Browsers hide a redirect behind an 'opaqueredirect' answer (status 0); Node shows the 3xx itself.
  if (response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400)) {
    throw new TimestampError('redirected', response.headers.get('location') ?? undefined);
  }
  if (!response.ok) throw new TimestampError('http', `HTTP ${response.status}`);
  let body: Uint8Array;
  try {
    body = await readBounded(response, MAX_RESPONSE_BYTES);
  } catch (error) {
    if (error instanceof TimestampError) throw error;
    const detail = error instanceof Error ? error.message : String(error);
    throw new TimestampError(isTimeout(error) || signal.aborted ? 'timeout' : 'unreachable', detail, { cause: error });
  }
  if (body.length === 0) throw new TimestampError('malformed', 'empty answer');
  return body;
}
