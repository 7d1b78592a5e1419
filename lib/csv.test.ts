import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { shanghaiInstant } from '@/lib/domain/time';
import { CSV_BOM, csvDocument, csvRecords } from './csv';

/** The file as a separate parser reads it: csv-parse, strict about quotes and record lengths. */
const readBack = (doc: string): string[][] => parse(doc, { bom: true }) as string[][];

describe('csv', () => {
  it('leaves plain fields and numbers as they are', () => {
    expect(csvRecords([['音乐俱乐部', 1234, -5, 0.5]])).toBe('音乐俱乐部,1234,-5,0.5\r\n');
  });

  it('writes nothing for a missing value', () => {
    expect(csvRecords([['a', null, undefined, 'b']])).toBe('a,,,b\r\n');
  });

  it('quotes commas, quotes and line breaks as RFC 4180 says, doubling quotes', () => {
    expect(csvRecords([['广州,深圳', 'the "best" salon', 'line one\nline two', 'a\r\nb']])).toBe(
      '"广州,深圳","the ""best"" salon","line one\nline two","a\r\nb"\r\n',
    );
  });

  it('keeps text that a spreadsheet would run as a formula as text', () => {
    expect(csvRecords([['=HYPERLINK("x")', '+86', '@home']])).toBe('"\'=HYPERLINK(""x"")",\'+86,\'@home\r\n');
  });

  it('writes digit strings (mobiles, IMEIs, codes) as text a spreadsheet will not turn into 1.38E+10', () => {
    const doc = csvDocument(['手机号', '邮编', '次数'], [['13800138000', '010020', 3], ['138****8000', '', 0]]);
    const [, first, second] = readBack(doc);
    expect(first).toEqual(['="13800138000"', '="010020"', '3']);
    expect(second).toEqual(['138****8000', '', '0']);
  });

  it('writes instants as Beijing wall time in one format', () => {
    const at = new Date(shanghaiInstant(2026, 12, 31, 23, 5));
    expect(csvRecords([[at]])).toBe('2026-12-31 23:05\r\n');
  });

  it('starts a document with the BOM, then the header, one CRLF-ended line per row', () => {
    const doc = csvDocument(['俱乐部', '报名'], [['音乐俱乐部', 12], ['影视,俱乐部', 3]]);
    expect(doc.startsWith(CSV_BOM)).toBe(true);
    expect(new TextEncoder().encode(doc).slice(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
    expect(doc.slice(1)).toBe('俱乐部,报名\r\n音乐俱乐部,12\r\n"影视,俱乐部",3\r\n');
    expect(readBack(doc)).toEqual([['俱乐部', '报名'], ['音乐俱乐部', '12'], ['影视,俱乐部', '3']]);
  });

  it('writes an empty chunk as nothing', () => {
    expect(csvRecords([])).toBe('');
  });
});
