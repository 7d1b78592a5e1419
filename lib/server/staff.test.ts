import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getReader } from '@/db/client';
import { auditLog, staff } from '@/db/schema';
import type { Actor } from '@/lib/domain/access';
import { withTempDatabase } from '@/tests/temp-database';
import { loadActor } from './guard';
import { authenticate, SIGN_IN_LIMITS } from './sign-in';
import { changeOwnPassword, createStaff, listStaff, resetStaffPassword, setStaffActive, updateStaff } from './staff';

withTempDatabase();

const cli = { kind: 'system', via: 'cli' } as const;
const asAdmin = (staffId: number): Actor => ({ kind: 'staff', role: 'admin', staffId, provinceCode: null, clubCodes: null, name: 'admin' });
const PASSWORD = 'long enough';
let ip = 0;
// A fresh address per attempt keeps the per-IP sign-in limit out of these tests.
const signIn = (username: string, password = PASSWORD) => authenticate('staff', username, password, `10.0.0.${++ip}`);

describe('staff accounts', () => {
  it('creates an operator limited to clubs, who signs in with that scope', async () => {
    const admin = await createStaff(cli, { username: 'hq.admin', password: PASSWORD, role: 'admin' });
    const created = await createStaff(asAdmin(admin.id), { username: 'ZJ.Music', displayName: '浙江音乐运营 孙悦', password: PASSWORD, role: 'operator', provinceCode: '330000', clubCodes: ['music', 'film'] });
    expect(created).toMatchObject({ username: 'zj.music', role: 'operator', provinceCode: '330000' });
    const principal = await signIn('zj.music');
    expect(await loadActor(principal!.id)).toMatchObject({ role: 'operator', provinceCode: '330000', clubCodes: ['film', 'music'] });
    const listed = (await listStaff(asAdmin(admin.id))).find((s) => s.username === 'zj.music');
    expect(listed).toMatchObject({ displayName: '浙江音乐运营 孙悦', active: true, clubCodes: ['film', 'music'] });
  });

  it('refuses bad input with a code per field and writes nothing', async () => {
    const before = await getReader().$count(staff);
    const admin = asAdmin(1);
    await expect(createStaff(admin, { username: 'a b', password: 'short', role: 'operator' })).rejects.toMatchObject({
      issues: expect.arrayContaining([
        expect.objectContaining({ path: ['username'], message: 'invalid_username' }),
        expect.objectContaining({ path: ['password'], message: 'staff_password_too_short' }),
        expect.objectContaining({ path: ['provinceCode'], message: 'province_required' }),
      ]),
    });
    await expect(createStaff(admin, { username: 'hq.two', password: PASSWORD, role: 'admin', provinceCode: '440000' })).rejects.toMatchObject({
      issues: [expect.objectContaining({ message: 'admin_has_no_province' })],
    });
    await expect(createStaff(admin, { username: 'hq.three', password: PASSWORD, role: 'analyst', clubCodes: ['music'] })).rejects.toMatchObject({
      issues: [expect.objectContaining({ message: 'clubs_for_operators_only' })],
    });
    await expect(createStaff(admin, { username: 'xx.op', password: PASSWORD, role: 'operator', provinceCode: '990000' })).rejects.toMatchObject({ code: 'unknown_province', fields: { provinceCode: 'unknown_province' } });
    await expect(createStaff(admin, { username: 'zj.music', password: PASSWORD, role: 'analyst' })).rejects.toMatchObject({ code: 'username_taken', fields: { username: 'username_taken' } });
    expect(await getReader().$count(staff)).toBe(before);
  });

  it('lets only admins manage accounts', async () => {
    const operator: Actor = { kind: 'staff', role: 'operator', staffId: 2, provinceCode: '330000', clubCodes: null, name: 'op' };
    await expect(createStaff(operator, { username: 'sneaky', password: PASSWORD, role: 'admin' })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(listStaff(operator)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(setStaffActive(operator, 1, false)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(resetStaffPassword(operator, 1, 'new password 1')).rejects.toMatchObject({ code: 'forbidden' });
    await expect(updateStaff(operator, { staffId: 2, role: 'admin' })).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('disables an account so that it can neither sign in nor keep its session, and enables it again', async () => {
    const [{ id: adminId }] = (await getReader().select({ id: staff.id }).from(staff).where(eq(staff.username, 'hq.admin'))) as [{ id: number }];
    const [{ id }] = (await getReader().select({ id: staff.id }).from(staff).where(eq(staff.username, 'zj.music'))) as [{ id: number }];
    const session = (await signIn('zj.music'))!.id;
    await setStaffActive(asAdmin(adminId), id, false);
    expect(await signIn('zj.music')).toBeNull();
    expect(await loadActor(session)).toBeNull();
    await setStaffActive(asAdmin(adminId), id, true);
    expect(await loadActor(session)).toMatchObject({ staffId: id });
    const actions = (await getReader().select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.entityId, String(id)))).map((a) => a.action);
    expect(actions).toEqual(['staff.create', 'staff.disable', 'staff.enable']);
  });

  it('never disables the admin acting, nor the last active admin', async () => {
    const [{ id: adminId }] = (await getReader().select({ id: staff.id }).from(staff).where(eq(staff.username, 'hq.admin'))) as [{ id: number }];
    await expect(setStaffActive(asAdmin(adminId), adminId, false)).rejects.toMatchObject({ code: 'cannot_disable_self' });
    const second = await createStaff(cli, { username: 'hq.second', password: PASSWORD, role: 'admin' });
    await setStaffActive(asAdmin(second.id), adminId, false);
    // A request of the admin just disabled, racing the change, cannot take the last active admin away.
    await expect(setStaffActive(asAdmin(adminId), second.id, false)).rejects.toMatchObject({ code: 'last_admin' });
    await setStaffActive(asAdmin(second.id), adminId, true);
    await setStaffActive(asAdmin(adminId), second.id, false);
    expect(await signIn('hq.admin')).not.toBeNull();
    expect(await signIn('hq.second')).toBeNull();
  });

  it('sets a new password: the old one stops working, open sessions end, and the audit log keeps no hash', async () => {
    const [{ id: adminId }] = (await getReader().select({ id: staff.id }).from(staff).where(eq(staff.username, 'hq.admin'))) as [{ id: number }];
    const [{ id }] = (await getReader().select({ id: staff.id }).from(staff).where(eq(staff.username, 'zj.music'))) as [{ id: number }];
    const signedInAt = Date.now() - 60_000;
    expect(await loadActor(`staff:${id}`, signedInAt)).toMatchObject({ staffId: id });
    await resetStaffPassword(asAdmin(adminId), id, 'a new password', signedInAt + 1);
    expect(await loadActor(`staff:${id}`, signedInAt)).toBeNull();
    expect(await loadActor(`staff:${id}`, signedInAt + 1)).toMatchObject({ staffId: id });
    expect(await signIn('zj.music')).toBeNull();
    expect(await signIn('zj.music', 'a new password')).toMatchObject({ id: `staff:${id}` });
    const [entry] = await getReader().select().from(auditLog).where(eq(auditLog.action, 'staff.password_reset'));
    expect(JSON.stringify(entry)).not.toMatch(/argon2|a new password/);
    await expect(resetStaffPassword(asAdmin(adminId), 99_999, 'a new password')).rejects.toMatchObject({ code: 'not_found' });
  });

  it('changes an account\'s name, role and scope, from the person\'s next request, with the change in the audit log', async () => {
    const [{ id: adminId }] = (await getReader().select({ id: staff.id }).from(staff).where(eq(staff.username, 'hq.admin'))) as [{ id: number }];
    const op = await createStaff(asAdmin(adminId), { username: 'js.op', password: PASSWORD, role: 'operator', provinceCode: '320000', clubCodes: ['gaming'] });
    const session = (await signIn('js.op'))!.id;
    await updateStaff(asAdmin(adminId), { staffId: op.id, displayName: '江苏运营 钱进', role: 'operator', provinceCode: '320000', clubCodes: ['gaming', 'handset'] });
    expect(await loadActor(session)).toMatchObject({ role: 'operator', provinceCode: '320000', clubCodes: ['gaming', 'handset'], name: '江苏运营 钱进' });
    await updateStaff(asAdmin(adminId), { staffId: op.id, displayName: '江苏分析 钱进', role: 'analyst', provinceCode: '' });
    expect(await loadActor(session)).toMatchObject({ role: 'analyst', provinceCode: null, clubCodes: null, name: '江苏分析 钱进' });
    await updateStaff(asAdmin(adminId), { staffId: op.id, displayName: '', role: 'analyst' });
    expect(await loadActor(session)).toMatchObject({ name: 'js.op' });
    const [entry] = await getReader().select().from(auditLog).where(eq(auditLog.action, 'staff.update')).orderBy(auditLog.id).limit(1);
    expect(entry).toMatchObject({ entityId: String(op.id), before: { clubCodes: ['gaming'], displayName: 'js.op' }, after: { clubCodes: ['gaming', 'handset'], displayName: '江苏运营 钱进' } });
  });

  it('refuses an operator without a province, the admin\'s own role and the last admin\'s, writing nothing', async () => {
    const [{ id: adminId }] = (await getReader().select({ id: staff.id }).from(staff).where(eq(staff.username, 'hq.admin'))) as [{ id: number }];
    const [{ id: opId }] = (await getReader().select({ id: staff.id }).from(staff).where(eq(staff.username, 'js.op'))) as [{ id: number }];
    const before = await listStaff(asAdmin(adminId));
    await expect(updateStaff(asAdmin(adminId), { staffId: opId, role: 'operator', provinceCode: null })).rejects.toMatchObject({ issues: [expect.objectContaining({ message: 'province_required' })] });
    await expect(updateStaff(asAdmin(adminId), { staffId: opId, role: 'operator', provinceCode: '990000' })).rejects.toMatchObject({ code: 'unknown_province' });
    await expect(updateStaff(asAdmin(adminId), { staffId: adminId, role: 'analyst' })).rejects.toMatchObject({ code: 'cannot_change_own_role', fields: { role: 'cannot_change_own_role' } });
    // hq.second is disabled (above): a racing request of theirs cannot demote the last active admin.
    const [{ id: secondId }] = (await getReader().select({ id: staff.id }).from(staff).where(eq(staff.username, 'hq.second'))) as [{ id: number }];
    await expect(updateStaff(asAdmin(secondId), { staffId: adminId, role: 'analyst' })).rejects.toMatchObject({ code: 'last_admin' });
    await expect(updateStaff(asAdmin(adminId), { staffId: 99_999, role: 'analyst' })).rejects.toMatchObject({ code: 'not_found' });
    expect(await listStaff(asAdmin(adminId))).toEqual(before);
  });

  describe('changing one\'s own password', () => {
    const asOperator = (staffId: number): Actor => ({ kind: 'staff', role: 'operator', staffId, provinceCode: '510000', clubCodes: null, name: 'op' });
    const passwordOf = async (id: number) => (await getReader().select({ hash: staff.passwordHash }).from(staff).where(eq(staff.id, id)))[0]!.hash;

    it('takes the current password and the new one twice; the next sign-in needs the new one', async () => {
      const op = await createStaff(cli, { username: 'sc.op', password: PASSWORD, role: 'operator', provinceCode: '510000' });
      const changedAt = Date.now();
      expect(await changeOwnPassword(asOperator(op.id), { currentPassword: PASSWORD, newPassword: 'my own secret', confirmPassword: 'my own secret' }, changedAt)).toEqual({ username: 'sc.op', changedAt });
      // Sessions signed in before the change have ended; the one that changed it is renewed at changedAt.
      expect(await loadActor(`staff:${op.id}`, changedAt - 1)).toBeNull();
      expect(await loadActor(`staff:${op.id}`, changedAt)).toMatchObject({ staffId: op.id });
      expect(await signIn('sc.op')).toBeNull();
      expect(await signIn('sc.op', 'my own secret')).toMatchObject({ id: `staff:${op.id}` });
      const [entry] = await getReader().select().from(auditLog).where(eq(auditLog.action, 'staff.password_change'));
      expect(entry).toMatchObject({ staffId: op.id, entityId: String(op.id) });
      expect(JSON.stringify(entry)).not.toMatch(/argon2|my own secret/);
    });

    it('refuses a wrong current password, a mismatch, a too short or unchanged new one, writing nothing', async () => {
      const [{ id }] = (await getReader().select({ id: staff.id }).from(staff).where(eq(staff.username, 'sc.op'))) as [{ id: number }];
      const before = await passwordOf(id);
      const me = asOperator(id);
      await expect(changeOwnPassword(me, { currentPassword: 'not my password', newPassword: 'another secret', confirmPassword: 'another secret' })).rejects.toMatchObject({
        code: 'current_password_wrong',
        fields: { currentPassword: 'current_password_wrong' },
      });
      await expect(changeOwnPassword(me, { currentPassword: 'my own secret', newPassword: 'another secret', confirmPassword: 'another secrets' })).rejects.toMatchObject({
        issues: [expect.objectContaining({ path: ['confirmPassword'], message: 'password_mismatch' })],
      });
      await expect(changeOwnPassword(me, { currentPassword: 'my own secret', newPassword: 'short', confirmPassword: 'short' })).rejects.toMatchObject({
        issues: [expect.objectContaining({ path: ['newPassword'], message: 'staff_password_too_short' })],
      });
      await expect(changeOwnPassword(me, { currentPassword: 'my own secret', newPassword: 'my own secret', confirmPassword: 'my own secret' })).rejects.toMatchObject({
        issues: [expect.objectContaining({ path: ['newPassword'], message: 'password_unchanged' })],
      });
      await expect(changeOwnPassword(me, { currentPassword: '', newPassword: 'another secret', confirmPassword: 'another secret' })).rejects.toMatchObject({
        issues: [expect.objectContaining({ path: ['currentPassword'], message: 'current_password_required' })],
      });
      expect(await passwordOf(id)).toBe(before);
    });

    it('counts wrong current passwords against the sign-in limit, then refuses even the right one', async () => {
      const op = await createStaff(cli, { username: 'sc.guessed', password: PASSWORD, role: 'operator', provinceCode: '510000' });
      const before = await passwordOf(op.id);
      const guess = (currentPassword: string) => changeOwnPassword(asOperator(op.id), { currentPassword, newPassword: 'taken over', confirmPassword: 'taken over' });
      for (let i = 1; i <= SIGN_IN_LIMITS.perAccount; i++) await expect(guess(`guess ${i}`)).rejects.toMatchObject({ code: 'current_password_wrong' });
      await expect(guess(PASSWORD)).rejects.toMatchObject({ code: 'rate_limited', category: 'rate_limited' });
      // The account is locked for sign-in too, and nothing changed.
      await expect(signIn('sc.guessed')).rejects.toThrow('rate_limited');
      expect(await passwordOf(op.id)).toBe(before);
    });

    it('is for staff only, each for their own account', async () => {
      const member: Actor = { kind: 'member', role: 'member', customerId: 1, provinceCode: '510000', name: '客户' };
      await expect(changeOwnPassword(member, { currentPassword: PASSWORD, newPassword: 'another secret', confirmPassword: 'another secret' })).rejects.toMatchObject({ code: 'forbidden' });
      await expect(changeOwnPassword(asOperator(99_999), { currentPassword: PASSWORD, newPassword: 'another secret', confirmPassword: 'another secret' })).rejects.toMatchObject({ code: 'not_found' });
    });
  });
});
