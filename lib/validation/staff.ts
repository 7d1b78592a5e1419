import { z } from 'zod';
import { STAFF_PASSWORD_MAX_LENGTH, STAFF_PASSWORD_MIN_LENGTH } from '@/lib/domain/password-policy';
import { CLUB_CODES, STAFF_ROLES } from '@/lib/domain/types';
import { plainLine } from './fields';

const staffId = z.coerce.number().int().positive();
// The length here answers at once with the form's other fields; how hard the password is to
// guess is checked by lib/server/staff.ts, which knows the account's username and name.
const password = z.string('staff_password_too_short').min(STAFF_PASSWORD_MIN_LENGTH, 'staff_password_too_short').max(STAFF_PASSWORD_MAX_LENGTH, 'text_too_long');

/** Who a staff account is and what it may reach: name, role, province (none: HQ) and an operator's clubs. */
const scope = {
  displayName: plainLine(z.string().trim().max(50, 'text_too_long'))
    .optional()
    .transform((v) => v || undefined),
  role: z.enum(STAFF_ROLES, { error: 'invalid_role' }),
  // An empty choice in the form is HQ (no province).
  provinceCode: z
    .string()
    .nullish()
    .transform((v) => v || null)
    .refine((v) => v === null || /^\d{6}$/.test(v), 'unknown_province'),
  /** An operator's clubs; none means every club of the province. */
  clubCodes: z.array(z.enum(CLUB_CODES, { error: 'invalid_input' })).default([]),
};

function checkScope(v: { role: string; provinceCode: string | null; clubCodes: readonly string[] }, ctx: z.RefinementCtx) {
  if (v.role === 'admin' && v.provinceCode) ctx.addIssue({ code: 'custom', path: ['provinceCode'], message: 'admin_has_no_province' });
  if ((v.role === 'operator' || v.role === 'account_manager') && !v.provinceCode) ctx.addIssue({ code: 'custom', path: ['provinceCode'], message: 'province_required' });
  if (v.role !== 'operator' && v.clubCodes.length > 0) ctx.addIssue({ code: 'custom', path: ['clubCodes'], message: 'clubs_for_operators_only' });
}

/** A new staff account, from the admin's form or the command line. */
export const createStaffInput = z
  .object({
    username: z
      .string('invalid_username')
      .trim()
      .toLowerCase()
      .regex(/^[a-z0-9][a-z0-9._-]{2,31}$/, 'invalid_username'),
    password,
    ...scope,
  })
  .superRefine(checkScope);

export type CreateStaffInput = z.input<typeof createStaffInput>;

/** A changed name, role or scope of an existing account (its username stays). */
export const updateStaffInput = z
  .object({ staffId, ...scope })
  .superRefine(checkScope);

export type UpdateStaffInput = z.input<typeof updateStaffInput>;

export const setStaffActiveInput = z.object({ staffId, active: z.enum(['true', 'false']).transform((v) => v === 'true') });

export const resetStaffPasswordInput = z.object({ staffId, password });

/**
 * A staff member's change of their own password: the current one (checked by the server), the new
 * one twice, and not the same as before.
 */
export const changeOwnPasswordInput = z
  .object({
    currentPassword: z.string('current_password_required').min(1, 'current_password_required').max(200, 'text_too_long'),
    newPassword: password,
    confirmPassword: z.string('password_mismatch'),
  })
  .superRefine((v, ctx) => {
    if (v.confirmPassword !== v.newPassword) ctx.addIssue({ code: 'custom', path: ['confirmPassword'], message: 'password_mismatch' });
    if (v.newPassword === v.currentPassword) ctx.addIssue({ code: 'custom', path: ['newPassword'], message: 'password_unchanged' });
  });

export type ChangeOwnPasswordInput = z.input<typeof changeOwnPasswordInput>;
