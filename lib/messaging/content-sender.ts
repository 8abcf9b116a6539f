import type { ProtocolMap } from './protocol';

type Data<K extends keyof ProtocolMap> = Parameters<ProtocolMap[K]>[0];
type Reply<K extends keyof ProtocolMap> = ReturnType<ProtocolMap[K]>;

/**
 * `sendMessage` for the injected extractor: the same typed protocol and the same wire format as
 * @webext-core/messaging (`{ id, type, data, timestamp }` out, `{ res }` or `{ err }` back), without the library's
 * client, which cannot be tree-shaken and costs the 30 KB content-script budget about 2.7 KB. The background keeps
 * the library's listener; the e2e tests carry every sighting through this path in real Chromium.
 */
export function sendFromContent<K extends keyof ProtocolMap>(type: K, data: Data<K>): Promise<Reply<K>> {
  const message = { id: Math.floor(Math.random() * 1e4), type, data, timestamp: Date.now() };
  return new Promise((resolve, reject) =>
    chrome.runtime.sendMessage(message, (reply?: { res?: Reply<K>; err?: { message?: string } }) => {
      const error = chrome.runtime.lastError?.message ?? reply?.err?.message ?? (reply ? undefined : 'No response');
      if (error) reject(new Error(error));
      else resolve(reply!.res as Reply<K>);
    }),
  );
}
