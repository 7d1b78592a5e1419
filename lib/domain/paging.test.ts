import { describe, expect, it } from 'vitest';
import { MAX_PAGE, pageNumber } from './paging';

describe('pageNumber', () => {
  it('takes whole page numbers from the URL', () => {
    expect(pageNumber('1')).toBe(1);
    expect(pageNumber('7')).toBe(7);
    expect(pageNumber(' 12 ')).toBe(12);
    expect(pageNumber(String(MAX_PAGE))).toBe(MAX_PAGE);
    expect(pageNumber(3)).toBe(3);
  });

  it('falls back to page 1 for anything that is not a page', () => {
    for (const raw of ['1e309', '1e3', 'Infinity', '-1', '0', '2.5', 'abc', '', '0x10', '99999999999999999999', String(MAX_PAGE + 1), undefined, null, ['2', '3'], Infinity, NaN, -4, 1.5]) {
      expect(pageNumber(raw), String(raw)).toBe(1);
    }
  });
});
