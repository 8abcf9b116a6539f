import { onMessage } from '@/lib/messaging/protocol';
import { ParsePageSchema, parseMessage } from '@/lib/messaging/schemas';
import { checkSender } from '@/lib/messaging/sender';
import { readPageHere } from '@/lib/watch/dom';

// Wiring only. The offscreen document (Chromium, reason DOM_PARSER) that the background opens for a run of checks:
// it parses each fetched page with DOMParser (no script runs, nothing loads) and reads it with the extractor. Offscreen
// documents get only the runtime API, so this uses chrome.runtime directly.
const ownId = chrome.runtime.id;
const base = new URL(chrome.runtime.getURL('/'));
const ownOrigin = `${base.protocol}//${base.host}`;

onMessage('parsePage', ({ data, sender }) => {
  checkSender(sender, 'extension-page', ownId, ownOrigin);
  const page = parseMessage(ParsePageSchema, data);
  return readPageHere(page.html, page.url, page.orderNo);
});
