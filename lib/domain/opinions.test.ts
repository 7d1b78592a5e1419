import { describe, expect, it } from 'vitest';
import { defaultOpinionDays, opinionPages, OPINIONS_PAGE_SIZE } from './opinions';

describe('opinions view', () => {
  it('covers the last 90 Beijing days when no days are chosen', () => {
    // 2027-03-31 23:30 in Beijing is already the 31st there, still the 31st in UTC 15:30.
    expect(defaultOpinionDays(Date.UTC(2027, 2, 31, 15, 30))).toEqual({ from: '2027-01-01', to: '2027-03-31' });
    // 00:30 in Beijing on 1 April is 31 March in UTC: the view ends on Beijing's day.
    expect(defaultOpinionDays(Date.UTC(2027, 2, 31, 16, 30)).to).toBe('2027-04-01');
  });

  it('pages the rows, keeping a page asked for within those there are', () => {
    expect(opinionPages(0, 1)).toEqual({ pages: 1, page: 1 });
    expect(opinionPages(OPINIONS_PAGE_SIZE + 1, 2)).toEqual({ pages: 2, page: 2 });
    expect(opinionPages(OPINIONS_PAGE_SIZE, 9)).toEqual({ pages: 1, page: 1 });
    expect(opinionPages(10, 0)).toEqual({ pages: 1, page: 1 });
  });
});
