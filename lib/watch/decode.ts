/**
 * Fetched bytes to text the way a browser would read them: many Chinese shops still serve GBK / GB2312, and
 * `Response.text()` would decode everything as UTF-8. The evidence keeps the bytes as served; this is only for reading.
 */

/** How far into the page a `<meta charset>` is looked for (the HTML standard's prescan looks at 1024 bytes). */
const PRESCAN_BYTES = 1024;

/** The charset named by a Content-Type header, or undefined. */
export function charsetOfContentType(contentType: string | null | undefined): string | undefined {
  const m = /;\s*charset\s*=\s*"?([A-Za-z0-9._:-]{1,40})"?/i.exec(contentType ?? '');
  return m?.[1]?.toLowerCase();
}

/** The charset a page declares in its first bytes (`<meta charset=…>` or the http-equiv form), or undefined. */
export function charsetOfMeta(bytes: Uint8Array): string | undefined {
  // The bytes before any non-ASCII character decide; latin1 keeps them one byte per character.
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, PRESCAN_BYTES));
  const m = /<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]{1,40})/i.exec(head);
  return m?.[1]?.toLowerCase();
}

/** A decoder for `label`, or undefined when the platform does not know it. */
function decoderFor(label: string | undefined): TextDecoder | undefined {
  if (!label) return undefined;
  try {
    return new TextDecoder(label);
  } catch {
    return undefined;
  }
}

/**
 * Decodes a fetched body: a byte-order mark wins, then the Content-Type charset, then the page's `<meta>`, then UTF-8.
 * JSON is always UTF-8. Never throws: undecodable bytes become U+FFFD.
 */
export function decodeBody(bytes: Uint8Array, contentType: string | null | undefined): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder('utf-8').decode(bytes);
  const json = /\bjson\b/i.test(contentType ?? '');
  const decoder =
    (json ? undefined : (decoderFor(charsetOfContentType(contentType)) ?? decoderFor(charsetOfMeta(bytes)))) ??
    new TextDecoder('utf-8');
  return decoder.decode(bytes);
}
