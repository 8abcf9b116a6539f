/**
 * The timestamp authorities the buyer can choose from, and the check of a custom address. Data only: each authority's
 * note (free or not, limits, standing in China) is a UI string, `tsa_note_<id>` in public/_locales. Nothing here was
 * checked against the live services (no network where this was written): the notes say which facts are unverified.
 */

/** A public RFC 3161 service offered in the options. */
export interface TimestampAuthority {
  /** Stable id, stored in the settings; `tsa_note_<id>` is its note. */
  id: 'digicert' | 'sectigo' | 'globalsign' | 'freetsa';
  /** The name shown (the company or project). */
  name: string;
  /** Where the TimeStampReq is POSTed. */
  url: string;
}

/**
 * Free, public services that need no account. The first is the default. Their addresses are the ones the operators
 * publish for RFC 3161 (code-signing tools use the same); plain http is what most of them serve, and is enough here:
 * the request carries only a hash, and the answer is signed, so it is checked rather than trusted.
 */
export const TIMESTAMP_AUTHORITIES: readonly TimestampAuthority[] = [
  { id: 'digicert', name: 'DigiCert', url: 'http://timestamp.digicert.com' },
  { id: 'sectigo', name: 'Sectigo', url: 'http://timestamp.sectigo.com' },
  { id: 'globalsign', name: 'GlobalSign', url: 'http://timestamp.globalsign.com/tsa/r6advanced1' },
  { id: 'freetsa', name: 'FreeTSA', url: 'https://freetsa.org/tsr' },
];

export type AuthorityChoice = TimestampAuthority['id'] | 'custom';

/** Longest custom address accepted (a real one is a few dozen characters). */
export const MAX_AUTHORITY_URL = 2048;

/** Why a custom address was refused (each has an `options_tsa_url_<reason>` message). */
export type AuthorityUrlProblem = 'empty' | 'not_url' | 'scheme' | 'credentials' | 'too_long';

/**
 * Checks an address typed by the buyer: an absolute http(s) URL with a host, no user name or password (they would be
 * sent to the authority in the clear and stored in backups), at most 2,048 characters. Returns the normalised URL
 * (without a #fragment, which is never sent anyway).
 */
export function checkAuthorityUrl(
  text: string,
): { ok: true; url: string } | { ok: false; problem: AuthorityUrlProblem } {
  const trimmed = text.trim();
  if (!trimmed) return { ok: false, problem: 'empty' };
  if (trimmed.length > MAX_AUTHORITY_URL) return { ok: false, problem: 'too_long' };
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return { ok: false, problem: 'not_url' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, problem: 'scheme' };
  if (!url.hostname) return { ok: false, problem: 'not_url' };
  if (url.username || url.password) return { ok: false, problem: 'credentials' };
  url.hash = '';
  return { ok: true, url: url.href };
}

/** The preset authority with this id, if any. */
export function presetAuthority(id: string): TimestampAuthority | undefined {
  return TIMESTAMP_AUTHORITIES.find((a) => a.id === id);
}
