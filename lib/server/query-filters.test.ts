import { describe, expect, it } from 'vitest';
import { statsFields, statsFilters } from '@/lib/validation/stats';
import { withTempDatabase } from '@/tests/temp-database';
import { filterProblem, readFilters, validFields } from './query-filters';

withTempDatabase();

describe('reading a view’s filters from its query', () => {
  it('reads valid filters, a province among those there are', async () => {
    expect(await readFilters(statsFilters, { period: 'month', month: '11', province: '440000' })).toEqual({
      filters: { period: 'month', month: 11, province: '440000' },
      refusal: null,
    });
  });

  it('refuses a well-formed code of no province, and gives back the values as given', async () => {
    expect(await readFilters(statsFilters, { province: '990000', month: ['1', '2'] })).toEqual({
      filters: null,
      refusal: { fields: { month: 'invalid_filter' }, values: { province: '990000', month: '1, 2' } },
    });
    expect((await readFilters(statsFilters, { province: '990000' })).refusal).toEqual({ fields: { province: 'filter_unknown' }, values: { province: '990000' } });
  });

  it('keeps for the form each filter that is valid on its own', () => {
    expect(validFields(statsFields, { period: 'month', month: '13', year: '2026', club: 'golf', from: '2026-05-01', to: '2026-01-01' })).toEqual({
      period: 'month',
      year: 2026,
      from: '2026-05-01',
      to: '2026-01-01',
    });
  });

  it('answers an export 400 with the codes per field and the refusal in words', async () => {
    const response = filterProblem({ fields: { month: 'invalid_filter' }, values: { month: '13' } }, '月份“13”不是有效的值。');
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(await response.json()).toMatchObject({ status: 400, code: 'invalid_filter', detail: '月份“13”不是有效的值。', errors: { month: 'invalid_filter' } });
  });
});
