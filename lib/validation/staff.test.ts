import { describe, expect, it } from 'vitest';
import { createStaffInput } from './staff';

describe('createStaffInput', () => {
  const base = { username: 'Gd.Operator2', password: 'plum-harbor-lantern-42', role: 'operator' as const, provinceCode: '440000' };

  it('accepts a valid operator and normalises the username', () => {
    expect(createStaffInput.parse(base)).toMatchObject({ username: 'gd.operator2', provinceCode: '440000' });
  });

  it('requires a province for operators and forbids one for admins', () => {
    expect(createStaffInput.safeParse({ ...base, provinceCode: undefined }).success).toBe(false);
    expect(createStaffInput.safeParse({ ...base, role: 'admin' }).success).toBe(false);
    expect(createStaffInput.safeParse({ ...base, role: 'admin', provinceCode: undefined }).success).toBe(true);
    expect(createStaffInput.safeParse({ ...base, role: 'analyst', provinceCode: null }).success).toBe(true);
    // The form's empty choice is HQ.
    expect(createStaffInput.parse({ ...base, role: 'analyst', provinceCode: '' })).toMatchObject({ provinceCode: null, clubCodes: [] });
  });

  it('rejects short passwords, odd usernames, unknown roles and malformed province codes', () => {
    expect(createStaffInput.safeParse({ ...base, password: 'short' }).success).toBe(false);
    expect(createStaffInput.safeParse({ ...base, username: 'a b' }).success).toBe(false);
    expect(createStaffInput.safeParse({ ...base, role: 'root' }).success).toBe(false);
    expect(createStaffInput.safeParse({ ...base, provinceCode: '44' }).success).toBe(false);
  });
});
