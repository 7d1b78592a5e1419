import { and, eq, sql } from 'drizzle-orm';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { getReader, withTransaction } from '@/db/client';
import { activities, auditLog, callbacks, complaints, customers } from '@/db/schema';
import type { Actor } from '@/lib/domain/access';
import { callbackPeriodRange } from '@/lib/domain/callback-rules';
import { DAY, HOUR, shanghaiInstant } from '@/lib/domain/time';
import type { CustomerStatus, Segment } from '@/lib/domain/types';
import { expectDerivedNumbersConsistent } from '@/tests/invariants';
import { withTempDatabase } from '@/tests/temp-database';
import { getCallbackTimeliness } from './callback-stats';
import { findCallback, listCallbacks, recentActivity, recordCallback, scheduleVipCallbacks } from './callbacks';

withTempDatabase();

afterEach(expectDerivedNumbersConsistent);

// Mid-May 2027: the second quarter runs from 1 April to 1 July (Beijing time).
const NOW = shanghaiInstant(2027, 5, 15, 10);
const QUARTER = callbackPeriodRange('quarter', NOW);
const gdHotline: Actor = { kind: 'staff', role: 'operator', staffId: 1, provinceCode: '440000', clubCodes: null, name: '广东10010' };
const bjHotline: Actor = { kind: 'staff', role: 'operator', staffId: 2, provinceCode: '110000', clubCodes: null, name: '北京10010' };
const gdManager: Actor = { kind: 'staff', role: 'account_manager', staffId: 3, provinceCode: '440000', clubCodes: null, name: '广东客户经理' };
const otherManager: Actor = { kind: 'staff', role: 'account_manager', staffId: 4, provinceCode: '440000', clubCodes: null, name: '另一位客户经理' };
const gdAnalyst: Actor = { kind: 'staff', role: 'analyst', staffId: 5, provinceCode: '440000', clubCodes: null, name: '广东分析' };
const ids: Record<string, number> = {};

async function customer(name: string, segment: Segment, provinceCode = '440000', status: CustomerStatus = 'active', accountManagerId: number | null = null) {
  const [row] = await withTransaction((tx) =>
    tx
      .insert(customers)
      .values({ mobile: `1860200${String(Object.keys(ids).length).padStart(4, '0')}`, name, segment, provinceCode, status, accountManagerId })
      .returning({ id: customers.id }),
  );
  ids[name] = row!.id;
}

const taskOf = async (name: string) => (await getReader().select().from(callbacks).where(eq(callbacks.customerId, ids[name]!)))[0]!;

beforeAll(async () => {
  await withTransaction(async (tx) => {
    await tx.run(sql`insert into staff (id, username, display_name, password_hash, role, province_code, created_at) values
      (1, 'gd', '广东10010', 'x', 'operator', '440000', 0), (2, 'bj', '北京10010', 'x', 'operator', '110000', 0),
      (3, 'gd.manager', '广东客户经理', 'x', 'account_manager', '440000', 0), (4, 'gd.manager2', '另一位客户经理', 'x', 'account_manager', '440000', 0),
      (5, 'gd.analyst', '广东分析', 'x', 'analyst', '440000', 0)`);
  });
  await customer('陈思远', 'postpaid_vip', '440000', 'active', 3);
  await customer('林晓', 'postpaid_vip');
  await customer('黄伟', 'postpaid_vip');
  await customer('周敏', 'postpaid');
  await customer('吴强', 'postpaid_vip', '440000', 'suspended');
  await customer('王芳', 'postpaid_vip', '110000');
});

describe('the periodic callback job', () => {
  it('gives every active VIP one task of the period, due on a day within it, assigned to their account manager', async () => {
    // Two servers at once, then a later run: still one task each.
    const [a, b] = await Promise.all([scheduleVipCallbacks(NOW), scheduleVipCallbacks(NOW)]);
    expect(a + b).toBeGreaterThanOrEqual(4);
    expect(await scheduleVipCallbacks(NOW + HOUR)).toBe(0);
    const tasks = await getReader().select().from(callbacks);
    expect(tasks.map((t) => t.customerId).sort((x, y) => x - y)).toEqual([ids['陈思远'], ids['林晓'], ids['黄伟'], ids['王芳']].sort((x, y) => x! - y!));
    for (const t of tasks) {
      expect(t).toMatchObject({ kind: 'periodic', periodStart: QUARTER.start, status: 'open', attempts: 0, eventId: null });
      // Made mid-period: due from today on, within the quarter.
      expect(t.dueAt).toBeGreaterThanOrEqual(shanghaiInstant(2027, 5, 15));
      expect(t.dueAt).toBeLessThan(QUARTER.end);
    }
    expect((await taskOf('陈思远')).assignedStaffId).toBe(3);
    expect((await taskOf('林晓')).assignedStaffId).toBeNull();
  });

  it('gives a customer who became a VIP mid-period theirs on the next run, and the next period a new one each', async () => {
    await withTransaction((tx) => tx.update(customers).set({ segment: 'postpaid_vip' }).where(eq(customers.id, ids['周敏']!)));
    expect(await scheduleVipCallbacks(NOW + 2 * HOUR)).toBe(1);
    expect(await taskOf('周敏')).toMatchObject({ kind: 'periodic', periodStart: QUARTER.start });
    await withTransaction((tx) => tx.update(customers).set({ segment: 'postpaid' }).where(eq(customers.id, ids['周敏']!)));
    const next = QUARTER.end + DAY;
    expect(await scheduleVipCallbacks(next)).toBe(4);
    await withTransaction((tx) => tx.delete(callbacks).where(eq(callbacks.periodStart, QUARTER.end)));
  });
});

describe('the queue', () => {
  it('lists the due tasks of the province, overdue first, and none of other provinces', async () => {
    // Pin the due days: 林晓 overdue since 10 May, 黄伟 due today, 周敏 due next week.
    const pin = (name: string, dueAt: number) => withTransaction((tx) => tx.update(callbacks).set({ dueAt }).where(eq(callbacks.customerId, ids[name]!)));
    await pin('林晓', shanghaiInstant(2027, 5, 10));
    await pin('黄伟', shanghaiInstant(2027, 5, 15));
    await pin('周敏', shanghaiInstant(2027, 5, 22));
    await pin('陈思远', shanghaiInstant(2027, 5, 15));
    await pin('王芳', shanghaiInstant(2027, 5, 14));
    expect((await listCallbacks(gdHotline, 'open', NOW)).map((c) => c.name)).toEqual(['林晓', '黄伟']);
    expect((await listCallbacks(bjHotline, 'open', NOW)).map((c) => c.name)).toEqual(['王芳']);
    await expect(listCallbacks(gdAnalyst, 'open', NOW)).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('gives an account manager their VIPs\' tasks first; the hotline gets them once overdue', async () => {
    expect((await listCallbacks(gdManager, 'open', NOW)).map((c) => c.name)).toEqual(['陈思远']);
    expect(await listCallbacks(otherManager, 'open', NOW)).toEqual([]);
    const dayAfter = shanghaiInstant(2027, 5, 16, 9);
    // Overdue since this midnight, it joins by its due day (ties by age of the task).
    expect((await listCallbacks(gdHotline, 'open', dayAfter)).map((c) => c.name)).toEqual(['林晓', '陈思远', '黄伟']);
  });

  it('shows the customers\' recent activity to those who work their tasks only', async () => {
    await withTransaction((tx) => tx.insert(activities).values({ customerId: ids['林晓']!, kind: 'complaint', channel: 'hall', occurredAt: NOW - DAY, data: { step: 'filed', topic: 'network' } }));
    const recent = await recentActivity(gdHotline, [ids['林晓']!]);
    expect(recent.get(ids['林晓']!)?.map((r) => r.kind)).toEqual(['complaint']);
    expect((await recentActivity(bjHotline, [ids['林晓']!])).size).toBe(0);
    expect((await recentActivity(gdManager, [ids['林晓']!])).size).toBe(0);
  });
});

describe('recording an attempt', () => {
  it('retries a VIP not reached after the retry hours, and ends not reached after the last attempt', async () => {
    const task = await taskOf('林晓');
    const first = await recordCallback(gdHotline, { callbackId: task.id, outcome: 'not_reached', opinion: '' }, NOW);
    expect(first).toMatchObject({ status: 'open', nextAttemptAt: NOW + 24 * HOUR });
    expect((await listCallbacks(gdHotline, 'open', NOW + HOUR)).map((c) => c.name)).not.toContain('林晓');
    await expect(recordCallback(gdHotline, { callbackId: task.id, outcome: 'reached', opinion: '' }, NOW + HOUR)).rejects.toMatchObject({ code: 'callback_retry_later' });
    // The retry comes back behind the tasks due since yesterday.
    expect((await listCallbacks(gdHotline, 'open', NOW + 24 * HOUR)).map((c) => c.name)).toEqual(['陈思远', '黄伟', '林晓']);
    await recordCallback(gdHotline, { callbackId: task.id, outcome: 'not_reached', opinion: '' }, NOW + 24 * HOUR);
    const last = await recordCallback(gdHotline, { callbackId: task.id, outcome: 'not_reached', opinion: '三次无人接听' }, NOW + 48 * HOUR);
    expect(last).toMatchObject({ status: 'not_reached', nextAttemptAt: null });
    expect(await taskOf('林晓')).toMatchObject({ status: 'not_reached', attempts: 3, completedAt: NOW + 48 * HOUR, opinion: '三次无人接听', staffId: 1 });
    const facts = await getReader().select({ data: activities.data, channel: activities.channel }).from(activities).where(and(eq(activities.customerId, ids['林晓']!), eq(activities.kind, 'callback')));
    expect(facts.map((f) => [f.channel, (f.data as { attempt: number; final: boolean }).attempt, (f.data as { final: boolean }).final])).toEqual([
      ['hotline', 1, false],
      ['hotline', 2, false],
      ['hotline', 3, true],
    ]);
    await expect(recordCallback(gdHotline, { callbackId: task.id, outcome: 'reached', opinion: '' }, NOW + 49 * HOUR)).rejects.toMatchObject({ code: 'callback_done' });
  });

  it('records the opinion and files a follow-up complaint through the hotline in the same step', async () => {
    const task = await taskOf('黄伟');
    const done = await recordCallback(gdHotline, { callbackId: task.id, outcome: 'reached', opinion: '地下车库信号弱，希望尽快解决', complaint: { kind: 'complaint', topic: 'network', body: '家里地下车库完全没有3G信号。' } }, NOW);
    expect(done).toMatchObject({ status: 'reached' });
    const [complaint] = await getReader().select().from(complaints).where(eq(complaints.customerId, ids['黄伟']!));
    expect(complaint).toMatchObject({ id: done.complaintId, kind: 'complaint', channel: 'hotline', topic: 'network', provinceCode: '440000' });
    const kinds = await getReader().select({ kind: activities.kind }).from(activities).where(eq(activities.customerId, ids['黄伟']!));
    expect(kinds.map((k) => k.kind).sort()).toEqual(['callback', 'complaint']);
    // Done, latest first: 黄伟 now, 林晓's last attempt two days on.
    expect((await listCallbacks(gdHotline, 'done', NOW)).map((c) => [c.name, c.status, c.opinion])).toEqual([
      ['林晓', 'not_reached', '三次无人接听'],
      ['黄伟', 'reached', '地下车库信号弱，希望尽快解决'],
    ]);
    expect((await getReader().select().from(auditLog).where(and(eq(auditLog.action, 'callback.record'), eq(auditLog.entityId, String(task.id))))).length).toBe(1);
  });

  it('lets an account manager act for their own VIPs only, and nobody outside the province', async () => {
    const mine = await taskOf('陈思远');
    const theirs = await taskOf('周敏');
    await expect(recordCallback(otherManager, { callbackId: mine.id, outcome: 'reached', opinion: '' }, NOW)).rejects.toMatchObject({ code: 'not_found' });
    await expect(recordCallback(gdManager, { callbackId: theirs.id, outcome: 'reached', opinion: '' }, NOW)).rejects.toMatchObject({ code: 'not_found' });
    await expect(recordCallback(bjHotline, { callbackId: mine.id, outcome: 'reached', opinion: '' }, NOW)).rejects.toMatchObject({ code: 'not_found' });
    await expect(recordCallback(gdAnalyst, { callbackId: mine.id, outcome: 'reached', opinion: '' }, NOW)).rejects.toMatchObject({ code: 'not_found' });
    expect(await findCallback(otherManager, mine.id)).toBeUndefined();
    await recordCallback(gdManager, { callbackId: mine.id, outcome: 'declined', opinion: '最近很忙，下次再聊' }, NOW);
    expect(await taskOf('陈思远')).toMatchObject({ status: 'declined', staffId: 3, attempts: 1 });
    expect(await findCallback(gdManager, mine.id)).toMatchObject({ name: '陈思远', status: 'declined' });
  });
});

describe('VIPs called on time', () => {
  const hqAnalyst: Actor = { kind: 'staff', role: 'analyst', staffId: 5, provinceCode: null, clubCodes: null, name: '总部分析' };
  const may = <T extends { month: string }>(cells: T[]) => cells.find((c) => c.month === '2027-05');

  it('counts per province and month of the due day: final by the due day plus the retries, late after, pending within', async () => {
    // 黄伟 reached and 陈思远 declined on their due day; 林晓's last attempt came after the 3 days allowed; 周敏 is due next week.
    const gd = await getCallbackTimeliness(gdAnalyst, { year: 2027 }, NOW + 3 * DAY);
    expect(gd.rows.map((r) => r.provinceCode)).toEqual(['440000']);
    expect(may(gd.rows[0]!.cells)).toEqual({ month: '2027-05', settled: 3, onTime: 2, pending: 1, share: 66.6 });
    // HQ sees every province; 王芳 (北京, due 14 May) was never called: late once her 3 days are over.
    const hq = await getCallbackTimeliness(hqAnalyst, { year: 2027 }, shanghaiInstant(2027, 5, 16));
    expect(hq.rows.map((r) => [r.provinceCode, may(r.cells)?.settled, may(r.cells)?.onTime])).toEqual([
      ['110000', 0, 0],
      ['440000', 3, 2],
    ]);
    expect(may((await getCallbackTimeliness(hqAnalyst, { year: 2027, province: '110000' }, shanghaiInstant(2027, 5, 18))).rows[0]!.cells)).toMatchObject({ settled: 1, onTime: 0 });
    await expect(getCallbackTimeliness(gdHotline, { year: 2027 })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(getCallbackTimeliness(gdAnalyst, { year: 2027, province: '110000' })).rejects.toMatchObject({ code: 'forbidden' });
  });
});
