import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from '@/lib/csv';

/** A minimal RFC 4180 reader, to check that what the writer quotes reads back as the same cells. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  return rows;
}

describe('csvCell', () => {
  it('leaves plain text and numbers alone', () => {
    expect(csvCell('shop.example.com')).toBe('shop.example.com');
    expect(csvCell('卡密小店')).toBe('卡密小店');
    expect(csvCell(42)).toBe('42');
    expect(csvCell(-3.5)).toBe('-3.5');
    expect(csvCell(0)).toBe('0');
  });

  it('quotes commas, quotes and line breaks, doubling the quotes inside', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('line1\nline2')).toBe('"line1\nline2"');
    expect(csvCell('line1\r\nline2')).toBe('"line1\r\nline2"');
    expect(csvCell(' padded ')).toBe('" padded "');
  });

  it('neutralises text a spreadsheet would run as a formula', () => {
    expect(csvCell('=HYPERLINK("http://evil.example","点我")')).toBe(`"'=HYPERLINK(""http://evil.example"",""点我"")"`);
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tcmd')).toBe("'\tcmd");
    expect(csvCell('\r=1')).toBe(`"'\r=1"`);
    // Only the start counts.
    expect(csvCell('a=b')).toBe('a=b');
  });

  it('writes missing values and non-finite numbers as empty cells', () => {
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(null)).toBe('');
    expect(csvCell(Number.NaN)).toBe('');
    expect(csvCell(Infinity)).toBe('');
    expect(csvCell('')).toBe('');
  });
});

describe('toCsv', () => {
  it('ends every line with CRLF and reads back as the same cells', () => {
    const rows = [
      ['商店', '订单', '备注'],
      ['a.example', 3, 'x, "y"\nz'],
      ['=cmd', -1, ''],
    ];
    const text = toCsv(rows);
    expect(text).toBe('商店,订单,备注\r\na.example,3,"x, ""y""\nz"\r\n\'=cmd,-1,\r\n');
    expect(parseCsv(text)).toEqual([
      ['商店', '订单', '备注'],
      ['a.example', '3', 'x, "y"\nz'],
      ["'=cmd", '-1', ''],
    ]);
  });

  it('puts a byte order mark first when asked (Excel reads UTF-8 by it), and writes nothing for no rows', () => {
    expect(toCsv([['a']], { bom: true })).toBe('\uFEFFa\r\n');
    expect(toCsv([])).toBe('');
  });
});
