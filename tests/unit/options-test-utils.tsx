/** Helpers for the options page's component tests: real zh_CN messages, a mounted root, typing, waiting. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { act, type ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { getDb } from '@/lib/db';
import { formatMessage, type ChromeMessage } from '@/lib/reminders/messages';

const messages = JSON.parse(
  readFileSync(join(__dirname, '../../public/_locales/zh_CN/messages.json'), 'utf8'),
) as Record<string, ChromeMessage>;

/** Makes `t()` return the shipped zh_CN texts, as the browser would. */
export function installZhMessages(): void {
  vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation((key: string, subs?: string | (string | number)[]) =>
    messages[key] ? formatMessage(messages[key], typeof subs === 'string' ? subs : subs?.map(String)) : '',
  );
  vi.spyOn(fakeBrowser.i18n, 'getUILanguage').mockReturnValue('zh-CN');
}

/** The zh_CN text of a key, substituted. */
export function zh(key: string, subs?: string | string[]): string {
  return formatMessage(messages[key]!, subs);
}

/** Empties every table of the shared database the components read. */
export async function clearDb(): Promise<void> {
  const db = getDb();
  await Promise.all(db.tables.map((table) => table.clear()));
}

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

/** Mounts `node` in a fresh container; returns the container and an unmount function. */
export async function mount(node: ReactNode): Promise<{ container: HTMLElement; unmount: () => Promise<void> }> {
  const container = document.createElement('div');
  document.body.append(container);
  let root: Root;
  await act(async () => {
    root = createRoot(container);
    root.render(node);
  });
  return {
    container,
    unmount: async () => {
      await act(async () => root.unmount());
      container.remove();
    },
  };
}

/** Re-renders until `probe` returns something truthy (live queries and IndexedDB are asynchronous). */
export async function waitFor<T>(probe: () => T | null | undefined | false, timeoutMs = 3000): Promise<T> {
  const start = Date.now();
  for (;;) {
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 10));
    });
    const value = probe();
    if (value) return value;
    if (Date.now() - start > timeoutMs) throw new Error('waitFor: condition not met');
  }
}

/** Types into a React-controlled input: React only sees a change made through the native value setter. */
export async function type(input: HTMLInputElement, value: string): Promise<void> {
  const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
  await act(async () => {
    setter.call(input, value);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

/** Clicks an element inside act(). */
export async function click(element: Element): Promise<void> {
  await act(async () => {
    (element as HTMLElement).click();
  });
}

/** The button whose text is `text`. */
export function button(container: HTMLElement, text: string): HTMLButtonElement {
  const found = [...container.querySelectorAll('button')].find((b) => b.textContent?.trim() === text);
  if (!found) throw new Error(`no button "${text}"`);
  return found;
}
