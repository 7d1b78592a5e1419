import type { Refusal } from './registration-rules';
import type { StaffRole } from './types';

/**
 * Why an admin may not disable a staff account, or null when they may: never their own account
 * (they would lock themselves out mid-session), and never the last active admin (nobody could
 * then manage accounts but the command line).
 */
export function disableStaffRefusal(actorStaffId: number, target: { id: number; role: StaffRole; active: boolean }, activeAdmins: number): Refusal | null {
  if (target.id === actorStaffId) return { code: 'cannot_disable_self' };
  if (target.role === 'admin' && target.active && activeAdmins <= 1) return { code: 'last_admin' };
  return null;
}

/**
 * Why an admin may not give an account another role, or null when they may: never their own
 * role, and never take the admin role from the last active admin.
 */
export function roleChangeRefusal(actorStaffId: number, target: { id: number; role: StaffRole; active: boolean }, role: StaffRole, activeAdmins: number): Refusal | null {
  if (role === target.role) return null;
  if (target.id === actorStaffId) return { code: 'cannot_change_own_role' };
  if (target.role === 'admin' && target.active && activeAdmins <= 1) return { code: 'last_admin' };
  return null;
}
