/**
 * Shared by the extraction tests: the fixture pages under tests/fixtures/<folder>/<name>.html with their
 * expected results, and a quiet happy-dom parser (no script execution, no stylesheet fetches).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Window } from 'happy-dom';
import type { ExtractedOrder } from '@/lib/extract';

export const FIXTURE_ROOT = join(__dirname, '..', 'fixtures');
/** Folders that hold pages of no adapter: their expected result names no platform of their own. */
export const NON_ADAPTER_FOLDERS = new Set(['negative', 'hostile']);

/** One fixture page and what extractOrders must return for it. */
export interface Fixture {
  folder: string;
  name: string;
  html: string;
  url: string;
  orders: ExtractedOrder[];
}

/** Every fixture page; a page without its .json is reported with `url: ''`. */
export function loadFixtures(): Fixture[] {
  const out: Fixture[] = [];
  if (!existsSync(FIXTURE_ROOT)) return out;
  for (const dir of readdirSync(FIXTURE_ROOT, { withFileTypes: true })) {
    if (!dir.isDirectory()) continue;
    for (const file of readdirSync(join(FIXTURE_ROOT, dir.name)).sort()) {
      if (!file.endsWith('.html')) continue;
      const name = file.slice(0, -5);
      const jsonPath = join(FIXTURE_ROOT, dir.name, `${name}.json`);
      const expected = existsSync(jsonPath)
        ? (JSON.parse(readFileSync(jsonPath, 'utf8')) as { url: string; orders: ExtractedOrder[] })
        : { url: '', orders: [] };
      out.push({
        folder: dir.name,
        name,
        html: readFileSync(join(FIXTURE_ROOT, dir.name, file), 'utf8'),
        ...expected,
      });
    }
  }
  return out;
}

const window = new Window({
  settings: {
    disableJavaScriptEvaluation: true,
    disableJavaScriptFileLoading: true,
    disableCSSFileLoading: true,
    disableIframePageLoading: true,
    handleDisabledFileLoadingAsSuccess: true,
  },
});

/** This window's DOMParser: loads nothing and runs nothing (for code that parses pages itself). */
export const FixtureDOMParser = window.DOMParser;

/** Parse a page the way a browser would hand it to a content script (scripts never run). */
export function parseHtml(html: string): Document {
  return new window.DOMParser().parseFromString(html, 'text/html') as unknown as Document;
}
