import { defineConfig } from 'wxt';

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
    ],
    action: { default_title: '__MSG_extName__' },
    // Firefox asks every add-on what it collects: nothing leaves this computer.
    ...(browser === 'firefox'
      ? { browser_specific_settings: { gecko: { data_collection_permissions: { required: ['none'] } } } }
      : {}),
    commands: {
      // lib/background/manual-capture.ts CAPTURE_COMMAND
      'capture-evidence': {
        suggested_key: { default: 'Alt+Shift+K' },
        description: '__MSG_command_capture__',
      },
    },
  }),
  hooks: {
    // The probe (entrypoints/probe.ts) is an unlisted script declared here by hand: WXT's own content-script wrapper
    // would cost every page on the web more than the whole probe does.
    'build:manifestGenerated': (_wxt, manifest) => {
      manifest.content_scripts ??= [];
      manifest.content_scripts.push({
        matches: ['http://*/*', 'https://*/*'],
        js: ['probe.js'],
        run_at: 'document_idle',
      });
    },
  },
});
