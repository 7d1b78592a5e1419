import { describe, expect, it } from 'vitest';
import { auditChanges, maskAuditValue, REDACTED } from './audit-changes';
import { shanghaiInstant } from './time';

describe('auditChanges', () => {
  it('lists only the fields an update changed, with those one side alone has', () => {
    const before = { id: 7, status: 'published', capacity: 20, titleZh: '音乐节' };
    const after = { id: 7, status: 'cancelled', capacity: 20, titleZh: '音乐节', registrationsCancelled: 3 };
    expect(auditChanges(before, after)).toEqual([
      { field: 'status', before: 'published', after: 'cancelled' },
      { field: 'registrationsCancelled', after: '3' },
    ]);
    expect(auditChanges({ status: 'attended', checkedInAt: null }, { status: 'confirmed' })).toEqual([
      { field: 'status', before: 'attended', after: 'confirmed' },
      { field: 'checkedInAt', before: 'null' },
    ]);
  });

  it('shows every field of a creation, and nothing for an entry without before and after', () => {
    expect(auditChanges(null, { name: 'hall desk', channel: 'hall', provinceCode: '440000' })).toEqual([
      { field: 'name', after: 'hall desk' },
      { field: 'channel', after: 'hall' },
      { field: 'provinceCode', after: '440000' },
    ]);
    expect(auditChanges(undefined, undefined)).toEqual([]);
  });

  it('shows whole values that are not objects, nested values as compact JSON, instants in Beijing time', () => {
    expect(auditChanges(null, ['a', 'b'])).toEqual([{ field: '', after: '["a","b"]' }]);
    expect(auditChanges({ clubCodes: ['music'] }, { clubCodes: ['music', 'film'] })).toEqual([{ field: 'clubCodes', before: '["music"]', after: '["music","film"]' }]);
    const at = shanghaiInstant(2027, 3, 6, 14, 5);
    expect(auditChanges(null, { checkedInAt: at, capacity: at })).toEqual([
      { field: 'checkedInAt', after: '2027-03-06 14:05' },
      { field: 'capacity', after: String(at) },
    ]);
  });

  it('cuts long values', () => {
    const [change] = auditChanges(null, { reply: 'x'.repeat(500) });
    expect(change!.after).toHaveLength(160);
    expect(change!.after!.endsWith('…')).toBe(true);
  });
});

describe('maskAuditValue', () => {
  it('hides secrets at any depth, whatever their value', () => {
    expect(maskAuditValue({ passwordHash: '$argon2id$v=19$abc', tokenHash: 'f00', token: 'ch_live_x', nested: { secret: 's', code: 'K7Q2' }, otp: 123456 })).toEqual({
      passwordHash: REDACTED,
      tokenHash: REDACTED,
      token: REDACTED,
      nested: { secret: REDACTED, code: REDACTED },
      otp: REDACTED,
    });
  });

  it('keeps codes that are not secrets, and empty secrets as they are', () => {
    expect(maskAuditValue({ provinceCode: '440000', clubCode: 'music', tokenId: 3, passwordChangedAt: null })).toEqual({ provinceCode: '440000', clubCode: 'music', tokenId: 3, passwordChangedAt: null });
  });

  it('masks mobile numbers in any text, but not longer runs of digits', () => {
    expect(maskAuditValue({ mobile: '18602001234', reply: '请致电 13002005678 或 15601101234。', imei: '356938035643809', list: ['17601105678'] })).toEqual({
      mobile: '186****1234',
      reply: '请致电 130****5678 或 156****1234。',
      imei: '356938035643809',
      list: ['176****5678'],
    });
  });

  it('masks inside the changes it lists', () => {
    expect(auditChanges({ mobile: '18602001234' }, { mobile: '18602009999' })).toEqual([{ field: 'mobile', before: '186****1234', after: '186****9999' }]);
  });
});
