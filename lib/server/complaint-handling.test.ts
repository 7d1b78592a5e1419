import { and, eq, isNotNull } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getReader, withTransaction } from '@/db/client';
import { auditLog, complaints, complaintSteps, customers, outbox } from '@/db/schema';
import type { Actor } from '@/lib/domain/access';
import { DAY, HOUR } from '@/lib/domain/time';
import { statsFilters } from '@/lib/validation/stats';
import { withTempDatabase } from '@/tests/temp-database';
import { answerComplaint, confirmComplaint, rateComplaint, reopenComplaint, takeComplaint, transferComplaint } from './complaint-handling';
import { getEscalatedComplaints } from './complaint-escalations';
import { closeUnconfirmedComplaints, escalateOverdueComplaints } from './complaint-jobs';
import { fileComplaint, listComplaints, listComplaintSteps, listMyComplaints } from './complaints';
import { updateHqSettings } from './hq-settings';
import { getComplaintStatistics } from './stats';

withTempDatabase();

const T0 = Date.UTC(2027, 2, 6, 2);
const gd: Actor = { kind: 'staff', role: 'operator', staffId: 1, provinceCode: '440000', clubCodes: null, name: '广东运营' };
const gd2: Actor = { kind: 'staff', role: 'operator', staffId: 2, provinceCode: '440000', clubCodes: null, name: '广东热线' };
const bj: Actor = { kind: 'staff', role: 'operator', staffId: 3, provinceCode: '110000', clubCodes: null, name: '北京运营' };
const admin: Actor = { kind: 'staff', role: 'admin', staffId: 4, provinceCode: null, clubCodes: null, name: '总部管理员' };
let vip: Actor & { kind: 'member' };
let other: Actor & { kind: 'member' };

beforeAll(async () => {
  await withTransaction(async (tx) => {
    await tx.run(
      `insert into staff (id, username, display_name, password_hash, role, province_code, created_at) values (1, 'gd', '广东运营 陈', 'x', 'operator', '440000', 0), (2, 'gd2', '广东热线 林', 'x', 'operator', '440000', 0), (3, 'bj', '北京运营 刘', 'x', 'operator', '110000', 0), (4, 'admin', '总部管理员', 'x', 'admin', null, 0)` as never,
    );
    const [a] = await tx.insert(customers).values({ mobile: '18602009001', name: '贵宾甲', segment: 'postpaid_vip', provinceCode: '440000' }).returning({ id: customers.id });
    const [b] = await tx.insert(customers).values({ mobile: '18602009002', name: '普通乙', segment: 'postpaid', provinceCode: '440000' }).returning({ id: customers.id });
    vip = { kind: 'member', role: 'member', customerId: a!.id, provinceCode: '440000', name: '贵宾甲' };
    other = { kind: 'member', role: 'member', customerId: b!.id, provinceCode: '440000', name: '普通乙' };
  });
});

const stepsOf = async (id: number) => (await listComplaintSteps(gd, [id])).map((s) => [s.step, s.by, s.to, s.note]);

describe('complaint handling (首问服务制)', () => {
  it('is owned by the first who takes it, handed on only by its owner within the province, answered by its owner', async () => {
    const c = await fileComplaint(vip, { topic: 'network', body: '家里3G信号很差，经常掉线。' }, T0);
    expect(c).toMatchObject({ status: 'open', ownerStaffId: null, kind: 'complaint', deadlineAt: T0 + 24 * HOUR });
    await expect(takeComplaint(bj, { complaintId: c.id }, T0 + HOUR)).rejects.toMatchObject({ code: 'not_found' });
    expect(await takeComplaint(gd, { complaintId: c.id }, T0 + HOUR)).toMatchObject({ status: 'in_progress', ownerStaffId: 1 });
    await expect(takeComplaint(gd2, { complaintId: c.id }, T0 + HOUR)).rejects.toMatchObject({ code: 'complaint_already_taken', category: 'conflict' });
    await expect(answerComplaint(gd2, { complaintId: c.id, reply: '已处理' }, T0 + HOUR)).rejects.toMatchObject({ code: 'complaint_not_owner', category: 'forbidden' });
    await expect(transferComplaint(gd2, { complaintId: c.id, toStaffId: 2, reason: '我来跟进' }, T0 + HOUR)).rejects.toMatchObject({ code: 'complaint_not_owner' });
    // Not to another province's operator, nor to an admin, nor to its own owner.
    for (const toStaffId of [3, 4, 1]) await expect(transferComplaint(gd, { complaintId: c.id, toStaffId, reason: '转办' }, T0 + HOUR)).rejects.toMatchObject({ category: 'invalid_input' });
    expect(await transferComplaint(gd, { complaintId: c.id, toStaffId: 2, reason: '信号问题转10010网络专席' }, T0 + 2 * HOUR)).toMatchObject({ status: 'in_progress', ownerStaffId: 2 });
    await expect(answerComplaint(gd, { complaintId: c.id, reply: '已处理' }, T0 + 3 * HOUR)).rejects.toMatchObject({ code: 'complaint_not_owner' });
    expect(await answerComplaint(gd2, { complaintId: c.id, reply: '基站已修复，信号恢复正常。' }, T0 + 3 * HOUR)).toMatchObject({ status: 'answered', ownerStaffId: 2, confirmBy: T0 + 3 * HOUR + 7 * DAY });
    expect(await stepsOf(c.id)).toEqual([
      ['filed', null, null, null],
      ['taken', '广东运营 陈', null, null],
      ['transferred', '广东运营 陈', '广东热线 林', '信号问题转10010网络专席'],
      ['answered', '广东热线 林', null, '基站已修复，信号恢复正常。'],
    ]);
    expect((await getReader().select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.entityId, String(c.id)))).map((a) => a.action)).toEqual(['complaint.take', 'complaint.transfer', 'complaint.resolve']);
    // The member sees who handles it; another province's operator sees none of its history.
    expect((await listMyComplaints(vip)).find((x) => x.id === c.id)?.ownerName).toBe('广东热线 林');
    expect(await listComplaintSteps(bj, [c.id])).toEqual([]);
    expect(await listComplaintSteps(other, [c.id])).toEqual([]);
  });

  it('goes back to its owner when the customer reopens it, with a new deadline, and is confirmed and rated once', async () => {
    const c = await fileComplaint(other, { topic: 'billing', body: '积分扣了两次，请核实。' }, T0);
    await answerComplaint(gd, { complaintId: c.id, reply: '已退还重复扣除的积分。' }, T0 + HOUR);
    await expect(reopenComplaint(vip, { complaintId: c.id, reason: '不是我的' }, T0 + 2 * HOUR)).rejects.toMatchObject({ code: 'not_found' });
    await expect(reopenComplaint(gd, { complaintId: c.id, reason: '代客户' }, T0 + 2 * HOUR)).rejects.toMatchObject({ code: 'forbidden' });
    const reopened = await reopenComplaint(other, { complaintId: c.id, reason: '只退了一半积分。' }, T0 + DAY);
    expect(reopened).toMatchObject({ status: 'in_progress', ownerStaffId: 1, reopenCount: 1, confirmBy: null, deadlineAt: T0 + DAY + 48 * HOUR });
    const queue = await listComplaints(gd, { status: 'open' });
    expect(queue.find((x) => x.id === c.id)).toMatchObject({ ownerName: '广东运营 陈', reopenCount: 1 });
    await expect(confirmComplaint(other, { complaintId: c.id }, T0 + DAY)).rejects.toMatchObject({ code: 'complaint_not_answered' });
    expect(await answerComplaint(gd, { complaintId: c.id, reply: '剩余积分已补退。' }, T0 + DAY + HOUR)).toMatchObject({ status: 'answered', firstAnsweredAt: T0 + HOUR, resolvedAt: T0 + DAY + HOUR });
    expect(await rateComplaint(other, { complaintId: c.id, rating: 4 }, T0 + DAY + 2 * HOUR)).toMatchObject({ rating: 4, status: 'answered' });
    await expect(rateComplaint(other, { complaintId: c.id, rating: 5 }, T0 + DAY + 2 * HOUR)).rejects.toMatchObject({ code: 'complaint_already_rated' });
    expect(await confirmComplaint(other, { complaintId: c.id }, T0 + DAY + 3 * HOUR)).toMatchObject({ status: 'closed', closedAt: T0 + DAY + 3 * HOUR });
    await expect(reopenComplaint(other, { complaintId: c.id, reason: '还是不行' }, T0 + DAY + 4 * HOUR)).rejects.toMatchObject({ code: 'complaint_closed' });
    expect((await stepsOf(c.id)).map((s) => s[0])).toEqual(['filed', 'taken', 'answered', 'reopened', 'answered', 'rated', 'confirmed', 'closed']);
    expect(await getReader().$count(outbox, and(eq(outbox.customerId, other.customerId), eq(outbox.template, 'complaint_resolved'), eq(outbox.channel, 'sms')))).toBe(2);
  });

  it('escalates the unanswered past their deadline once, and closes answers left unconfirmed past the days given', async () => {
    const late = await fileComplaint(other, { topic: 'event', body: '活动现场没有工作人员引导。' }, T0 + 10 * DAY);
    const fresh = await fileComplaint(vip, { topic: 'event', body: '活动改期没有通知我。' }, T0 + 12 * DAY);
    const now = T0 + 10 * DAY + 49 * HOUR;
    expect(await escalateOverdueComplaints(now)).toBe(1);
    expect(await escalateOverdueComplaints(now + HOUR)).toBe(0);
    const [row] = await getReader().select().from(complaints).where(eq(complaints.id, late.id));
    expect(row).toMatchObject({ escalatedAt: now, status: 'open' });
    expect((await listComplaints(gd, { status: 'open' }))[0]!.id).toBe(late.id);
    // HQ sees it per province; a provincial analyst only their province's; operators have the queue instead.
    expect(await getEscalatedComplaints(admin, now)).toEqual([{ provinceCode: '440000', nameZh: '广东省', nameEn: 'Guangdong', escalated: 1, hoursLate: 1 }]);
    expect(await getEscalatedComplaints({ kind: 'staff', role: 'analyst', staffId: 9, provinceCode: '110000', clubCodes: null, name: '北京分析' }, now)).toEqual([]);
    await expect(getEscalatedComplaints(gd, now)).rejects.toMatchObject({ code: 'forbidden' });
    expect(await getReader().$count(complaintSteps, and(eq(complaintSteps.complaintId, late.id), eq(complaintSteps.step, 'escalated')))).toBe(1);
    // HQ's admin reassigns the escalated complaint; its owner answers it.
    await takeComplaint(gd, { complaintId: late.id }, now);
    await transferComplaint(admin, { complaintId: late.id, toStaffId: 2, reason: '总部督办：转热线专席' }, now + HOUR);
    await answerComplaint(gd2, { complaintId: late.id, reply: '已加派引导人员。' }, now + 2 * HOUR);
    // The first scenario's answer, left without a word for seven days, closes first.
    expect(await closeUnconfirmedComplaints(now)).toBe(1);
    expect(await closeUnconfirmedComplaints(now + 2 * HOUR + 7 * DAY - 1)).toBe(0);
    expect(await closeUnconfirmedComplaints(now + 2 * HOUR + 7 * DAY)).toBe(1);
    expect((await getReader().select({ status: complaints.status }).from(complaints).where(eq(complaints.id, late.id)))[0]!.status).toBe('closed');
    await expect(confirmComplaint(other, { complaintId: late.id }, now + 8 * DAY)).rejects.toMatchObject({ code: 'complaint_closed' });
    // Rating stays open after it closed.
    expect(await rateComplaint(other, { complaintId: late.id, rating: 2 }, now + 8 * DAY)).toMatchObject({ rating: 2 });
    expect((await getReader().select({ escalatedAt: complaints.escalatedAt }).from(complaints).where(eq(complaints.id, fresh.id)))[0]!.escalatedAt).toBeNull();
  });

  it('files suggestions beside complaints: no deadline, acknowledged with or without words, then closed', async () => {
    await updateHqSettings(admin, { complaintDeadlineHours: { postpaid_vip: 12, postpaid: 48, prepaid: 48 } }, T0);
    const complaint = await fileComplaint(vip, { topic: 'event', body: '活动签到排队太久。' }, T0 + 20 * DAY);
    expect(complaint.deadlineAt).toBe(T0 + 20 * DAY + 12 * HOUR);
    const s = await fileComplaint(vip, { kind: 'suggestion', topic: 'handset_service', body: '建议营业厅增加手机贴膜服务。' }, T0 + 20 * DAY);
    expect(s).toMatchObject({ kind: 'suggestion', deadlineAt: null, status: 'open' });
    await escalateOverdueComplaints(T0 + 40 * DAY);
    const escalated = await getReader().select({ id: complaints.id }).from(complaints).where(isNotNull(complaints.escalatedAt));
    expect(escalated.map((e) => e.id)).toContain(complaint.id);
    expect(escalated.map((e) => e.id)).not.toContain(s.id);
    expect(await answerComplaint(gd, { complaintId: s.id, reply: '' }, T0 + 21 * DAY)).toMatchObject({ status: 'closed', reply: null, closedAt: T0 + 21 * DAY });
    await expect(rateComplaint(vip, { complaintId: s.id, rating: 5 }, T0 + 21 * DAY)).rejects.toMatchObject({ code: 'suggestion_not_rated' });
    expect((await getReader().select({ template: outbox.template }).from(outbox).where(and(eq(outbox.customerId, vip.customerId), eq(outbox.channel, 'sms')))).map((m) => m.template)).toContain('suggestion_received');
  });

  it('are counted for HQ: answered in time against the deadline, reopened, satisfaction, VIPs apart, and the suggestions beside them', async () => {
    const hq: Actor = { kind: 'staff', role: 'analyst', staffId: 4, provinceCode: null, clubCodes: null, name: '总部分析' };
    const march = statsFilters.parse({ period: 'month', year: '2027', month: '3' });
    // March's five complaints: two answered in time, one answered late, two unanswered past their deadline.
    const s = await getComplaintStatistics(hq, march, T0 + 40 * DAY);
    expect(s).toMatchObject({ received: 5, answered: 3, inTimeRate: 2 / 5, inTimeRateVip: 1 / 3, inTimeRateOthers: 1 / 2, reopened: 1, satisfaction: 3, ratings: 2, suggestions: 1 });
    expect(s.byTopic.find((g) => g.key === 'billing')).toMatchObject({ received: 1, inTimeRate: 1, reopened: 1, satisfaction: 4, ratings: 1 });
    expect((await getComplaintStatistics(hq, { ...march, province: '110000' }, T0 + 40 * DAY)).suggestions).toBe(0);
  });
});
