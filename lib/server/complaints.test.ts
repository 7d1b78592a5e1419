import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getReader, withTransaction } from '@/db/client';
import { activities, auditLog, complaints, customers, outbox } from '@/db/schema';
import type { Actor } from '@/lib/domain/access';
import type { Segment } from '@/lib/domain/types';
import { complaintInput } from '@/lib/validation/complaints';
import { statsFilters } from '@/lib/validation/stats';
import { withTempDatabase } from '@/tests/temp-database';
import { answerComplaint } from './complaint-handling';
import { fileComplaint, listComplaints, listMyComplaints } from './complaints';
import { getComplaintStatistics } from './stats';

withTempDatabase();

const T0 = Date.UTC(2027, 2, 6, 2);
const gd: Actor = { kind: 'staff', role: 'operator', staffId: 1, provinceCode: '440000', clubCodes: ['music'], name: '广东运营' };
const bj: Actor = { kind: 'staff', role: 'operator', staffId: 2, provinceCode: '110000', clubCodes: null, name: '北京运营' };
const analyst: Actor = { kind: 'staff', role: 'analyst', staffId: 3, provinceCode: '440000', clubCodes: null, name: '广东分析' };
const hqAnalyst: Actor = { kind: 'staff', role: 'analyst', staffId: 4, provinceCode: null, clubCodes: null, name: '总部分析' };
const members: Record<string, Actor & { kind: 'member' }> = {};

beforeAll(async () => {
  await withTransaction(async (tx) => {
    await tx.run(`insert into staff (id, username, display_name, password_hash, role, province_code, created_at) values (1, 'gd', '广东运营', 'x', 'operator', '440000', 0), (2, 'bj', '北京运营', 'x', 'operator', '110000', 0)` as never);
    for (const [i, [name, segment]] of ([['普通甲', 'postpaid'], ['贵宾乙', 'postpaid_vip'], ['预付丙', 'prepaid']] as [string, Segment][]).entries()) {
      const [c] = await tx.insert(customers).values({ mobile: `1860200100${i}`, name, segment, provinceCode: '440000' }).returning({ id: customers.id });
      members[name] = { kind: 'member', role: 'member', customerId: c!.id, provinceCode: '440000', name };
    }
  });
});

describe('complaints', () => {
  it('are filed by members, recorded and acknowledged, and queued VIPs first, then the oldest', async () => {
    const first = await fileComplaint(members['普通甲']!, complaintInput.parse({ topic: 'event', body: '活动推迟了一个小时开始，没有任何通知。' }), T0);
    await fileComplaint(members['预付丙']!, { topic: 'billing', body: '积分扣了两次。' }, T0 + 1000);
    const vip = await fileComplaint(members['贵宾乙']!, { topic: 'network', body: '家里3G信号很差，经常掉线。' }, T0 + 2000);
    expect(first).toMatchObject({ status: 'open', segment: 'postpaid', channel: 'web', provinceCode: '440000' });
    expect((await listComplaints(gd, { status: 'open' })).map((c) => c.id)).toEqual([vip.id, first.id, first.id + 1]);
    const [fact] = await getReader().select().from(activities).where(and(eq(activities.kind, 'complaint'), eq(activities.refId, first.id)));
    expect(fact).toMatchObject({ customerId: members['普通甲']!.customerId, data: { step: 'filed', topic: 'event' } });
    const sms = await getReader().select().from(outbox).where(and(eq(outbox.customerId, members['普通甲']!.customerId), eq(outbox.channel, 'sms')));
    expect(sms.map((m) => m.body)).toEqual(['【3G客户俱乐部】我们已收到您3月6日 10:00关于「俱乐部活动」的投诉，将尽快处理并答复您。']);
  });

  it('are answered once by an operator of the province, and the member sees the answer', async () => {
    const [open] = await listComplaints(gd, { status: 'open' });
    await expect(answerComplaint(bj, { complaintId: open!.id, reply: '已处理' })).rejects.toMatchObject({ code: 'not_found' });
    await expect(answerComplaint(analyst, { complaintId: open!.id, reply: '已处理' })).rejects.toMatchObject({ code: 'not_found' });
    await expect(answerComplaint(gd, { complaintId: open!.id, reply: '  ' })).rejects.toMatchObject({ code: 'reply_required', fields: { reply: 'reply_required' } });
    const resolved = await answerComplaint(gd, { complaintId: open!.id, reply: '已联系基站维护，信号已恢复，感谢您的反馈。' }, T0 + 3600_000);
    expect(resolved).toMatchObject({ status: 'answered', ownerStaffId: 1, resolvedByStaffId: 1, resolvedAt: T0 + 3600_000, firstAnsweredAt: T0 + 3600_000, confirmBy: T0 + 3600_000 + 7 * 86_400_000 });
    await expect(answerComplaint(gd, { complaintId: open!.id, reply: '再次答复' })).rejects.toMatchObject({ code: 'complaint_already_answered', category: 'conflict' });

    const vip = members['贵宾乙']!;
    expect((await listMyComplaints(vip)).map((c) => [c.status, c.reply, c.ownerName])).toEqual([['answered', '已联系基站维护，信号已恢复，感谢您的反馈。', '广东运营']]);
    const [inapp] = await getReader().select().from(outbox).where(and(eq(outbox.customerId, vip.customerId), eq(outbox.template, 'complaint_resolved'), eq(outbox.channel, 'inapp')));
    expect(inapp!.params).toMatchObject({ event: '网络信号', eventEn: 'Network coverage', reply: '已联系基站维护，信号已恢复，感谢您的反馈。' });
    const [entry] = await getReader().select().from(auditLog).where(eq(auditLog.action, 'complaint.resolve'));
    expect(entry).toMatchObject({ staffId: 1, entityId: String(open!.id) });
    expect((await listComplaints(gd, { status: 'answered' })).map((c) => c.id)).toEqual([open!.id]);
    expect(await listComplaints(gd, { status: 'open' })).toHaveLength(2);
  });

  it('are filed by an operator of the province for a customer who complains at a hall or on the hotline, naming the channel', async () => {
    const customerId = members['预付丙']!.customerId;
    const complaint = { customerId, topic: 'handset_service' as const, body: '来电反映：预约维修的手机超过承诺时间仍未修好。' };
    await expect(fileComplaint(bj, { ...complaint, channel: 'hotline' })).rejects.toMatchObject({ code: 'not_found' });
    await expect(fileComplaint(analyst, { ...complaint, channel: 'hotline' })).rejects.toMatchObject({ code: 'not_found' });
    await expect(fileComplaint(gd, complaint)).rejects.toMatchObject({ code: 'channel_required' });
    await expect(fileComplaint(gd, { ...complaint, channel: 'web' })).rejects.toMatchObject({ code: 'channel_required' });
    const filed = await fileComplaint(gd, { ...complaint, channel: 'hotline', idempotencyKey: 'record-page-0001' }, T0 + 7200_000);
    // Taken down by the operator, who owns it from then on (首问服务制).
    expect(filed).toMatchObject({ customerId, channel: 'hotline', segment: 'prepaid', status: 'in_progress', ownerStaffId: 1, deadlineAt: T0 + 7200_000 + 48 * 3600_000 });
    // The form sent twice (the page's key): one complaint.
    expect(await fileComplaint(gd, { ...complaint, channel: 'hotline', idempotencyKey: 'record-page-0001' }, T0 + 7201_000)).toEqual(filed);
    expect(await getReader().$count(complaints, eq(complaints.customerId, customerId))).toBe(2);
    const [fact] = await getReader().select().from(activities).where(and(eq(activities.kind, 'complaint'), eq(activities.refId, filed.id)));
    expect(fact).toMatchObject({ customerId, channel: 'hotline', staffId: 1, data: { step: 'filed', topic: 'handset_service' } });
    const [entry] = await getReader().select().from(auditLog).where(eq(auditLog.action, 'complaint.file'));
    expect(entry).toMatchObject({ staffId: 1, entityId: String(filed.id), after: { customerId, topic: 'handset_service', channel: 'hotline' } });
    expect((await listMyComplaints(members['预付丙']!)).map((c) => c.channel)).toEqual(['hotline', 'web']);
    expect((await listComplaints(gd, { status: 'open' })).at(-1)!.id).toBe(filed.id);
  });

  it('stay within their province and their customer', async () => {
    expect(await listComplaints(bj, { status: 'open' })).toEqual([]);
    await expect(listComplaints(analyst, { status: 'open' })).rejects.toMatchObject({ code: 'not_found' });
    await expect(fileComplaint(gd, { topic: 'other', body: '没有指明是哪位客户的投诉', channel: 'hall' })).rejects.toMatchObject({ code: 'not_found' });
    expect(await listMyComplaints(members['预付丙']!)).toHaveLength(2);
    await expect(listMyComplaints(gd)).rejects.toMatchObject({ code: 'forbidden' });
    expect(complaintInput.safeParse({ topic: 'weather', body: '短' }).error?.issues.map((i) => i.message)).toEqual(['topic_required', 'complaint_too_short']);
    expect(await getReader().$count(complaints)).toBe(4);
  });

  it('are counted for analysts: their province, or every province at HQ, by the period of filing and the segment and channel filters', async () => {
    const march = statsFilters.parse({ period: 'month', year: '2027', month: '3' });
    const now = T0 + 5 * 3600_000;
    const gdStats = await getComplaintStatistics(analyst, march, now);
    // Four complaints of the scenario above: the VIP's (filed at T0 + 2 s) answered at T0 + 1 h, the others open.
    const vipHours = (3600_000 - 2000) / 3600_000;
    expect(gdStats).toMatchObject({ received: 4, answered: 1, open: 3, vipShare: 0.25, medianHours: vipHours, medianHoursVip: vipHours, medianHoursOthers: null, oldestOpenHours: 5 });
    expect(gdStats.byTopic.map((g) => [g.key, g.received])).toEqual([
      ['billing', 1],
      ['event', 1],
      ['handset_service', 1],
      ['network', 1],
    ]);
    expect(gdStats.byChannel.map((g) => [g.key, g.received])).toEqual([
      ['web', 3],
      ['hotline', 1],
    ]);
    expect(await getComplaintStatistics(hqAnalyst, march, now)).toEqual(gdStats);
    expect((await getComplaintStatistics(hqAnalyst, { ...march, province: '110000' }, now)).received).toBe(0);
    expect((await getComplaintStatistics(analyst, { ...march, segment: 'prepaid' }, now)).received).toBe(2);
    expect((await getComplaintStatistics(analyst, { ...march, channel: 'hotline' }, now)).byTopic.map((g) => g.key)).toEqual(['handset_service']);
    expect((await getComplaintStatistics(analyst, statsFilters.parse({ period: 'month', year: '2027', month: '2' }), now)).received).toBe(0);
    await expect(getComplaintStatistics(analyst, { ...march, province: '110000' }, now)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(getComplaintStatistics(gd, march, now)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(getComplaintStatistics(members['贵宾乙']!, march, now)).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('are answered once when two operators answer at once', async () => {
    const filed = await fileComplaint(members['普通甲']!, { topic: 'billing', body: '账单里多了一项增值业务。' }, T0 + 7200_000);
    // At once: on PostgreSQL each answer runs in a transaction of its own, side by side.
    const settled = await Promise.allSettled(['已退费。', '已取消该业务。'].map((reply) => answerComplaint(gd, { complaintId: filed.id, reply }, T0 + 9000_000)));
    expect(settled.map((s) => (s.status === 'fulfilled' ? 'done' : (s.reason as { code: string }).code)).sort()).toEqual(['complaint_already_answered', 'done']);
    const steps = await getReader().select({ data: activities.data }).from(activities).where(and(eq(activities.kind, 'complaint'), eq(activities.refId, filed.id)));
    expect(steps.map((s) => s.data?.step).sort()).toEqual(['filed', 'resolved']);
    expect(await getReader().$count(outbox, and(eq(outbox.customerId, members['普通甲']!.customerId), eq(outbox.template, 'complaint_resolved'), eq(outbox.channel, 'inapp')))).toBe(1);
  });
});
