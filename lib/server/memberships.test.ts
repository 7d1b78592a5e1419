import { and, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getReader, withTransaction } from '@/db/client';
import { activities, auditLog, clubs, customers, memberships } from '@/db/schema';
import type { Actor } from '@/lib/domain/access';
import { withTempDatabase } from '@/tests/temp-database';
import { clubMemberFilters } from '@/lib/validation/members';
import { searchCustomers } from './customers';
import { CLUB_MEMBERS_COUNT_CAP, joinClub, leaveClub, listClubMembers } from './memberships';

withTempDatabase();

const ids: Record<string, number> = {};
const member = (name: string, provinceCode = '440000'): Actor => ({ kind: 'member', role: 'member', customerId: ids[name]!, provinceCode, name });
const gdOperator: Actor = { kind: 'staff', role: 'operator', staffId: 1, provinceCode: '440000', clubCodes: null, name: '广东运营' };
const gdFilmOperator: Actor = { kind: 'staff', role: 'operator', staffId: 1, provinceCode: '440000', clubCodes: ['film'], name: '广东影视运营' };
const bjOperator: Actor = { kind: 'staff', role: 'operator', staffId: 2, provinceCode: '110000', clubCodes: null, name: '北京运营' };
const gdAnalyst: Actor = { kind: 'staff', role: 'analyst', staffId: 3, provinceCode: '440000', clubCodes: null, name: '广东分析' };
const admin: Actor = { kind: 'staff', role: 'admin', staffId: 4, provinceCode: null, clubCodes: null, name: '总部' };

beforeAll(async () => {
  await withTransaction(async (tx) => {
    await tx.run(sql`insert into staff (id, username, display_name, password_hash, role, province_code, created_at) values
      (1, 'gd', '广东运营', 'x', 'operator', '440000', 0), (2, 'bj', '北京运营', 'x', 'operator', '110000', 0),
      (3, 'gda', '广东分析', 'x', 'analyst', '440000', 0), (4, 'hq', '总部', 'x', 'admin', null, 0)`);
    const rows = await tx
      .insert(customers)
      .values([
        { mobile: '18600000001', name: '陈一', segment: 'postpaid', provinceCode: '440000' },
        { mobile: '18600000002', name: '陈二', segment: 'prepaid', provinceCode: '440000', status: 'suspended' },
        { mobile: '18600000003', name: '王三', segment: 'prepaid', provinceCode: '110000' },
        { mobile: '18600000004', name: '李四', segment: 'postpaid_vip', provinceCode: '440000' },
      ])
      .returning({ id: customers.id, name: customers.name });
    for (const r of rows) ids[r.name] = r.id;
  });
});

const count = async (table: typeof activities | typeof auditLog | typeof memberships, customerId?: number) =>
  (await getReader().select({ n: sql<number>`count(*)` }).from(table).where(customerId && table !== auditLog ? eq((table as typeof activities).customerId, customerId) : undefined))[0]!.n;

describe('joining and leaving', () => {
  it('lets a member join through the web, writing the membership, an activity and no audit entry', async () => {
    const audits = await count(auditLog);
    const m = await joinClub(member('陈一'), { customerId: ids['陈一']!, clubCode: 'music' }, 1_000);
    expect(m).toMatchObject({ clubCode: 'music', joinChannel: 'web', provinceCode: '440000', leftAt: null });
    const facts = await getReader().select().from(activities).where(eq(activities.customerId, ids['陈一']!));
    expect(facts).toMatchObject([{ kind: 'joined', clubCode: 'music', channel: 'web', occurredAt: 1_000 }]);
    expect(await count(auditLog)).toBe(audits);
  });

  it('refuses a second open membership, and leaving then rejoining makes a new period', async () => {
    await expect(joinClub(member('陈一'), { customerId: ids['陈一']!, clubCode: 'music' })).rejects.toMatchObject({ code: 'already_member' });
    await leaveClub(member('陈一'), { customerId: ids['陈一']!, clubCode: 'music' }, 2_000);
    await expect(leaveClub(member('陈一'), { customerId: ids['陈一']!, clubCode: 'music' })).rejects.toMatchObject({ code: 'not_member' });
    await joinClub(member('陈一'), { customerId: ids['陈一']!, clubCode: 'music' }, 3_000);
    const periods = await getReader()
      .select({ joinedAt: memberships.joinedAt, leftAt: memberships.leftAt })
      .from(memberships)
      .where(and(eq(memberships.customerId, ids['陈一']!), eq(memberships.clubCode, 'music')))
      .orderBy(memberships.joinedAt);
    expect(periods).toEqual([
      { joinedAt: 1_000, leftAt: 2_000 },
      { joinedAt: 3_000, leftAt: null },
    ]);
    const kinds = (await getReader().select({ kind: activities.kind }).from(activities).where(eq(activities.customerId, ids['陈一']!)).orderBy(activities.id)).map((a) => a.kind);
    expect(kinds).toEqual(['joined', 'left', 'joined']);
  });

  it('refuses a suspended customer and a segment the club does not admit, writing nothing', async () => {
    const before = await count(memberships);
    await expect(joinClub(gdOperator, { customerId: ids['陈二']!, clubCode: 'film', channel: 'hall' })).rejects.toMatchObject({ code: 'customer_not_active' });
    await withTransaction(async (tx) => {
      await tx.update(clubs).set({ allowedSegments: ['postpaid_vip'] }).where(eq(clubs.code, 'gaming'));
    });
    await expect(joinClub(member('陈一'), { customerId: ids['陈一']!, clubCode: 'gaming' })).rejects.toMatchObject({ code: 'segment_not_allowed' });
    expect((await joinClub(member('李四'), { customerId: ids['李四']!, clubCode: 'gaming' })).clubCode).toBe('gaming');
    expect(await count(memberships)).toBe(before + 1);
  });

  it('opens one membership for two joins at once, and ends it once for two leaves at once', async () => {
    // At once: on PostgreSQL each runs in a transaction of its own, side by side.
    const change = { customerId: ids['李四']!, clubCode: 'handset' as const };
    const outcomes = (settled: PromiseSettledResult<unknown>[]) => settled.map((s) => (s.status === 'fulfilled' ? 'done' : (s.reason as { code: string }).code)).sort();
    expect(outcomes(await Promise.allSettled([joinClub(member('李四'), change, 5_000), joinClub(member('李四'), change, 5_000)]))).toEqual(['already_member', 'done']);
    expect(outcomes(await Promise.allSettled([leaveClub(member('李四'), change, 6_000), leaveClub(member('李四'), change, 6_000)]))).toEqual(['done', 'not_member']);
    const facts = await getReader().select({ kind: activities.kind }).from(activities).where(and(eq(activities.customerId, ids['李四']!), eq(activities.clubCode, 'handset')));
    expect(facts.map((f) => f.kind).sort()).toEqual(['joined', 'left']);
    expect(await getReader().select({ leftAt: memberships.leftAt }).from(memberships).where(and(eq(memberships.customerId, ids['李四']!), eq(memberships.clubCode, 'handset')))).toEqual([{ leftAt: 6_000 }]);
  });

  it('lets an operator of the province enroll and withdraw with a channel, audit-logged', async () => {
    const audits = await count(auditLog);
    await expect(joinClub(gdOperator, { customerId: ids['陈一']!, clubCode: 'film' })).rejects.toMatchObject({ code: 'channel_required' });
    const m = await joinClub(gdOperator, { customerId: ids['陈一']!, clubCode: 'film', channel: 'hotline' });
    expect(m).toMatchObject({ joinChannel: 'hotline', joinedByStaffId: 1 });
    await leaveClub(gdOperator, { customerId: ids['陈一']!, clubCode: 'film', channel: 'hall' });
    const entries = await getReader().select({ action: auditLog.action, staffId: auditLog.staffId }).from(auditLog).orderBy(auditLog.id);
    expect(entries.slice(audits)).toEqual([
      { action: 'membership.join', staffId: 1 },
      { action: 'membership.leave', staffId: 1 },
    ]);
    const last = await getReader().select().from(activities).where(eq(activities.customerId, ids['陈一']!)).orderBy(sql`${activities.id} desc`).limit(1);
    expect(last[0]).toMatchObject({ kind: 'left', clubCode: 'film', channel: 'hall', staffId: 1 });
  });

  it('hides customers of other provinces and of other members, refuses clubs outside an operator\'s scope and analysts', async () => {
    const change = { customerId: ids['陈一']!, clubCode: 'handset' as const, channel: 'hall' as const };
    await expect(joinClub(bjOperator, change)).rejects.toMatchObject({ code: 'not_found' });
    await expect(joinClub(gdFilmOperator, change)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(joinClub(gdAnalyst, change)).rejects.toMatchObject({ code: 'not_found' });
    await expect(joinClub(member('李四'), { customerId: ids['陈一']!, clubCode: 'handset' })).rejects.toMatchObject({ code: 'not_found' });
    expect((await joinClub(admin, change)).joinedByStaffId).toBe(4);
  });
});

describe('finding customers and listing members', () => {
  it('searches by full number or name prefix inside the operator\'s province, masking for HQ-less views', async () => {
    expect((await searchCustomers(gdOperator, '186 0000 0001')).map((c) => c.name)).toEqual(['陈一']);
    expect((await searchCustomers(gdOperator, '陈')).map((c) => c.name)).toEqual(['陈一', '陈二']);
    expect(await searchCustomers(bjOperator, '18600000001')).toEqual([]);
    expect((await searchCustomers(admin, '王'))[0]).toMatchObject({ name: '王三', mobile: '18600000003', masked: false });
    await expect(searchCustomers(gdAnalyst, '陈')).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('lists a club\'s members of the operator\'s province only, with filters and sorting', async () => {
    await joinClub(bjOperator, { customerId: ids['王三']!, clubCode: 'music', channel: 'hall' });
    const gd = await listClubMembers(gdOperator, 'music', clubMemberFilters.parse({}));
    expect(gd.rows.map((r) => r.name)).toEqual(['陈一']);
    expect(gd.total).toBe(1);
    const hq = await listClubMembers(admin, 'music', clubMemberFilters.parse({ sort: 'name' }));
    expect(hq.rows.map((r) => r.name)).toEqual(['王三', '陈一']);
    const bjOnly = await listClubMembers(admin, 'music', clubMemberFilters.parse({ province: '110000' }));
    expect(bjOnly.rows.map((r) => r.name)).toEqual(['王三']);
    const left = await listClubMembers(gdOperator, 'music', clubMemberFilters.parse({ state: 'left' }));
    expect(left.rows.map((r) => r.name)).toEqual(['陈一']);
    const vip = await listClubMembers(gdOperator, 'gaming', clubMemberFilters.parse({ segment: 'postpaid_vip' }));
    expect(vip.rows.map((r) => r.name)).toEqual(['李四']);
    await expect(listClubMembers(gdFilmOperator, 'music', clubMemberFilters.parse({}))).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('ignores malformed filters from the URL instead of failing', () => {
    expect(clubMemberFilters.parse({ segment: 'gold', page: '-3', sort: 'drop table', joinedFrom: '2026-13' })).toEqual({ state: 'current', sort: 'joined_desc', page: 1 });
  });

  it('counts exactly from the membership index, and caps counts that need every customer row', async () => {
    await withTransaction(async (tx) => {
      for (let i = 0; i < CLUB_MEMBERS_COUNT_CAP + 5; i++) {
        const [row] = await tx.insert(customers).values({ mobile: `1550${String(i).padStart(7, '0')}`, name: `会员${i}`, segment: 'postpaid_vip', provinceCode: '650000' }).returning({ id: customers.id });
        await tx.insert(memberships).values({ customerId: row!.id, clubCode: 'handset', provinceCode: '650000', joinedAt: i, joinChannel: 'hall' });
      }
    });
    const all = await listClubMembers(admin, 'handset', clubMemberFilters.parse({ province: '650000' }));
    expect(all).toMatchObject({ total: CLUB_MEMBERS_COUNT_CAP + 5, capped: false });
    expect(all.rows[0]!.name).toBe(`会员${CLUB_MEMBERS_COUNT_CAP + 4}`);
    const vips = await listClubMembers(admin, 'handset', clubMemberFilters.parse({ province: '650000', segment: 'postpaid_vip' }));
    expect(vips).toMatchObject({ total: CLUB_MEMBERS_COUNT_CAP, capped: true });
    expect(vips.rows).toHaveLength(50);
    const byName = await listClubMembers(admin, 'handset', clubMemberFilters.parse({ province: '650000', sort: 'name' }));
    expect(byName.rows.map((r) => r.name).slice(0, 3)).toEqual(['会员0', '会员1', '会员10']);
  });
});
