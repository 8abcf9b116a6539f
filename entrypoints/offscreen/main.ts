import { onMessage } from '@/lib/messaging/protocol';
import { ParsePageSchema, ReadSnapshotSchema, parseMessage } from '@/lib/messaging/schemas';
import { readShopPage } from '@/lib/snapshot-reader';
import { checkSender } from '@/lib/messaging/sender';
import { readPageHere } from '@/lib/watch/dom';

// Wiring only. The offscreen document (Chromium, reason DOM_PARSER) that the background opens (lib/offscreen.ts): it
// parses pages with DOMParser (no script runs, nothing loads) and reads them with the extractor: the pages background
// checks fetch, and the snapshots of shop pages open in tabs. Offscreen documents get only the runtime API, so this
// uses chrome.runtime directly.
const ownId = chrome.runtime.id;
const base = new URL(chrome.runtime.getURL('/'));
const ownOrigin = `${base.protocol}//${base.host}`;

onMessage('parsePage', ({ data, sender }) => {
  checkSender(sender, 'extension-page', ownId, ownOrigin);
  const page = parseMessage(ParsePageSchema, data);
  return readPageHere(page.html, page.url, page.orderNo);
});

onMessage('readSnapshot', ({ data, sender }) => {
  checkSender(sender, 'extension-page', ownId, ownOrigin);
  return readShopPage(parseMessage(ReadSnapshotSchema, data));
});
