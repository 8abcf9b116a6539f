/** Trusted timestamps: the authority list, the check of a custom address, the stored settings, the failure messages. */
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_TIMESTAMP_SETTINGS,
  TIMESTAMP_AUTHORITIES,
  TIMESTAMP_ERROR_CODES,
  TIMESTAMP_SETTINGS_KEY,
  authorityOf,
  checkAuthorityUrl,
  describeTimestampFailure,
  loadTimestampSettings,
  saveTimestampSettings,
} from '@/lib/evidence/timestamp';
import { freshDb } from './fresh-db';

describe('checkAuthorityUrl', () => {
  it.each([
    ['https://freetsa.org/tsr', 'https://freetsa.org/tsr'],
    ['  http://timestamp.digicert.com  ', 'http://timestamp.digicert.com/'],
    ['http://127.0.0.1:8318/tsa?profile=1#part', 'http://127.0.0.1:8318/tsa?profile=1'],
  ])('accepts %j as %s', (text, url) => {
    expect(checkAuthorityUrl(text)).toEqual({ ok: true, url });
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['timestamp.digicert.com', 'not_url'],
    ['ftp://tsa.example.com/', 'scheme'],
    ['javascript:alert(1)', 'scheme'],
    ['file:///etc/passwd', 'scheme'],
    ['https://user:secret@tsa.example.com/', 'credentials'],
    ['https://user@tsa.example.com/', 'credentials'],
    [`https://tsa.example.com/${'a'.repeat(2100)}`, 'too_long'],
  ])('refuses %j (%s)', (text, problem) => {
    expect(checkAuthorityUrl(text)).toEqual({ ok: false, problem });
  });

  it('lists only preset addresses it would accept itself, each with a distinct id', () => {
    expect(new Set(TIMESTAMP_AUTHORITIES.map((a) => a.id)).size).toBe(TIMESTAMP_AUTHORITIES.length);
    for (const a of TIMESTAMP_AUTHORITIES) expect(checkAuthorityUrl(a.url).ok).toBe(true);
  });
});

describe('timestamp settings', () => {
  it('default to the first preset, no custom address, and no automatic stamps', async () => {
    const db = freshDb();
    expect(await loadTimestampSettings(db)).toEqual(DEFAULT_TIMESTAMP_SETTINGS);
    expect(DEFAULT_TIMESTAMP_SETTINGS.autoOnStatusChange).toBe(false);
    expect(authorityOf(DEFAULT_TIMESTAMP_SETTINGS)).toEqual({
      name: TIMESTAMP_AUTHORITIES[0]!.name,
      url: TIMESTAMP_AUTHORITIES[0]!.url,
    });
  });

  it('round-trip, and fall back field by field on a malformed stored value (a hand-edited backup)', async () => {
    const db = freshDb();
    const chosen = { authority: 'custom' as const, customUrl: 'https://tsa.example.com/', autoOnStatusChange: true };
    await saveTimestampSettings(db, chosen);
    expect(await loadTimestampSettings(db)).toEqual(chosen);
    await db.kv.put({
      key: TIMESTAMP_SETTINGS_KEY,
      value: { authority: 'evil', customUrl: 42, autoOnStatusChange: 'yes' },
    });
    expect(await loadTimestampSettings(db)).toEqual(DEFAULT_TIMESTAMP_SETTINGS);
  });

  it('a custom choice whose address does not pass the check has no authority (nothing can be sent)', () => {
    expect(authorityOf({ authority: 'custom', customUrl: 'ftp://x', autoOnStatusChange: false })).toBeUndefined();
    expect(
      authorityOf({ authority: 'custom', customUrl: 'https://tsa.example.com/tsr', autoOnStatusChange: false }),
    ).toEqual({ name: 'tsa.example.com', url: 'https://tsa.example.com/tsr' });
  });
});

describe('describeTimestampFailure', () => {
  it('has words for every code in both languages, with the detail after them', () => {
    for (const code of TIMESTAMP_ERROR_CODES) {
      expect(describeTimestampFailure(code, undefined, 'zh_CN')).toMatch(/[\u4e00-\u9fff]/);
      expect(describeTimestampFailure(code, undefined, 'en')).toMatch(/^[\x20-\x7e’“”]+$/);
    }
    expect(describeTimestampFailure('http', 'HTTP 503', 'zh_CN')).toMatch(/（HTTP 503）$/);
    expect(describeTimestampFailure('http', 'HTTP 503', 'en')).toMatch(/ \(HTTP 503\)$/);
    expect(describeTimestampFailure('rejected', 'x'.repeat(5000), 'en').length).toBeLessThan(400);
  });
});
