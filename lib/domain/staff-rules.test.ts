import { describe, expect, it } from 'vitest';
import { disableStaffRefusal, roleChangeRefusal } from './staff-rules';

describe('disableStaffRefusal', () => {
  const operator = { id: 7, role: 'operator' as const, active: true };
  const admin = { id: 2, role: 'admin' as const, active: true };

  it('lets an admin disable another account', () => {
    expect(disableStaffRefusal(1, operator, 1)).toBeNull();
    expect(disableStaffRefusal(1, admin, 2)).toBeNull();
  });

  it('never lets an admin disable their own account', () => {
    expect(disableStaffRefusal(7, operator, 3)).toEqual({ code: 'cannot_disable_self' });
  });

  it('keeps the last active admin', () => {
    expect(disableStaffRefusal(1, admin, 1)).toEqual({ code: 'last_admin' });
    // Already disabled: the active admins are others, so nothing is taken away.
    expect(disableStaffRefusal(1, { ...admin, active: false }, 1)).toBeNull();
  });
});

describe('roleChangeRefusal', () => {
  const admin = { id: 2, role: 'admin' as const, active: true };

  it('lets an admin change another account\'s role, and anyone keep theirs', () => {
    expect(roleChangeRefusal(1, { id: 7, role: 'operator', active: true }, 'analyst', 1)).toBeNull();
    expect(roleChangeRefusal(1, admin, 'operator', 2)).toBeNull();
    expect(roleChangeRefusal(2, admin, 'admin', 1)).toBeNull();
  });

  it('never changes the acting admin\'s own role, nor takes the admin role from the last active admin', () => {
    expect(roleChangeRefusal(2, admin, 'analyst', 3)).toEqual({ code: 'cannot_change_own_role' });
    expect(roleChangeRefusal(1, admin, 'analyst', 1)).toEqual({ code: 'last_admin' });
  });
});
