import 'server-only';
import { and, asc, eq } from 'drizzle-orm';
import { getReader, withTransaction, type Tx } from '@/db/client';
import { forUpdate } from '@/db/concurrency';
import { isUniqueViolation } from '@/db/sql';
import { provinces, staff, staffClubs } from '@/db/schema';
import type { StaffActor } from '@/lib/domain/access';
import { DomainError, forbidden, notFound } from '@/lib/domain/errors';
import { staffPasswordRefusal } from '@/lib/domain/password-policy';
import { disableStaffRefusal, roleChangeRefusal } from '@/lib/domain/staff-rules';
import type { ClubCode } from '@/lib/domain/types';
import { changeOwnPasswordInput, createStaffInput, updateStaffInput, type ChangeOwnPasswordInput, type CreateStaffInput, type UpdateStaffInput } from '@/lib/validation/staff';
import { audit, type Writer } from './audit';
import { hashPassword } from './passwords';
import { revokeSessionsOf } from './session-store';
import { confirmStaffPassword } from './sign-in';

function mayManageStaff(writer: Writer): boolean {
  return writer.kind === 'system' || (writer.kind === 'staff' && writer.role === 'admin');
}

/** Changes to existing accounts are made by a signed-in admin, whose own account the rules protect. */
function requireAdmin(writer: Writer): StaffActor {
  if (writer.kind !== 'staff' || writer.role !== 'admin') throw forbidden();
  return writer;
}

async function requireProvince(tx: Tx, provinceCode: string | null) {
  if (!provinceCode) return;
  const [p] = await tx.select({ code: provinces.code }).from(provinces).where(eq(provinces.code, provinceCode));
  if (!p) throw new DomainError('unknown_province', 'invalid_input', {}, { provinceCode: 'unknown_province' });
}

/** Refuses a staff password that is short or easy to guess (lib/domain/password-policy.ts), naming the form's field. */
function requireStrongPassword(password: string, personal: ReadonlyArray<string | null | undefined>, field: string): void {
  const refusal = staffPasswordRefusal(password, personal.filter((p): p is string => Boolean(p)));
  if (refusal) throw new DomainError(refusal, 'invalid_input', {}, { [field]: refusal });
}

const principalOf = (staffId: number) => `staff:${staffId}`;

/**
 * The active admins, locked until the transaction ends: two admins disabling or demoting each
 * other at once (PostgreSQL) must not both count two admins and leave none.
 */
async function lockActiveAdmins(tx: Tx): Promise<number> {
  return (await forUpdate(tx.select({ id: staff.id }).from(staff).where(and(eq(staff.role, 'admin'), eq(staff.active, true))).orderBy(asc(staff.id)))).length;
}

/** A concurrent creation of the same name (PostgreSQL) passes the check and meets the unique index instead. */
const usernameTaken = () => new DomainError('username_taken', 'conflict', {}, { username: 'username_taken' });

/** Creates a staff account with its clubs (operators). Admins only, or the command line (for a deployment's first admin). */
export async function createStaff(writer: Writer, raw: CreateStaffInput) {
  if (!mayManageStaff(writer)) throw forbidden();
  const input = createStaffInput.parse(raw);
  requireStrongPassword(input.password, [input.username, input.displayName], 'password');
  const passwordHash = await hashPassword(input.password);
  return withTransaction(async (tx) => {
    await requireProvince(tx, input.provinceCode);
    const [existing] = await tx.select({ id: staff.id }).from(staff).where(eq(staff.username, input.username));
    if (existing) throw usernameTaken();
    const [row] = await tx
      .insert(staff)
      .values({
        username: input.username,
        displayName: input.displayName ?? input.username,
        passwordHash,
        role: input.role,
        provinceCode: input.provinceCode,
      })
      .returning({ id: staff.id, username: staff.username, role: staff.role, provinceCode: staff.provinceCode })
      .catch((error: unknown) => {
        throw isUniqueViolation(error) ? usernameTaken() : error;
      });
    if (input.clubCodes.length > 0) await tx.insert(staffClubs).values(input.clubCodes.map((clubCode) => ({ staffId: row!.id, clubCode })));
    await audit(tx, writer, { action: 'staff.create', entityType: 'staff', entityId: row!.id, after: { ...row, clubCodes: input.clubCodes }, provinceCode: row!.provinceCode });
    return row!;
  });
}

/**
 * Changes an account's name, role, province or clubs. It applies from the person's next request
 * (the guard reloads the account every time). Admins only; never their own role, never the last admin's.
 */
export async function updateStaff(writer: Writer, raw: UpdateStaffInput) {
  const admin = requireAdmin(writer);
  const input = updateStaffInput.parse(raw);
  return withTransaction(async (tx) => {
    // Locked before the account is read, so that it is read as the last writer left it.
    const activeAdmins = await lockActiveAdmins(tx);
    const [before] = await tx
      .select({ id: staff.id, username: staff.username, displayName: staff.displayName, role: staff.role, provinceCode: staff.provinceCode, active: staff.active })
      .from(staff)
      .where(eq(staff.id, input.staffId));
    if (!before) throw notFound();
    await requireProvince(tx, input.provinceCode);
    const refusal = roleChangeRefusal(admin.staffId, before, input.role, activeAdmins);
    if (refusal) throw new DomainError(refusal.code, 'conflict', refusal.params, { role: refusal.code });
    const beforeClubs = (await tx.select({ clubCode: staffClubs.clubCode }).from(staffClubs).where(eq(staffClubs.staffId, before.id)).orderBy(asc(staffClubs.clubCode))).map((c) => c.clubCode);
    // As when the account was made, an empty name shows the username.
    const after = { displayName: input.displayName ?? before.username, role: input.role, provinceCode: input.provinceCode };
    await tx.update(staff).set(after).where(eq(staff.id, before.id));
    await tx.delete(staffClubs).where(eq(staffClubs.staffId, before.id));
    if (input.clubCodes.length > 0) await tx.insert(staffClubs).values(input.clubCodes.map((clubCode) => ({ staffId: before.id, clubCode })));
    await audit(tx, admin, {
      action: 'staff.update',
      entityType: 'staff',
      entityId: before.id,
      before: { displayName: before.displayName, role: before.role, provinceCode: before.provinceCode, clubCodes: beforeClubs },
      after: { ...after, clubCodes: input.clubCodes },
      provinceCode: after.provinceCode,
    });
    return { staffId: before.id, ...after, clubCodes: input.clubCodes };
  });
}

/** Every staff account with its clubs, admins first. */
export async function listStaff(writer: Writer) {
  if (!mayManageStaff(writer)) throw forbidden();
  const db = getReader();
  const [rows, clubs] = await Promise.all([
    db
      .select({
        id: staff.id,
        username: staff.username,
        displayName: staff.displayName,
        role: staff.role,
        provinceCode: staff.provinceCode,
        active: staff.active,
      })
      .from(staff)
      .orderBy(asc(staff.role), asc(staff.username)),
    db.select({ staffId: staffClubs.staffId, clubCode: staffClubs.clubCode }).from(staffClubs).orderBy(asc(staffClubs.clubCode)),
  ]);
  const clubsOf = new Map<number, ClubCode[]>();
  for (const c of clubs) clubsOf.set(c.staffId, [...(clubsOf.get(c.staffId) ?? []), c.clubCode]);
  return rows.map((r) => ({ ...r, clubCodes: clubsOf.get(r.id) ?? [] }));
}

async function loadStaff(tx: Tx, staffId: number) {
  const [target] = await tx.select({ id: staff.id, username: staff.username, role: staff.role, active: staff.active, provinceCode: staff.provinceCode }).from(staff).where(eq(staff.id, staffId));
  if (!target) throw notFound();
  return target;
}

/**
 * Disables or enables a staff account. A disabled account cannot sign in, and its open sessions
 * end for good: enabling the account again does not bring them back.
 */
export async function setStaffActive(writer: Writer, staffId: number, active: boolean, now = Date.now()) {
  const admin = requireAdmin(writer);
  return withTransaction(async (tx) => {
    // Locked before the account is read, so that it is read as the last writer left it.
    const activeAdmins = active ? 0 : await lockActiveAdmins(tx);
    const target = await loadStaff(tx, staffId);
    if (target.active === active) return { staffId, active };
    if (!active) {
      const refusal = disableStaffRefusal(admin.staffId, target, activeAdmins);
      if (refusal) throw new DomainError(refusal.code, 'conflict', refusal.params);
    }
    await tx.update(staff).set({ active }).where(eq(staff.id, staffId));
    if (!active) await revokeSessionsOf(tx, principalOf(staffId), now);
    await audit(tx, admin, { action: active ? 'staff.enable' : 'staff.disable', entityType: 'staff', entityId: staffId, before: { active: target.active }, after: { active }, provinceCode: target.provinceCode });
    return { staffId, active };
  });
}

/**
 * Sets a new password for a staff account (one who forgot theirs), which ends the account's open
 * sessions; the hash is made before the transaction.
 */
export async function resetStaffPassword(writer: Writer, staffId: number, password: string, now = Date.now()) {
  const admin = requireAdmin(writer);
  const [named] = await getReader().select({ username: staff.username, displayName: staff.displayName }).from(staff).where(eq(staff.id, staffId));
  if (!named) throw notFound();
  requireStrongPassword(password, [named.username, named.displayName], 'password');
  const passwordHash = await hashPassword(password);
  return withTransaction(async (tx) => {
    const target = await loadStaff(tx, staffId);
    await tx.update(staff).set({ passwordHash, passwordChangedAt: now }).where(eq(staff.id, staffId));
    await revokeSessionsOf(tx, principalOf(staffId), now);
    await audit(tx, admin, { action: 'staff.password_reset', entityType: 'staff', entityId: staffId, after: { username: target.username }, provinceCode: target.provinceCode });
    return { staffId, username: target.username };
  });
}

/** The signed-in staff member's own login name, for their account page. */
export async function ownUsername(writer: Writer): Promise<string> {
  if (writer.kind !== 'staff') throw forbidden();
  const [me] = await getReader().select({ username: staff.username }).from(staff).where(eq(staff.id, writer.staffId));
  if (!me) throw notFound();
  return me.username;
}

/**
 * A staff member changes their own password, proving the current one first (wrong attempts count
 * against the sign-in limit). Their other sessions end, all but `keepSession` (the caller's, which
 * also keeps itself past `changedAt` with keepThisSession); the next sign-in takes the new password.
 */
export async function changeOwnPassword(writer: Writer, raw: ChangeOwnPasswordInput, now = Date.now(), keepSession?: string) {
  if (writer.kind !== 'staff') throw forbidden();
  const input = changeOwnPasswordInput.parse(raw);
  const username = await ownUsername(writer);
  const check = await confirmStaffPassword(username, input.currentPassword);
  if (check === 'rate_limited') throw new DomainError('rate_limited', 'rate_limited');
  if (check === 'wrong') throw new DomainError('current_password_wrong', 'invalid_input', {}, { currentPassword: 'current_password_wrong' });
  requireStrongPassword(input.newPassword, [username, writer.name], 'newPassword');
  const passwordHash = await hashPassword(input.newPassword);
  return withTransaction(async (tx) => {
    await tx.update(staff).set({ passwordHash, passwordChangedAt: now }).where(eq(staff.id, writer.staffId));
    await revokeSessionsOf(tx, principalOf(writer.staffId), now, keepSession);
    await audit(tx, writer, { action: 'staff.password_change', entityType: 'staff', entityId: writer.staffId, after: { username } });
    return { username, changedAt: now };
  });
}
