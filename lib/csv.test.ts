import { describe, expect, it } from 'vitest';
import { CSV_BOM, csvDocument, csvField, csvLine } from './csv';

describe('csv', () => {
  it('leaves plain fields and numbers as they are', () => {
    expect(csvField('音乐俱乐部')).toBe('音乐俱乐部');
    expect(csvField(1234)).toBe('1234');
    expect(csvField(-5)).toBe('-5');
    expect(csvField(0.5)).toBe('0.5');
  });

  it('writes nothing for a missing value', () => {
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
    expect(csvLine(['a', null, 'b'])).toBe('a,,b\r\n');
  });

  it('quotes commas, quotes and line breaks, doubling quotes', () => {
    expect(csvField('广州,深圳')).toBe('"广州,深圳"');
    expect(csvField('the "best" salon')).toBe('"the ""best"" salon"');
    expect(csvField('line one\nline two')).toBe('"line one\nline two"');
    expect(csvField('a\r\nb')).toBe('"a\r\nb"');
  });

  it('keeps text that a spreadsheet would run as a formula as text', () => {
    expect(csvField('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvField('+86')).toBe("'+86");
    expect(csvField('@home')).toBe("'@home");
  });

  it('ends every line with CRLF', () => {
    expect(csvLine(['a', 1, 'b'])).toBe('a,1,b\r\n');
  });

  it('starts a document with the BOM, then the header, one line per row', () => {
    const doc = csvDocument(['俱乐部', '报名'], [['音乐俱乐部', 12], ['影视,俱乐部', 3]]);
    expect(doc.startsWith(CSV_BOM)).toBe(true);
    expect(doc.charCodeAt(0)).toBe(0xfeff);
    expect(doc.slice(1)).toBe('俱乐部,报名\r\n音乐俱乐部,12\r\n"影视,俱乐部",3\r\n');
    expect(new TextEncoder().encode(doc).slice(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
  });
});
