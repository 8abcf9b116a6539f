import type * as v from 'valibot';
import { parseMessage } from './schemas';
import { checkSender, type SenderLike } from './sender';

/**
 * A content script's message about its page: the sender checked (our own extension, from a tab's web page), the data
 * validated, and the page URL the data names on the sender's own origin (a page may report only itself). Returns the
 * sender's page URL — where the shop's host comes from, never from the message — and the data. Throws on anything else,
 * before anything is written.
 */
export function readPageMessage<S extends v.GenericSchema<unknown, { url: string }>>(
  schema: S,
  raw: unknown,
  sender: SenderLike,
  own: { ownId: string; ownOrigin: string },
): { pageUrl: URL; data: v.InferOutput<S> } {
  const pageUrl = checkSender(sender, 'content', own.ownId, own.ownOrigin);
  const data = parseMessage(schema, raw);
  if (new URL(data.url).origin !== pageUrl.origin) throw new Error('Invalid message: url: not the sender page');
  return { pageUrl, data };
}
