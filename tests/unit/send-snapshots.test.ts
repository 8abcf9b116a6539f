/** The page side of snapshots (lib/content/send-snapshots.ts): what a shop page sends, when, and when it hands over. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runSnapshots } from '@/lib/content/send-snapshots';
import { MAX_SNAPSHOT_CHARS } from '@/lib/extract/snapshot';

const FLAG = '__kamiguardExtractor';
let sent: Array<{ type: string; data: Record<string, unknown> }>;
/** What the background answers a snapshot. */
let snapshotReply: Record<string, unknown>;
const stops: Array<() => void> = [];
const run = (): void => void stops.push(runSnapshots());

beforeEach(() => {
  vi.useFakeTimers();
  sent = [];
  snapshotReply = { orders: 1 };
  delete (globalThis as Record<string, unknown>)[FLAG];
  document.body.innerHTML = '<p>订单号 KG7Q2M9X4A1B3C5D</p><textarea id="keys"></textarea>';
  vi.stubGlobal('chrome', {
    runtime: {
      sendMessage: (message: { type: string; data: Record<string, unknown> }, reply: (r: unknown) => void) => {
        sent.push(message);
        reply({ res: message.type === 'pageSnapshot' ? snapshotReply : {} });
      },
    },
  });
});
afterEach(() => {
  for (const stop of stops.splice(0)) stop();
  vi.unstubAllGlobals();
  vi.useRealTimers();
  document.body.innerHTML = '';
  delete (globalThis as Record<string, unknown>)[FLAG];
});

describe('runSnapshots', () => {
  it('sends the page once it is quiet, again only when it changed, and runs once per page', async () => {
    run();
    run(); // a second hint (probe + navigation): nothing more
    await vi.advanceTimersByTimeAsync(500);
    expect(sent.map((m) => m.type)).toEqual(['pageSnapshot']);
    const first = sent[0]!.data;
    expect(first.url).toBe(location.href);
    expect(first.pageId).toMatch(/^[a-z0-9]{1,16}$/);
    expect(first.html).toContain('订单号 KG7Q2M9X4A1B3C5D');
    expect(first.values).toEqual([]);

    document.body.append(document.createElement('span')); // the markup changed
    await vi.advanceTimersByTimeAsync(500);
    expect(sent).toHaveLength(2);
    // A script fills the key box: no markup changes, but the value is sent once the page is next read.
    (document.getElementById('keys') as HTMLTextAreaElement).value = 'TXVIP-7Q2M';
    document.body.setAttribute('class', 'loaded');
    await vi.advanceTimersByTimeAsync(500);
    expect(sent).toHaveLength(3);
    expect(sent[2]!.data.values).toEqual([[0, 'TXVIP-7Q2M']]);
    expect(sent[2]!.data.pageId).toBe(first.pageId);
    // The same markup again (a class toggled back and forth): not sent again.
    document.body.setAttribute('class', 'x');
    document.body.setAttribute('class', 'loaded');
    await vi.advanceTimersByTimeAsync(500);
    expect(sent).toHaveLength(3);
  });

  it('hands a page too large for a snapshot to the extractor, once, and sends no snapshot', async () => {
    const pre = document.createElement('pre');
    pre.textContent = 'x'.repeat(MAX_SNAPSHOT_CHARS);
    document.body.append(pre);
    run();
    await vi.advanceTimersByTimeAsync(500);
    expect(sent.map((m) => m.type)).toEqual(['extractorHandover']);
    expect((globalThis as Record<string, unknown>)[FLAG]).toBe('handed-over');
    document.body.append(document.createElement('span'));
    run(); // handed over already: stays out
    await vi.advanceTimersByTimeAsync(500);
    expect(sent).toHaveLength(1);
  });

  it('hands the page to the extractor when the background says its copy is not the page', async () => {
    snapshotReply = { orders: 0, readInTab: true };
    run();
    await vi.advanceTimersByTimeAsync(500);
    expect(sent.map((m) => m.type)).toEqual(['pageSnapshot', 'extractorHandover']);
    expect((globalThis as Record<string, unknown>)[FLAG]).toBe('handed-over');
    document.body.append(document.createElement('span'));
    await vi.advanceTimersByTimeAsync(500);
    expect(sent).toHaveLength(2); // stopped: nothing more from this page
  });
});
