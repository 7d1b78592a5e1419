import { describe, expect, it } from 'vitest';
import { DAY, shanghaiInstant } from '@/lib/domain/time';
import { encodeAuditCursor, parseAuditFilters } from './audit';

describe('parseAuditFilters', () => {
  it('reads every filter, dates as Beijing days with the last day included', () => {
    const result = parseAuditFilters({
      who: 'staff:12',
      action: 'event.cancel',
      entityType: 'event',
      entityId: ' 42 ',
      from: '2027-03-01',
      to: '2027-03-31',
      province: '440000',
      before: '1806000000000.77',
    });
    expect(result).toEqual({
      ok: true,
      filters: {
        who: { kind: 'staff', id: 12 },
        action: 'event.cancel',
        entityType: 'event',
        entityId: '42',
        from: shanghaiInstant(2027, 3, 1),
        to: shanghaiInstant(2027, 3, 31) + DAY,
        province: '440000',
        before: { createdAt: 1806000000000, id: 77 },
      },
      input: { who: 'staff:12', action: 'event.cancel', entityType: 'event', entityId: '42', from: '2027-03-01', to: '2027-03-31', province: '440000', before: '1806000000000.77' },
    });
    expect(shanghaiInstant(2027, 3, 1)).toBe(Date.UTC(2027, 1, 28, 16));
  });

  it('treats empty values as no filter, and knows tokens, the command line and HQ', () => {
    expect(parseAuditFilters({ who: '', action: '  ', to: undefined })).toEqual({ ok: true, filters: {}, input: {} });
    expect(parseAuditFilters({ who: 'token:3', province: 'HQ' })).toMatchObject({ ok: true, filters: { who: { kind: 'token', id: 3 }, province: 'HQ' } });
    expect(parseAuditFilters({ who: 'system' })).toMatchObject({ ok: true, filters: { who: { kind: 'system' } } });
  });

  it('round-trips a cursor', () => {
    const c = { createdAt: 1806000000123, id: 9 };
    expect(parseAuditFilters({ after: encodeAuditCursor(c) })).toMatchObject({ ok: true, filters: { after: c } });
  });

  it.each([
    [{ who: 'staff:0' }, { who: 'invalid_who' }],
    [{ who: 'staff:1e3' }, { who: 'invalid_who' }],
    [{ who: 'member:1' }, { who: 'invalid_who' }],
    [{ who: 'staff:99999999999999999' }, { who: 'invalid_who' }],
    [{ action: 'event.cancel; drop table audit_log' }, { action: 'invalid_action' }],
    [{ action: 'Event' }, { action: 'invalid_action' }],
    [{ entityType: 'event%' }, { entityType: 'invalid_entity_type' }],
    [{ entityId: 'x'.repeat(65) }, { entityId: 'invalid_entity_id' }],
    [{ entityId: '1\u202e2' }, { entityId: 'invalid_entity_id' }],
    [{ from: '2027-02-31' }, { from: 'invalid_date' }],
    [{ from: '2027-13-01' }, { from: 'invalid_date' }],
    [{ to: '1e309' }, { to: 'invalid_date' }],
    [{ to: '1899-01-01' }, { to: 'invalid_date' }],
    [{ from: '2027-03-02', to: '2027-03-01' }, { to: 'invalid_range' }],
    [{ province: '44' }, { province: 'invalid_province' }],
    [{ before: 'abc' }, { before: 'invalid_cursor' }],
    [{ before: '1.2.3' }, { before: 'invalid_cursor' }],
    [{ before: '99999999999999999.1' }, { before: 'invalid_cursor' }],
    [{ before: '1.1', after: '2.2' }, { after: 'invalid_cursor' }],
    [{ action: ['event', 'staff'] }, { action: 'invalid_action' }],
    [{ entityId: '42' }, { entityId: 'entity_type_required' }],
  ])('refuses %j with a code per field', (search, errors) => {
    expect(parseAuditFilters(search)).toMatchObject({ ok: false, errors });
  });

  it('names every bad field at once', () => {
    expect(parseAuditFilters({ from: '2027-02-31', before: 'x', entityId: '42', province: '440000' })).toEqual({
      ok: false,
      errors: { from: 'invalid_date', before: 'invalid_cursor', entityId: 'entity_type_required' },
      input: { from: '2027-02-31', before: 'x', entityId: '42', province: '440000' },
    });
  });

  it('keeps what was typed for the form, even when refused', () => {
    expect(parseAuditFilters({ from: '2027-02-31', action: 'event.cancel' }).input).toEqual({ from: '2027-02-31', action: 'event.cancel' });
  });
});
