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
