/**
 * The permissions the manifest asks for, grouped as the README's "Permissions and why" table groups them, each with
 * the i18n key of its explanation in the buyer's words. tests/unit/readme-permissions.test.ts checks this list
 * against wxt.config.ts, so a permission added there must be explained here too.
 */
export const ONBOARDING_PERMISSIONS: readonly { ids: readonly string[]; key: string }[] = [
  { ids: ['<all_urls>'], key: 'onboarding_perm_all_urls' },
  { ids: ['scripting'], key: 'onboarding_perm_scripting' },
  { ids: ['webNavigation'], key: 'onboarding_perm_web_navigation' },
  { ids: ['storage', 'unlimitedStorage'], key: 'onboarding_perm_storage' },
  { ids: ['alarms', 'notifications'], key: 'onboarding_perm_reminders' },
  { ids: ['contextMenus'], key: 'onboarding_perm_context_menus' },
  { ids: ['clipboardWrite'], key: 'onboarding_perm_clipboard' },
  { ids: ['offscreen'], key: 'onboarding_perm_offscreen' },
];
