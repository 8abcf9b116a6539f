import { createRequire } from 'node:module';
import { defineConfig } from 'wxt';
import { WEBP_WASM } from './lib/evidence/webp-wasm-file';

const require = createRequire(import.meta.url);

// See https://wxt.dev/api/config.html
export default defineConfig({
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'zh_CN',
    // <all_urls>: shop pages live on any domain, and tabs.captureVisibleTab requires it.
    host_permissions: ['<all_urls>'],
    permissions: [
      'storage',
      'unlimitedStorage',
      'alarms',
      'notifications',
      'scripting',
      'webNavigation',
      'clipboardWrite',
      'contextMenus',
      // Chromium only (filtered out below): its service worker has no DOM to parse re-read order pages in
      // (lib/watch/dom.ts); the Firefox event page has one.
      'offscreen',
    ].filter((permission) => browser !== 'firefox' || permission !== 'offscreen'),
    action: { default_title: '__MSG_extName__' },
    // 'wasm-unsafe-eval' lets extension pages compile WebAssembly (the lossless WebP encoder for screenshots,
    // lib/evidence/webp-wasm.ts); scripts still come only from the extension itself.
    content_security_policy: { extension_pages: "script-src 'self' 'wasm-unsafe-eval'; object-src 'self';" },
    // Firefox asks every add-on what it collects: nothing about the buyer leaves this computer (a trusted timestamp, on
    // the buyer's click, sends one hash to the authority they chose: README, "Trusted timestamps").
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              // A fixed ID keeps the extension's storage (its IndexedDB) across reinstalls and updates.
              id: 'kamiguard@kamiguard',
              // The data collection permissions key needs 140 (the current ESR); 'wasm-unsafe-eval' needs 102.
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
    commands: {
      // lib/background/manual-capture.ts CAPTURE_COMMAND
      'capture-evidence': {
        suggested_key: { default: 'Alt+Shift+K' },
        description: '__MSG_command_capture__',
      },
    },
  }),
  zip: {
    // The add-on store's source archive: what a reviewer needs to rebuild the add-on (tests/e2e/packages.test.ts
    // rebuilds it), without the tests and their fixture pages.
    excludeSources: ['tests/**', 'test-results/**', 'stats.html'],
  },
  vite: () => ({
    plugins: [
      {
        // V8's explicit compile hint (Chrome 136+; other engines read a comment): compile every function of the page
        // scripts while compiling the script, instead of pre-parsing each one and parsing it again on its first call.
        // Chrome keeps no code cache for injected scripts, so every page pays the compile; these run nearly all their
        // functions at once. A/B on the demo shop: the checkout script on its buy page, median 6.8 vs 8.0 ms (issue 14);
        // the snapshot sender on its order page, 4.8 vs 6.8 ms wall, 4.1 vs 5.0 ms CPU (issue 11). (The extractor had it
        // while it ran on every shop page; it now reads only pages a snapshot cannot carry.)
        name: 'kamiguard:compile-hint',
        // After WXT's own generateBundle, which strips the IIFE's name from the very start of the file.
        enforce: 'post',
        generateBundle(_options: unknown, bundle: Record<string, { type: string; fileName: string; code?: string }>) {
          for (const chunk of Object.values(bundle))
            if (chunk.type === 'chunk' && /^(checkout|checkout-in-tab|page-snapshot)\.js$/.test(chunk.fileName))
              chunk.code = `//# allFunctionsCalledOnLoad\n${chunk.code}`;
        },
      },
      {
        // The WebP encoder (lib/evidence/webp-wasm.ts) is handed its compiled module, so the Emscripten glue never
        // loads the .wasm itself; left alone, its `new URL(..., import.meta.url)` makes the background build (a
        // library build, which inlines every asset) carry the 345 KB file again as 460 KB of base64.
        name: 'kamiguard:webp-wasm-url',
        enforce: 'pre',
        transform(code: string, id: string) {
          if (!id.split('?')[0]!.endsWith('@jsquash/webp/codec/enc/webp_enc_simd.js')) return undefined;
          const reference = `new URL("${WEBP_WASM}",import.meta.url).href`;
          if (!code.includes(reference)) throw new Error(`${id}: the .wasm reference to neutralise has changed`);
          return code.replaceAll(reference, JSON.stringify(WEBP_WASM));
        },
      },
    ],
  }),
  hooks: {
    'build:publicAssets': (_wxt, files) => {
      files.push({ absoluteSrc: require.resolve(`@jsquash/webp/codec/enc/${WEBP_WASM}`), relativeDest: WEBP_WASM });
    },
    'build:manifestGenerated': (wxt, manifest) => {
      // Firefox: an event page, not a persistent background page — like Chromium's service worker it may be stopped
      // when idle, and everything it needs lives in the database and in alarms (tests/e2e/firefox.test.ts restarts it).
      if (wxt.config.browser === 'firefox' && manifest.background && 'scripts' in manifest.background)
        manifest.background.persistent = false;
    },
  },
});
