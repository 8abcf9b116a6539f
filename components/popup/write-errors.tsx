import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { WRITE_ERRORS_KEY, type WriteErrorNotice } from '@/lib/background/write-errors';
import { t } from '@/lib/i18n';

/**
 * What the background could not save (a full disk, a failed write), naming each item, until the user has seen it.
 * The notices live in `storage.session`, which still takes them when the disk is full.
 */
export function WriteErrors(): React.JSX.Element | null {
  const [notices, setNotices] = useState<WriteErrorNotice[]>([]);
  useEffect(() => {
    const read = (value: unknown): void => setNotices(Array.isArray(value) ? (value as WriteErrorNotice[]) : []);
    void browser.storage.session.get(WRITE_ERRORS_KEY).then((items) => read(items[WRITE_ERRORS_KEY]));
    const onChanged = (changes: Record<string, { newValue?: unknown }>, area: string): void => {
      if (area === 'session' && WRITE_ERRORS_KEY in changes) read(changes[WRITE_ERRORS_KEY]!.newValue);
    };
    browser.storage.onChanged.addListener(onChanged);
    return () => browser.storage.onChanged.removeListener(onChanged);
  }, []);
  if (!notices.length) return null;
  return (
    <div className="note error" role="alert" data-testid="write-errors">
      {notices.map((n) => (
        <p key={`${n.at}:${n.message}`}>{n.message}</p>
      ))}
      <button type="button" className="link" onClick={() => void browser.storage.session.remove(WRITE_ERRORS_KEY)}>
        {t('dismiss')}
      </button>
    </div>
  );
}
