import { describe, expect, it } from 'vitest';
import { complianceParams } from './compliance';
import { filterErrors } from './query-filters';
import { opinionFilters } from './opinions';
import { periodOf, statsFilters } from './stats';

const refusal = (query: Record<string, unknown>) => {
  const parsed = statsFilters.safeParse(query);
  return parsed.success ? null : filterErrors(parsed.error);
};

describe('statistics filters', () => {
  it('read a valid view, with an empty form field meaning any', () => {
    expect(statsFilters.parse({ period: 'month', year: '2026', month: '3', club: '', province: '440000', segment: 'postpaid_vip', format: 'csv' })).toEqual({
      period: 'month',
      year: 2026,
      month: 3,
      province: '440000',
      segment: 'postpaid_vip',
    });
    expect(statsFilters.parse({})).toEqual({ period: 'year' });
    expect(statsFilters.parse({ period: 'custom', from: '2026-02-28', to: '2026-02-28' })).toMatchObject({ from: '2026-02-28', to: '2026-02-28' });
  });

  it('refuse a month, quarter or year that does not exist instead of showing another period', () => {
    expect(refusal({ period: 'month', month: '13' })).toEqual({ month: 'invalid_filter' });
    expect(refusal({ period: 'month', month: '0' })).toEqual({ month: 'invalid_filter' });
    expect(refusal({ period: 'month', month: '2.5' })).toEqual({ month: 'invalid_filter' });
    expect(refusal({ period: 'quarter', quarter: '5' })).toEqual({ quarter: 'invalid_filter' });
    expect(refusal({ year: 'abc' })).toEqual({ year: 'invalid_filter' });
    expect(refusal({ year: '1999' })).toEqual({ year: 'invalid_filter' });
    expect(refusal({ period: 'decade' })).toEqual({ period: 'invalid_filter' });
  });

  it('refuse unknown codes and malformed or impossible days', () => {
    expect(refusal({ club: 'golf' })).toEqual({ club: 'invalid_filter' });
    expect(refusal({ province: '44' })).toEqual({ province: 'invalid_filter' });
    expect(refusal({ segment: 'gold', channel: 'fax', kind: 'party' })).toEqual({ segment: 'invalid_filter', channel: 'invalid_filter', kind: 'invalid_filter' });
    expect(refusal({ period: 'custom', from: '2026-02-30', to: '2026-03-01' })).toEqual({ from: 'invalid_filter' });
    expect(refusal({ period: 'custom', from: '2026/01/01', to: '2026-03-01' })).toEqual({ from: 'invalid_filter' });
  });

  it('refuse a from after its to, and a custom period without both days', () => {
    expect(refusal({ period: 'custom', from: '2026-05-01', to: '2026-01-01' })).toEqual({ to: 'filter_reversed' });
    expect(refusal({ period: 'custom', from: '2026-05-01' })).toEqual({ to: 'filter_required' });
    expect(refusal({ period: 'custom' })).toEqual({ from: 'filter_required', to: 'filter_required' });
  });

  it('refuse a filter given twice rather than pick one', () => {
    expect(refusal({ month: ['1', '2'] })).toEqual({ month: 'invalid_filter' });
  });

  it('name the period they describe', () => {
    expect(periodOf(statsFilters.parse({ period: 'month', year: '2025', month: '12' }), 2026)).toEqual({ kind: 'month', year: 2025, month: 12 });
    expect(periodOf(statsFilters.parse({ period: 'quarter' }), 2026)).toEqual({ kind: 'quarter', year: 2026, quarter: 1 });
    expect(periodOf(statsFilters.parse({}), 2026)).toEqual({ kind: 'year', year: 2026 });
  });
});

describe('opinion filters', () => {
  const opinionRefusal = (query: Record<string, unknown>) => {
    const parsed = opinionFilters.safeParse(query);
    return parsed.success ? null : filterErrors(parsed.error);
  };

  it('read a valid view, page 1 by default', () => {
    expect(opinionFilters.parse({ province: '440000', source: '', from: '2026-11-01', to: '2026-11-30' })).toEqual({ province: '440000', from: '2026-11-01', to: '2026-11-30', page: 1 });
  });

  it('refuse unknown codes, bad days, a from after its to and a page that is not one', () => {
    expect(opinionRefusal({ source: 'rumour', topic: 'weather' })).toEqual({ source: 'invalid_filter', topic: 'invalid_filter' });
    expect(opinionRefusal({ from: '2026-12-01', to: '2026-11-01' })).toEqual({ to: 'filter_reversed' });
    expect(opinionRefusal({ page: '0' })).toEqual({ page: 'invalid_filter' });
    expect(opinionRefusal({ page: 'next' })).toEqual({ page: 'invalid_filter' });
  });
});

describe('compliance matrix parameters', () => {
  const complianceRefusal = (query: Record<string, unknown>) => {
    const parsed = complianceParams.safeParse(query);
    return parsed.success ? null : filterErrors(parsed.error);
  };

  it('read a year, a sort and a club, this year and by province when absent', () => {
    expect(complianceParams.parse({ year: '2025', sort: 'risk', club: 'film' })).toEqual({ year: 2025, sort: 'risk', club: 'film' });
    expect(complianceParams.parse({ sort: '' })).toEqual({ sort: 'province' });
  });

  it('refuse a year, sort or club that is not one', () => {
    expect(complianceRefusal({ year: 'abc', sort: 'size', club: 'golf' })).toEqual({ year: 'invalid_filter', sort: 'invalid_filter', club: 'invalid_filter' });
    expect(complianceRefusal({ year: '3000' })).toEqual({ year: 'invalid_filter' });
  });
});
