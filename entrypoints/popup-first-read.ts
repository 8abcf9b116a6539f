import { startFirstRead } from '@/lib/reminders/first-read';

// The popup's first script, a plain one in its <head>: it starts the list's read with the plain IndexedDB API while
// the browser is still loading React, Dexie and the app (components/popup/first-read.ts picks the result up). An
// unlisted script, so it carries only this read (no framework, no Dexie).
export default defineUnlistedScript(() => startFirstRead(window, indexedDB));
