/**
 * The slice of the extension API the reminder logic uses. A structural type rather than WXT's `Browser` so that the
 * real `browser`, WXT's `fakeBrowser` and a hand-made stub all fit, and so message keys need not be registered in
 * WXT's generated i18n types before the lead adds them to public/_locales.
 */

/** Badge methods shared by `action` (MV3) and `browserAction` (Firefox MV2). */
export interface BadgeApi {
  setBadgeText(details: { text: string }): Promise<void> | void;
  setBadgeBackgroundColor(details: { color: string }): Promise<void> | void;
}

/** Options we pass to `notifications.create`. */
export interface ReminderNotificationOptions {
  type: 'basic';
  iconUrl: string;
  title: string;
  message: string;
  /** Chrome only; Firefox rejects the property (we retry without it). */
  buttons?: { title: string }[];
}

/** What lib/reminders needs from `browser`. */
export interface ReminderBrowser {
  alarms: {
    create(name: string, info: { when?: number }): Promise<void> | void;
    clear(name: string): Promise<boolean>;
    getAll(): Promise<{ name: string; scheduledTime: number }[]>;
  };
  notifications: {
    create(notificationId: string, options: ReminderNotificationOptions): Promise<string>;
    clear(notificationId: string): Promise<boolean>;
  };
  action?: BadgeApi;
  browserAction?: BadgeApi;
  i18n: {
    getMessage(messageName: string, substitutions?: string | string[]): string;
    getUILanguage?(): string;
  };
}
