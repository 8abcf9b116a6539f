/**
 * Turning page text into safe draft text. Everything that reaches a draft from a shop page (product names, status
 * texts, the buyer's own contact) is treated as hostile: it stays plain text (drafts are never rendered as markup,
 * so `<script>` stays literal), loses control and direction-override characters, and is capped so a 100 KB
 * "product name" cannot crowd out the facts.
 */

// Control characters (C0, DEL, C1) and line/paragraph separators become spaces: every fact is one line.
// oxlint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_RE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;
/** Zero-width and bidi-override characters: invisible, and able to make "¥29.90" read as "09.92¥". */
const INVISIBLE_RE = /[\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;
const LONE_SURROGATE_RE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
/** Values a broken extractor or a page prints for "nothing": treated as missing, never printed. */
const EMPTY_WORDS = new Set(['undefined', 'null', 'nan', '-', '--', '/', 'n/a', '无', '暂无']);
/**
 * Characters that belong to one token (number, time, hash, Latin word, masked key): a cut never falls between two
 * of them. CJK is left out on purpose: Chinese may be cut between any two characters.
 */
const TOKEN_CHAR_RE = /[\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}\p{Nd}._:@+\-¥$%*#]/u;
/** Openers and separators that must not be left dangling before a cut. */
const DANGLING_TAIL_RE = /[\s,，、;；:：(（[【「“"'‘\-—·]+$/u;

/**
 * Cuts `text` to at most `max` UTF-16 code units, ending in `…`. The cut never splits a surrogate pair and never
 * falls inside a number or word (a half order number is worse than none), unless the text is a single token up to
 * the cut, which only hostile text is.
 */
export function truncateSafe(text: string, max: number, ellipsis = '…'): string {
  if (text.length <= max) return text;
  if (max <= ellipsis.length) return ellipsis.slice(0, Math.max(0, max));
  let cut = max - ellipsis.length;
  const isHigh = (i: number): boolean => /[\ud800-\udbff]/.test(text[i] ?? '');
  if (isHigh(cut - 1)) cut--;
  let safe = cut;
  while (safe > 0 && TOKEN_CHAR_RE.test(text[safe - 1] ?? '') && TOKEN_CHAR_RE.test(text[safe] ?? '')) safe--;
  // Text that is one token up to the cut (a 100 KB run of digits) is hostile filler: cut it where it is.
  if (safe === 0) safe = cut;
  const head = text.slice(0, safe).replace(DANGLING_TAIL_RE, '');
  return head ? `${head}${ellipsis}` : ellipsis;
}

/**
 * Cleans one piece of page text for a draft: one line, no control or invisible characters, capped at `max`.
 * Returns undefined for non-strings and for values that mean "nothing" ('', '-', 'null' ...), so callers leave the
 * fact out cleanly.
 */
export function cleanText(value: unknown, max: number): string | undefined {
  if (typeof value !== 'string') return undefined;
  // Bound the work on huge strings first; the cap below decides the final length.
  const raw = value.length > max * 4 + 64 ? value.slice(0, max * 4 + 64) : value;
  const text = raw
    .replace(LONE_SURROGATE_RE, '')
    .replace(CONTROL_RE, ' ')
    .replace(INVISIBLE_RE, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (!text || EMPTY_WORDS.has(text.toLowerCase())) return undefined;
  return truncateSafe(text, max);
}

/**
 * Masks a card key except its last 4 characters (at most 8 stars, so a long key does not fill the line). The draft
 * may be pasted into a public 黑猫 complaint; the last 4 characters are enough for the shop to find the key.
 */
export function maskKey(key: string): string | undefined {
  const clean = cleanText(key, 512);
  if (!clean) return undefined;
  const chars = [...clean.replace(/\s/g, '')];
  if (chars.length <= 4) return '****';
  return `${'*'.repeat(Math.min(chars.length - 4, 8))}${chars.slice(-4).join('')}`;
}

/**
 * Masks the buyer's recipient account for public channels (黑猫 complaints are published): an e-mail keeps the first
 * 2 characters of its name and the domain, a phone number keeps 3 + 4 digits as Chinese sites do, anything else keeps
 * about a quarter at each end.
 */
export function maskContact(contact: string): string | undefined {
  const clean = cleanText(contact, 256);
  if (!clean) return undefined;
  const email = /^([^@\s]+)@([^@\s]+)$/.exec(clean);
  if (email) {
    const [, name = '', domain = ''] = email;
    return `${name.slice(0, 2)}****@${domain}`;
  }
  if (/^1\d{10}$/.test(clean)) return `${clean.slice(0, 3)}****${clean.slice(-4)}`;
  const chars = [...clean];
  if (chars.length <= 4) return '****';
  const keep = Math.min(4, Math.ceil(chars.length / 4));
  return `${chars.slice(0, keep).join('')}****${chars.slice(-keep).join('')}`;
}
