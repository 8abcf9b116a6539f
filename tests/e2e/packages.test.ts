/**
 * Issue 15, packages: `npm run zip` and `npm run zip:firefox` make archives a store accepts. Each archive is opened and
 * checked (manifest, icons, locales; no test code, no bench hooks, no source maps), `web-ext lint` runs on the Firefox
 * one and fails on errors, and the Firefox source archive the add-on store asks for builds the same add-on again.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, test } from 'node:test';
import { unzipSync } from 'fflate';
import { ROOT } from './harness.ts';

const OUTPUT = join(ROOT, '.output');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
const archive = (suffix: string): string => join(OUTPUT, `${pkg.name}-${pkg.version}-${suffix}.zip`);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const run = (args: string[], cwd = ROOT): string =>
  execFileSync(npm, args, {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, CI: 'true' },
  });

const files = new Map<string, Record<string, Uint8Array>>();
const temp = mkdtempSync(join(tmpdir(), 'kamiguard-packages-'));

before(() => {
  run(['run', 'zip']);
  run(['run', 'zip:firefox']);
  for (const suffix of ['chrome', 'firefox', 'sources']) files.set(suffix, unzipSync(readFileSync(archive(suffix))));
});
after(() => rmSync(temp, { recursive: true, force: true }));

const text = (entries: Record<string, Uint8Array>, name: string): string => {
  const bytes = entries[name];
  assert.ok(bytes, `${name} is in the archive`);
  return new TextDecoder().decode(bytes);
};

for (const browser of ['chrome', 'firefox'] as const) {
  test(`the ${browser} archive is store-ready`, () => {
    const entries = files.get(browser)!;
    const names = Object.keys(entries);
    const manifest = JSON.parse(text(entries, 'manifest.json')) as {
      manifest_version: number;
      name: string;
      version: string;
      default_locale: string;
      icons?: Record<string, string>;
      background?: { service_worker?: string; scripts?: string[] };
    };
    assert.equal(manifest.manifest_version, browser === 'chrome' ? 3 : 2);
    assert.equal(manifest.version, pkg.version);
    assert.equal(manifest.name, '__MSG_extName__');
    assert.equal(manifest.default_locale, 'zh_CN');
    for (const locale of ['zh_CN', 'en']) {
      const messages = JSON.parse(text(entries, `_locales/${locale}/messages.json`)) as Record<string, unknown>;
      assert.ok(messages.extName && messages.extDescription, `${locale} names and describes the extension`);
    }
    for (const size of ['16', '32', '48', '128']) {
      assert.equal(manifest.icons?.[size], `icon/${size}.png`, `manifest lists the ${size}px icon`);
      const png = entries[`icon/${size}.png`];
      assert.ok(png && png[0] === 0x89 && png[1] === 0x50, `icon/${size}.png is a PNG`);
    }
    const background = manifest.background?.service_worker ?? manifest.background?.scripts?.[0];
    assert.ok(background && entries[background], 'the background script is packed');
    assert.deepEqual(
      names.filter((n) => n.endsWith('.map')),
      [],
      'no source maps',
    );
    assert.deepEqual(
      names.filter((n) => /(^|\/)(tests?|fixtures|demo-shop|bench)\//.test(n) || /\.test\.|\.spec\./.test(n)),
      [],
      'no test files',
    );
    const scripts = names.filter((n) => n.endsWith('.js') || n.endsWith('.html'));
    for (const name of scripts) {
      const source = text(entries, name);
      // The bench build's hooks (lib/background/bench-hooks.ts) and the tests' time scale exist only in test builds.
      assert.ok(!source.includes('__kamiguardBench'), `${name} carries no bench hooks`);
      // Nor the e2e fault layer (lib/db/fault-hooks.ts, `--mode faults` builds only).
      assert.ok(!source.includes('__kamiguardFaults'), `${name} carries no fault hooks`);
      assert.ok(!source.includes('sourceMappingURL'), `${name} points at no source map`);
    }
  });
}

test('web-ext lint finds no errors in the Firefox archive', () => {
  const dir = join(temp, 'firefox');
  for (const [name, bytes] of Object.entries(files.get('firefox')!)) {
    if (name.endsWith('/')) continue;
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), bytes);
  }
  let out: string;
  try {
    out = execFileSync(
      process.execPath,
      [
        join(ROOT, 'node_modules/web-ext/bin/web-ext.js'),
        'lint',
        '--source-dir',
        dir,
        '--output',
        'json',
        '--no-input',
      ],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    );
  } catch (err) {
    // web-ext exits non-zero when it finds errors; its JSON report is still on stdout.
    out = String((err as { stdout?: string }).stdout ?? '');
  }
  const report = JSON.parse(out.slice(out.indexOf('{'))) as {
    errors: { code: string; message: string; file?: string }[];
    summary: { errors: number; warnings: number };
  };
  assert.deepEqual(
    report.errors.map((e) => `${e.code} ${e.file ?? ''}: ${e.message}`),
    [],
    'web-ext lint errors',
  );
});

test('the Firefox source archive builds the same add-on', () => {
  const entries = files.get('sources')!;
  const names = Object.keys(entries);
  for (const needed of ['package.json', 'package-lock.json', 'wxt.config.ts', 'tsconfig.json', 'README.md'])
    assert.ok(entries[needed], `${needed} is in the source archive`);
  assert.deepEqual(
    names.filter((n) => n.startsWith('node_modules/') || n.startsWith('.output/') || n.startsWith('tests/')),
    [],
    'no installed packages, build output or tests in the source archive',
  );
  const dir = join(temp, 'sources');
  for (const [name, bytes] of Object.entries(entries)) {
    if (name.endsWith('/')) continue;
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), bytes);
  }
  // What a reviewer does: install exactly the locked packages and build.
  run(['ci', '--no-audit', '--no-fund', '--prefer-offline', '--ignore-scripts'], dir);
  execFileSync(process.execPath, [join(dir, 'node_modules/wxt/bin/wxt.mjs'), 'prepare'], { cwd: dir, stdio: 'pipe' });
  execFileSync(process.execPath, [join(dir, 'node_modules/wxt/bin/wxt.mjs'), 'build', '-b', 'firefox'], {
    cwd: dir,
    stdio: 'pipe',
  });
  const rebuilt = join(dir, '.output/firefox-mv2');
  const listing = (root: string, sub = ''): string[] =>
    readdirSync(join(root, sub), { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? listing(root, join(sub, e.name)) : [join(sub, e.name)],
    );
  const packed = files.get('firefox')!;
  const rebuiltFiles = listing(rebuilt).sort();
  assert.deepEqual(
    rebuiltFiles,
    Object.keys(packed)
      .filter((n) => !n.endsWith('/'))
      .sort(),
    'same files',
  );
  for (const name of rebuiltFiles)
    assert.ok(Buffer.from(packed[name]!).equals(readFileSync(join(rebuilt, name))), `${name} is byte-identical`);
});
