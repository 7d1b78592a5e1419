import { and, eq, notInArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getReader, withTransaction } from '@/db/client';
import { auditLog, staff } from '@/db/schema';
import type { Actor } from '@/lib/domain/access';
import { withTempDatabase } from '@/tests/temp-database';
import { actorOfSession, loadActor } from './guard';
import { openSession } from './session-store';
import { authenticate, SIGN_IN_LIMITS } from './sign-in';
import { changeOwnPassword, createStaff, listStaff, resetStaffPassword, setStaffActive, updateStaff } from './staff';

withTempDatabase();

const cli = { kind: 'system', via: 'cli' } as const;
const asAdmin = (staffId: number): Actor => ({ kind: 'staff', role: 'admin', staffId, provinceCode: null, clubCodes: null, name: 'admin' });
const PASSWORD = 'plum-harbor-lantern-42';
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
    await expect(createStaff(admin, { username: 'zj.weak', password: 'Summer2024!!', role: 'analyst' })).rejects.toMatchObject({ code: 'staff_password_weak', fields: { password: 'staff_password_weak' } });
    await expect(createStaff(admin, { username: 'zj.named', displayName: '浙江 Wang Fang', password: 'wangfang.zj.named', role: 'analyst' })).rejects.toMatchObject({ code: 'staff_password_weak' });
    expect(await getReader().$count(staff)).toBe(before);
  });

  it('lets only admins manage accounts', async () => {
    const operator: Actor = { kind: 'staff', role: 'operator', staffId: 2, provinceCode: '330000', clubCodes: null, name: 'op' };
    await expect(createStaff(operator, { username: 'sneaky', password: PASSWORD, role: 'admin' })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(listStaff(operator)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(setStaffActive(operator, 1, false)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(resetStaffPassword(operator, 1, 'quiet-ferry-amber-77')).rejects.toMatchObject({ code: 'forbidden' });
    await expect(updateStaff(operator, { staffId: 2, role: 'admin' })).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('disables an account so that it can neither sign in nor keep its session, and enables it again without reviving that session', async () => {
    const [{ id: adminId }] = (await getReader().select({ id: staff.id }).from(staff).where(eq(staff.username, 'hq.admin'))) as [{ id: number }];
    const [{ id }] = (await getReader().select({ id: staff.id }).from(staff).where(eq(staff.username, 'zj.music'))) as [{ id: number }];
    const principal = (await signIn('zj.music'))!.id;
    const session = { principal, sessionId: await openSession(principal) };
    expect(await actorOfSession(session)).toMatchObject({ staffId: id });
    await setStaffActive(asAdmin(adminId), id, false);
    expect(await signIn('zj.music')).toBeNull();
    expect(await loadActor(principal)).toBeNull();
    expect(await actorOfSession(session)).toBeNull();
    await setStaffActive(asAdmin(adminId), id, true);
    // The account is back, but a cookie kept from before the disabling stays refused: only a new sign-in opens it.
    expect(await loadActor(principal)).toMatchObject({ staffId: id });
    expect(await actorOfSession(session)).toBeNull();
    const again = (await signIn('zj.music'))!.id;
    expect(await actorOfSession({ principal: again, sessionId: await openSession(again) })).toMatchObject({ staffId: id });
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
    const session = { principal: `staff:${id}`, sessionId: await openSession(`staff:${id}`), signedInAt: Date.now() };
    await resetStaffPassword(asAdmin(adminId), id, 'quiet-ferry-amber-77', signedInAt + 1);
    expect(await loadActor(`staff:${id}`, signedInAt)).toBeNull();
    expect(await loadActor(`staff:${id}`, signedInAt + 1)).toMatchObject({ staffId: id });
    // Ended on the server too, whatever sign-in time its cookie claims.
    expect(await actorOfSession(session)).toBeNull();
    expect(await signIn('zj.music')).toBeNull();
    expect(await signIn('zj.music', 'quiet-ferry-amber-77')).toMatchObject({ id: `staff:${id}` });
    const [entry] = await getReader().select().from(auditLog).where(eq(auditLog.action, 'staff.password_reset'));
    expect(JSON.stringify(entry)).not.toMatch(/argon2|quiet-ferry-amber-77/);
    await expect(resetStaffPassword(asAdmin(adminId), 99_999, 'quiet-ferry-amber-77')).rejects.toMatchObject({ code: 'not_found' });
    await expect(resetStaffPassword(asAdmin(adminId), id, 'zj.music.2026!')).rejects.toMatchObject({ code: 'staff_password_weak', fields: { password: 'staff_password_weak' } });
    expect(await signIn('zj.music', 'quiet-ferry-amber-77')).toMatchObject({ id: `staff:${id}` });
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
      const principal = `staff:${op.id}`;
      const [phone, laptop] = [await openSession(principal), await openSession(principal)];
      const changedAt = Date.now();
      expect(await changeOwnPassword(asOperator(op.id), { currentPassword: PASSWORD, newPassword: 'cedar-violet-orbit-19', confirmPassword: 'cedar-violet-orbit-19' }, changedAt, laptop)).toEqual({ username: 'sc.op', changedAt });
      // Sessions signed in before the change have ended; the one that changed it is renewed at changedAt.
      expect(await loadActor(principal, changedAt - 1)).toBeNull();
      expect(await loadActor(principal, changedAt)).toMatchObject({ staffId: op.id });
      expect(await actorOfSession({ principal, sessionId: phone, signedInAt: changedAt })).toBeNull();
      expect(await actorOfSession({ principal, sessionId: laptop, signedInAt: changedAt })).toMatchObject({ staffId: op.id });
      expect(await signIn('sc.op')).toBeNull();
      expect(await signIn('sc.op', 'cedar-violet-orbit-19')).toMatchObject({ id: `staff:${op.id}` });
      const [entry] = await getReader().select().from(auditLog).where(eq(auditLog.action, 'staff.password_change'));
      expect(entry).toMatchObject({ staffId: op.id, entityId: String(op.id) });
      expect(JSON.stringify(entry)).not.toMatch(/argon2|cedar-violet-orbit-19/);
    });

    it('refuses a wrong current password, a mismatch, a too short or unchanged new one, writing nothing', async () => {
      const [{ id }] = (await getReader().select({ id: staff.id }).from(staff).where(eq(staff.username, 'sc.op'))) as [{ id: number }];
      const before = await passwordOf(id);
      const me = asOperator(id);
      await expect(changeOwnPassword(me, { currentPassword: 'not my password', newPassword: 'maple-river-copper-63', confirmPassword: 'maple-river-copper-63' })).rejects.toMatchObject({
        code: 'current_password_wrong',
        fields: { currentPassword: 'current_password_wrong' },
      });
      await expect(changeOwnPassword(me, { currentPassword: 'cedar-violet-orbit-19', newPassword: 'maple-river-copper-63', confirmPassword: 'maple-river-copper-64' })).rejects.toMatchObject({
        issues: [expect.objectContaining({ path: ['confirmPassword'], message: 'password_mismatch' })],
      });
      await expect(changeOwnPassword(me, { currentPassword: 'cedar-violet-orbit-19', newPassword: 'short', confirmPassword: 'short' })).rejects.toMatchObject({
        issues: [expect.objectContaining({ path: ['newPassword'], message: 'staff_password_too_short' })],
      });
      for (const weak of ['Password1234!', 'sc.op.password']) {
        await expect(changeOwnPassword(me, { currentPassword: 'cedar-violet-orbit-19', newPassword: weak, confirmPassword: weak })).rejects.toMatchObject({
          code: 'staff_password_weak',
          fields: { newPassword: 'staff_password_weak' },
        });
      }
      await expect(changeOwnPassword(me, { currentPassword: 'cedar-violet-orbit-19', newPassword: 'cedar-violet-orbit-19', confirmPassword: 'cedar-violet-orbit-19' })).rejects.toMatchObject({
        issues: [expect.objectContaining({ path: ['newPassword'], message: 'password_unchanged' })],
      });
      await expect(changeOwnPassword(me, { currentPassword: '', newPassword: 'maple-river-copper-63', confirmPassword: 'maple-river-copper-63' })).rejects.toMatchObject({
        issues: [expect.objectContaining({ path: ['currentPassword'], message: 'current_password_required' })],
      });
      expect(await passwordOf(id)).toBe(before);
    });

    it('counts wrong current passwords against the sign-in limit, then refuses even the right one', async () => {
      const op = await createStaff(cli, { username: 'sc.guessed', password: PASSWORD, role: 'operator', provinceCode: '510000' });
      const before = await passwordOf(op.id);
      const guess = (currentPassword: string) => changeOwnPassword(asOperator(op.id), { currentPassword, newPassword: 'bright-falcon-tundra-8', confirmPassword: 'bright-falcon-tundra-8' });
      for (let i = 1; i <= SIGN_IN_LIMITS.perAccount; i++) await expect(guess(`guess ${i}`)).rejects.toMatchObject({ code: 'current_password_wrong' });
      await expect(guess(PASSWORD)).rejects.toMatchObject({ code: 'rate_limited', category: 'rate_limited' });
      // The account is locked for sign-in too, and nothing changed.
      await expect(signIn('sc.guessed')).rejects.toThrow('rate_limited');
      expect(await passwordOf(op.id)).toBe(before);
    });

    it('is for staff only, each for their own account', async () => {
      const member: Actor = { kind: 'member', role: 'member', customerId: 1, provinceCode: '510000', name: '客户' };
      await expect(changeOwnPassword(member, { currentPassword: PASSWORD, newPassword: 'maple-river-copper-63', confirmPassword: 'maple-river-copper-63' })).rejects.toMatchObject({ code: 'forbidden' });
      await expect(changeOwnPassword(asOperator(99_999), { currentPassword: PASSWORD, newPassword: 'maple-river-copper-63', confirmPassword: 'maple-river-copper-63' })).rejects.toMatchObject({ code: 'not_found' });
    });
  });

  it('creates one of two accounts of the same name made at once, refusing the other as taken', async () => {
    const admin = await createStaff(cli, { username: 'hq.race', password: PASSWORD, role: 'admin' });
    // At once: on PostgreSQL each creation runs in a transaction of its own, side by side.
    const account = { username: 'gd.race', password: PASSWORD, role: 'analyst' as const, provinceCode: '440000' };
    const settled = await Promise.allSettled([createStaff(asAdmin(admin.id), account), createStaff(asAdmin(admin.id), account)]);
    expect(settled.map((s) => (s.status === 'fulfilled' ? 'done' : (s.reason as { code: string }).code)).sort()).toEqual(['done', 'username_taken']);
    expect(await getReader().$count(staff, eq(staff.username, 'gd.race'))).toBe(1);
  });

  it('leaves one active admin when the last two disable each other at once', async () => {
    const [x, y] = [await createStaff(cli, { username: 'hq.x', password: PASSWORD, role: 'admin' }), await createStaff(cli, { username: 'hq.y', password: PASSWORD, role: 'admin' })];
    await withTransaction((tx) => tx.update(staff).set({ active: false }).where(and(eq(staff.role, 'admin'), notInArray(staff.id, [x.id, y.id]))));
    // At once: on PostgreSQL each runs in a transaction of its own, side by side.
    const settled = await Promise.allSettled([setStaffActive(asAdmin(x.id), y.id, false), setStaffActive(asAdmin(y.id), x.id, false)]);
    expect(settled.map((s) => (s.status === 'fulfilled' ? 'done' : (s.reason as { code: string }).code)).sort()).toEqual(['done', 'last_admin']);
    expect(await getReader().$count(staff, and(eq(staff.role, 'admin'), eq(staff.active, true)))).toBe(1);
  });
});
