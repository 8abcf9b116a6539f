/** The parts of `runtime.MessageSender` we check. */
export interface SenderLike {
  id?: string;
  url?: string;
  tab?: { id?: number };
  frameId?: number;
  /** The sending document (Chromium): scripts injected back target it, not whatever the frame shows by then. */
  documentId?: string;
}

export type SenderKind = 'content' | 'extension-page';

/**
 * Checks who sent a message before the background acts on it: it must be our own extension, and a content-script
 * message must come from a tab (extension pages have no tab, or a tab whose URL is our own origin).
 * Returns the sender's page URL for content scripts. Throws on anything else.
 */
export function checkSender(sender: SenderLike, expect: SenderKind, ownId: string, ownOrigin: string): URL {
  if (!sender || sender.id !== ownId) throw new Error('Rejected message: not from this extension');
  let url: URL;
  try {
    url = new URL(sender.url ?? '');
  } catch {
    throw new Error('Rejected message: sender has no URL');
  }
  if (expect === 'content') {
    if (sender.tab?.id === undefined) throw new Error('Rejected message: content messages must come from a tab');
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('Rejected message: not a web page');
  } else if (`${url.protocol}//${url.host}` !== ownOrigin) {
    // (not url.origin: WHATWG gives non-special schemes such as chrome-extension: an opaque origin outside Chrome)
    throw new Error('Rejected message: not from an extension page');
  }
  return url;
}
