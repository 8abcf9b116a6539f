/**
 * A CSV writer for files people open in Excel or WPS: RFC 4180 quoting (a field with a comma, a double quote or a
 * line break is quoted, quotes inside doubled; lines end in CRLF), and text cells that a spreadsheet would run as a
 * formula (starting with = + - @, a tab or a carriage return) neutralised with a leading apostrophe, as OWASP
 * advises: a shop's name is page text, and "=HYPERLINK(…)" in it must stay text. Numbers are written as numbers.
 */

/** One cell: text is neutralised and quoted as needed; numbers are written as they are (NaN and ∞ as empty). */
export type CsvCell = string | number | undefined | null;

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** One cell as CSV text. */
export function csvCell(value: CsvCell): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) || text !== text.trim() ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * Rows as a CSV document, each line ended by CRLF. `bom` puts a UTF-8 byte order mark first, which Excel needs to
 * read Chinese text as UTF-8 rather than the system code page.
 */
export function toCsv(rows: readonly (readonly CsvCell[])[], { bom = false }: { bom?: boolean } = {}): string {
  const body = rows.map((row) => row.map(csvCell).join(',')).join('\r\n');
  return `${bom ? '\uFEFF' : ''}${body}${rows.length ? '\r\n' : ''}`;
}
