import { and, eq, inArray, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getReader, withTransaction } from '@/db/client';
import { activities, charges, customers, events, feedback, memberships, pointsLedger, prepaidLedger, registrations } from '@/db/schema';
import type { Actor } from '@/lib/domain/access';
import { DAY, HOUR, shanghaiInstant } from '@/lib/domain/time';
import type { Segment } from '@/lib/domain/types';
import { expectDerivedNumbersConsistent } from '@/tests/invariants';
import { withTempDatabase } from '@/tests/temp-database';
import { statsFilters } from '@/lib/validation/stats';
import { checkIn, closeEvent, submitFeedback } from './attendance';
import { listCallbacks, recordCallback } from './callbacks';
import { cancelEvent } from './events';
import { joinClub, leaveClub } from './memberships';
import { cancelRegistration, registerForEvent } from './registrations';
import { getStatistics, streamRegistrations } from './stats';

withTempDatabase();

const NOW = shanghaiInstant(2026, 12, 20, 12);
const hqAnalyst: Actor = { kind: 'staff', role: 'analyst', staffId: 3, provinceCode: null, clubCodes: null, name: '总部分析' };
const gdAnalyst: Actor = { kind: 'staff', role: 'analyst', staffId: 4, provinceCode: '440000', clubCodes: null, name: '广东分析' };
const gdOperator: Actor = { kind: 'staff', role: 'operator', staffId: 1, provinceCode: '440000', clubCodes: null, name: '广东运营' };
const bjOperator: Actor = { kind: 'staff', role: 'operator', staffId: 2, provinceCode: '110000', clubCodes: null, name: '北京运营' };
const who: Record<string, { id: number; actor: Actor }> = {};
const ev: Record<string, number> = {};
let k = 0;
const key = () => `stats-test-key-${++k}`;

async function customer(name: string, segment: Segment, province: string, points = 0, prepaidFen = 0) {
  await withTransaction(async (tx) => {
    const [c] = await tx.insert(customers).values({ mobile: `1860000${String(Object.keys(who).length).padStart(4, '0')}`, name, segment, provinceCode: province }).returning({ id: customers.id });
    if (points) await tx.insert(pointsLedger).values({ customerId: c!.id, delta: points, reason: 'grant' });
    if (prepaidFen) await tx.insert(prepaidLedger).values({ customerId: c!.id, deltaFen: prepaidFen, reason: 'topup' });
    who[name] = { id: c!.id, actor: { kind: 'member', role: 'member', customerId: c!.id, provinceCode: province, name } };
  });
}

async function event(name: string, province: string, startsAt: number, price: { priceType: 'free' | 'fee' | 'points'; priceFen?: number; pricePoints?: number }, capacity = 10) {
  await withTransaction(async (tx) => {
    const [e] = await tx
      .insert(events)
      .values({
        clubCode: 'music',
        provinceCode: province,
        kind: 'music_fan_event',
        titleZh: name,
        venue: '音乐厅',
        startsAt,
        endsAt: startsAt + 2 * HOUR,
        capacity,
        regOpensAt: startsAt - 30 * DAY,
        regClosesAt: startsAt - DAY,
        eligibleSegments: ['prepaid', 'postpaid', 'postpaid_vip'],
        status: 'published',
        publishedAt: startsAt - 40 * DAY,
        priceFen: price.priceFen ?? 0,
        pricePoints: price.pricePoints ?? 0,
        priceType: price.priceType,
      })
      .returning({ id: events.id });
    ev[name] = e!.id;
  });
}

const register = (name: string, event: string, at: number, waitlist = false) =>
  registerForEvent(who[name]!.actor, { customerId: who[name]!.id, eventId: ev[event]!, waitlist, idempotencyKey: key() }, at);
const attend = (event: string, names: string[], startsAt: number, operator = gdOperator) =>
  checkIn(operator, ev[event]!, names.map((n) => ({ nonce: key(), scannedAt: startsAt, registrationId: registrationOf(n, event) })), startsAt);
let registrationIds: { customerId: number; eventId: number; id: number }[] = [];
const registrationOf = (name: string, event: string) => registrationIds.find((r) => r.customerId === who[name]!.id && r.eventId === ev[event])!.id;
const refreshIds = async () => {
  registrationIds = await getReader().select({ customerId: registrations.customerId, eventId: registrations.eventId, id: registrations.id }).from(registrations).where(sql`${registrations.status} <> 'cancelled'`);
};

beforeAll(async () => {
  await withTransaction(async (tx) => {
    await tx.run(sql`insert into staff (id, username, display_name, password_hash, role, province_code, created_at) values
      (1, 'gd', '广东运营', 'x', 'operator', '440000', 0), (2, 'bj', '北京运营', 'x', 'operator', '110000', 0),
      (3, 'hqa', '总部分析', 'x', 'analyst', null, 0), (4, 'gda', '广东分析', 'x', 'analyst', '440000', 0)`);
  });
  await customer('A', 'postpaid_vip', '440000', 2000);
  await customer('B', 'prepaid', '440000', 0, 5000);
  await customer('C', 'postpaid', '440000', 1000);
  await customer('D', 'postpaid', '110000');
  await customer('E', 'postpaid', '440000');
  const jan = shanghaiInstant(2026, 1, 10);
  for (const n of ['A', 'B', 'C', 'E']) await joinClub(who[n]!.actor, { customerId: who[n]!.id, clubCode: 'music' }, jan);
  await joinClub(who.D!.actor, { customerId: who.D!.id, clubCode: 'music' }, jan);
  await leaveClub(who.E!.actor, { customerId: who.E!.id, clubCode: 'music' }, shanghaiInstant(2026, 5, 1));

  const mar = shanghaiInstant(2026, 3, 14, 14);
  const jun = shanghaiInstant(2026, 6, 13, 14);
  const jul = shanghaiInstant(2026, 7, 11, 14);
  const aug = shanghaiInstant(2026, 8, 8, 14);
  const sep = shanghaiInstant(2026, 9, 12, 14);
  await event('ev1', '440000', mar, { priceType: 'fee', priceFen: 2000 }, 3);
  await event('ev2', '440000', jun, { priceType: 'points', pricePoints: 300 }, 1);
  await event('ev3', '110000', jul, { priceType: 'free' });
  await event('ev4', '440000', aug, { priceType: 'fee', priceFen: 2000 });
  await event('ev5', '440000', sep, { priceType: 'free' });

  // ev1: three fee-paying registrations (one by hotline); A and B come, C does not.
  await register('A', 'ev1', mar - 10 * DAY);
  await register('B', 'ev1', mar - 10 * DAY);
  await registerForEvent(gdOperator, { customerId: who.C!.id, eventId: ev.ev1!, channel: 'hotline', idempotencyKey: key() }, mar - 9 * DAY);
  // ev2: one seat; C waits, A cancels, C is promoted and charged, and comes.
  await register('A', 'ev2', jun - 10 * DAY);
  await register('C', 'ev2', jun - 9 * DAY, true);
  await refreshIds();
  await cancelRegistration(who.A!.actor, { registrationId: registrationOf('A', 'ev2'), idempotencyKey: key() }, jun - 5 * DAY);
  await register('D', 'ev3', jul - 10 * DAY);
  // ev4 is cancelled by the operator after B paid: refunded.
  await register('B', 'ev4', aug - 10 * DAY);
  await register('A', 'ev5', sep - 10 * DAY);
  await refreshIds();
  await attend('ev1', ['A', 'B'], mar);
  await attend('ev2', ['C'], jun);
  await attend('ev3', ['D'], jul, bjOperator);
  await attend('ev5', ['A'], sep);
  for (const [name, at] of [['ev1', mar], ['ev2', jun], ['ev5', sep]] as const) await closeEvent(gdOperator, ev[name]!, at + 3 * HOUR);
  await closeEvent(bjOperator, ev.ev3!, jul + 3 * HOUR);
  await cancelEvent(gdOperator, ev.ev4!, aug - 2 * DAY);
  await submitFeedback(who.A!.actor, { registrationId: registrationOf('A', 'ev1'), rating: 5, comment: '很棒' }, mar + DAY);
  await submitFeedback(who.B!.actor, { registrationId: registrationOf('B', 'ev1'), rating: 3, comment: '一般' }, mar + DAY);
  await submitFeedback(who.C!.actor, { registrationId: registrationOf('C', 'ev2'), rating: 4, comment: '' }, jun + DAY);
  const [task] = await listCallbacks(gdOperator, 'open', shanghaiInstant(2026, 10, 1));
  await recordCallback(gdOperator, { callbackId: task!.id, outcome: 'reached', opinion: '希望多办活动' }, shanghaiInstant(2026, 10, 1));
});

const year2026 = statsFilters.parse({ year: '2026' });

describe('statistics against a hand-made dataset', () => {
  it('knows the answers for HQ, for the whole year', async () => {
    const s = await getStatistics(hqAnalyst, year2026, NOW);
    expect(s).toMatchObject({
      members: { active: 4, joined: 5, left: 1 },
      events: { scheduled: 4, held: 4, cancelled: 1 },
      registrations: 8,
      attendees: 5,
      noShows: 1,
      uniqueParticipants: 4,
      repeatParticipants: 1,
      waitlistDemand: 1,
      pointsRedeemed: 300,
      feesCollectedFen: 6000,
      averageRating: 4,
      ratings: 3,
      vipsReached: 1,
    });
    expect(s.attendanceRate).toBeCloseTo(5 / 6);
    expect(s.noShowRate).toBeCloseTo(1 / 6);
    expect(s.repeatShare).toBeCloseTo(1 / 4);
    expect(s.byChannel).toEqual([
      { key: 'web', registrations: 7, attendees: 5, attendanceRate: 1 },
      { key: 'hotline', registrations: 1, attendees: 0, attendanceRate: 0 },
    ]);
    expect(s.byProvince.map((p) => [p.key, p.registrations, p.attendees])).toEqual([['440000', 7, 4], ['110000', 1, 1]]);
    expect(s.trend.find((t) => t.month === '2026-03')).toEqual({ month: '2026-03', registrations: 3, attendees: 2, eventsHeld: 1, membersJoined: 0 });
    expect(s.trend.find((t) => t.month === '2026-01')!.membersJoined).toBe(5);
    expect(s.topByAttendance[0]).toMatchObject({ eventId: ev.ev1, attendees: 2 });
    // Equal averages: the event with more ratings first.
    expect(s.topByRating.map((r) => [r.eventId, r.average, r.ratings])).toEqual([[ev.ev1, 4, 2], [ev.ev2, 4, 1]]);
  });

  it('scopes a provincial analyst to their province and answers the filters', async () => {
    const gd = await getStatistics(gdAnalyst, year2026, NOW);
    expect(gd).toMatchObject({ province: '440000', registrations: 7, attendees: 4, uniqueParticipants: 3, repeatParticipants: 1, members: { joined: 4, left: 1, active: 3 } });
    await expect(getStatistics(gdAnalyst, statsFilters.parse({ year: '2026', province: '110000' }), NOW)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(getStatistics(gdOperator, year2026, NOW)).rejects.toMatchObject({ code: 'forbidden' });
    const vip = await getStatistics(hqAnalyst, statsFilters.parse({ year: '2026', segment: 'postpaid_vip' }), NOW);
    expect(vip).toMatchObject({ registrations: 3, attendees: 2, uniqueParticipants: 1, repeatParticipants: 1, vipsReached: 1 });
    const q1 = await getStatistics(hqAnalyst, statsFilters.parse({ year: '2026', period: 'quarter', quarter: '1' }), NOW);
    expect(q1).toMatchObject({ registrations: 3, attendees: 2, uniqueParticipants: 2, repeatParticipants: 0, members: { joined: 5, left: 0 } });
    const custom = await getStatistics(hqAnalyst, statsFilters.parse({ period: 'custom', from: '2026-03-01', to: '2026-09-30' }), NOW);
    expect(custom).toMatchObject({ registrations: 8, attendees: 5, uniqueParticipants: 4, repeatParticipants: 1 });
    // Every event here is the music club's: its breakdowns (from the cells) equal the all-clubs ones.
    const all = await getStatistics(hqAnalyst, year2026, NOW);
    const music = await getStatistics(hqAnalyst, statsFilters.parse({ year: '2026', club: 'music' }), NOW);
    expect([music.bySegment, music.byChannel, music.byMonth]).toEqual([all.bySegment, all.byChannel, all.byMonth]);
    const film = await getStatistics(hqAnalyst, statsFilters.parse({ year: '2026', club: 'film' }), NOW);
    expect([film.registrations, film.bySegment, film.events.scheduled]).toEqual([0, [], 0]);
  });

  it('counts participants of custom ranges, short and long, as the period summaries do', async () => {
    const custom = (from: string, to: string, extra: Record<string, string> = {}) => getStatistics(hqAnalyst, statsFilters.parse({ period: 'custom', from, to, ...extra }), NOW);
    const participants = (s: { uniqueParticipants: number; repeatParticipants: number }) => [s.uniqueParticipants, s.repeatParticipants];
    // A quarter and the whole year as custom ranges, nationally and in a province.
    const q1 = await getStatistics(hqAnalyst, statsFilters.parse({ year: '2026', period: 'quarter', quarter: '1' }), NOW);
    expect(participants(await custom('2026-01-01', '2026-03-31'))).toEqual(participants(q1));
    const year = await getStatistics(hqAnalyst, year2026, NOW);
    expect(participants(await custom('2026-01-01', '2026-12-31'))).toEqual(participants(year));
    const gd = await getStatistics(gdAnalyst, year2026, NOW);
    expect(participants(await getStatistics(gdAnalyst, statsFilters.parse({ period: 'custom', from: '2026-01-01', to: '2026-12-31' }), NOW))).toEqual(participants(gd));
    // Whole periods and custom ranges over the same days, with one filter or two: the same answers.
    const slices: Record<string, string>[] = [{ segment: 'postpaid_vip' }, { segment: 'postpaid' }, { channel: 'hotline' }, { channel: 'web' }, { kind: 'music_fan_event' }, { club: 'music', kind: 'music_fan_event' }, { club: 'film', kind: 'music_fan_event' }, { club: 'music', segment: 'postpaid' }, { segment: 'postpaid', channel: 'web' }];
    for (const extra of slices) {
      const whole = await getStatistics(hqAnalyst, statsFilters.parse({ year: '2026', ...extra }), NOW);
      expect(participants(await custom('2026-01-01', '2026-12-31', extra)), JSON.stringify(extra)).toEqual(participants(whole));
      const q3 = await getStatistics(gdAnalyst, statsFilters.parse({ year: '2026', period: 'quarter', quarter: '3', ...extra }), NOW);
      expect(participants(await getStatistics(gdAnalyst, statsFilters.parse({ period: 'custom', from: '2026-07-01', to: '2026-09-30', ...extra }), NOW)), JSON.stringify(extra)).toEqual(participants(q3));
    }
    const vip = await getStatistics(hqAnalyst, statsFilters.parse({ year: '2026', segment: 'postpaid_vip' }), NOW);
    expect(participants(vip)).toEqual([1, 1]);
  });

  it('equals counts done another way, straight from the registrations, ledgers and activity record', async () => {
    const s = await getStatistics(hqAnalyst, year2026, NOW);
    const db = getReader();
    const regs = await db.select().from(registrations);
    expect(s.registrations).toBe(regs.length);
    expect(s.attendees).toBe(regs.filter((r) => r.status === 'attended').length);
    expect(s.uniqueParticipants).toBe(new Set(regs.filter((r) => r.status === 'attended').map((r) => r.customerId)).size);
    const attendedFacts = await db.select().from(activities).where(eq(activities.kind, 'attended'));
    expect(s.attendees).toBe(attendedFacts.length);
    const waitlistFacts = await db.select().from(activities).where(eq(activities.kind, 'waitlisted'));
    expect(s.waitlistDemand).toBe(waitlistFacts.length);
    const ids = regs.map((r) => r.id);
    const points = await db.select({ d: sql<number>`coalesce(sum(${pointsLedger.delta}), 0)` }).from(pointsLedger).where(and(eq(pointsLedger.refType, 'registration'), inArray(pointsLedger.refId, ids)));
    expect(s.pointsRedeemed).toBe(-points[0]!.d);
    const prepaid = await db.select({ d: sql<number>`coalesce(sum(${prepaidLedger.deltaFen}), 0)` }).from(prepaidLedger).where(and(eq(prepaidLedger.refType, 'registration'), inArray(prepaidLedger.refId, ids)));
    const billed = await db.select({ d: sql<number>`coalesce(sum(${charges.amountFen}), 0)` }).from(charges);
    expect(s.feesCollectedFen).toBe(-prepaid[0]!.d + billed[0]!.d);
    const ratings = await db.select({ rating: feedback.rating }).from(feedback);
    expect(s.averageRating).toBeCloseTo(ratings.reduce((a, r) => a + r.rating, 0) / ratings.length);
    const callbacksDone = await db.select().from(activities).where(eq(activities.kind, 'callback'));
    expect(s.vipsReached).toBe(callbacksDone.filter((c) => (c.data as { status: string }).status === 'reached').length);
    const joinedFacts = await db.select().from(activities).where(eq(activities.kind, 'joined'));
    expect(s.members.joined).toBe(joinedFacts.length);
    const open = await db.select().from(memberships).where(sql`${memberships.leftAt} is null`);
    expect(s.members.active).toBe(open.length);
    await expectDerivedNumbersConsistent();
  });

  it('adds up the ends of a custom range from the events in them, as a recount of their registrations does', async () => {
    // 10 March to 20 June: ev1 (14 March) and ev2 (13 June) lie in parts of months, April and May whole.
    const s = await getStatistics(hqAnalyst, statsFilters.parse({ period: 'custom', from: '2026-03-10', to: '2026-06-20' }), NOW);
    const inRange = (await getReader().select().from(registrations)).filter((r) => r.eventId === ev.ev1 || r.eventId === ev.ev2);
    expect(s.registrations).toBe(inRange.length);
    expect(s.attendees).toBe(inRange.filter((r) => r.status === 'attended').length);
    expect(s.cancellations).toBe(inRange.filter((r) => r.status === 'cancelled').length);
    expect(s.pointsRedeemed + s.feesCollectedFen).toBe(inRange.filter((r) => r.refundedAt === null).reduce((n, r) => n + r.paidPoints + r.paidFen, 0));
    expect(s.trend.map((t) => [t.month, t.registrations, t.eventsHeld])).toEqual([['2026-03', 3, 1], ['2026-04', 0, 0], ['2026-05', 0, 0], ['2026-06', 2, 1]]);
    expect(s.byChannel.map((c) => [c.key, c.registrations])).toEqual([['web', 4], ['hotline', 1]]);
    // Inside one month: ev1 alone; a day either side of it: nothing.
    const march = await getStatistics(hqAnalyst, statsFilters.parse({ period: 'custom', from: '2026-03-14', to: '2026-03-14' }), NOW);
    expect([march.registrations, march.attendees, march.uniqueParticipants]).toEqual([3, 2, 2]);
    const around = await getStatistics(hqAnalyst, statsFilters.parse({ period: 'custom', from: '2026-03-15', to: '2026-04-30' }), NOW);
    expect([around.registrations, around.events.scheduled]).toEqual([0, 0]);
  });

  it('counts members active at any day, as every join and leave less those after it, and joins and leaves in parts of months', async () => {
    const members = async (from: string, to: string) => (await getStatistics(hqAnalyst, statsFilters.parse({ period: 'custom', from, to }), NOW)).members;
    const all = await getReader().select().from(memberships);
    const activeAt = (at: number) => all.filter((m) => m.joinedAt < at && (m.leftAt === null || m.leftAt >= at)).length;
    // E leaves on 1 May: active at the end of 25 April and of 10 May (the rest of each month read from the memberships).
    expect((await members('2026-01-01', '2026-04-25')).active).toBe(activeAt(shanghaiInstant(2026, 4, 26)));
    expect((await members('2026-01-01', '2026-05-10')).active).toBe(activeAt(shanghaiInstant(2026, 5, 11)));
    expect(activeAt(shanghaiInstant(2026, 4, 26)) - activeAt(shanghaiInstant(2026, 5, 11))).toBe(1);
    expect(await members('2026-01-05', '2026-01-20')).toMatchObject({ joined: 5, left: 0 });
    expect(await members('2026-01-11', '2026-05-01')).toMatchObject({ joined: 0, left: 1 });
  });

  it('moves the figures of a rescheduled event to its new month', async () => {
    const before = await getStatistics(hqAnalyst, year2026, NOW);
    const moved = shanghaiInstant(2026, 10, 17, 14);
    const [ev5] = await getReader().select().from(events).where(eq(events.id, ev.ev5!));
    await withTransaction((tx) => tx.update(events).set({ startsAt: moved, endsAt: moved + 2 * HOUR, regClosesAt: moved - DAY }).where(eq(events.id, ev.ev5!)));
    try {
      const after = await getStatistics(hqAnalyst, year2026, NOW);
      const month = (s: typeof after, m: string) => s.trend.find((t) => t.month === m);
      expect([month(after, '2026-09')!.attendees, month(after, '2026-10')!.attendees]).toEqual([month(before, '2026-09')!.attendees - 1, month(before, '2026-10')!.attendees + 1]);
      expect(after.attendees).toBe(before.attendees);
      await expectDerivedNumbersConsistent();
    } finally {
      await withTransaction((tx) => tx.update(events).set({ startsAt: ev5!.startsAt, endsAt: ev5!.endsAt, regClosesAt: ev5!.regClosesAt }).where(eq(events.id, ev.ev5!)));
    }
    expect((await getStatistics(hqAnalyst, year2026, NOW)).trend).toEqual(before.trend);
  });

  it('counts members by the current segment of their customer, following a change of segment', async () => {
    const vipMembers = async () => (await getStatistics(hqAnalyst, statsFilters.parse({ year: '2026', segment: 'postpaid_vip' }), NOW)).members;
    const before = await vipMembers();
    const [someone] = await getReader().select({ id: customers.id, segment: customers.segment }).from(customers).where(sql`${customers.segment} <> 'postpaid_vip' and exists (select 1 from memberships m where m.customer_id = ${customers.id} and m.left_at is null)`);
    const open = await getReader().select().from(memberships).where(and(eq(memberships.customerId, someone!.id), sql`${memberships.leftAt} is null`));
    await withTransaction((tx) => tx.update(customers).set({ segment: 'postpaid_vip' }).where(eq(customers.id, someone!.id)));
    expect((await vipMembers()).active).toBe(before.active + open.length);
    await expectDerivedNumbersConsistent();
    await withTransaction((tx) => tx.update(customers).set({ segment: someone!.segment }).where(eq(customers.id, someone!.id)));
    expect(await vipMembers()).toEqual(before);
  });

  it('streams the registrations for export, masked for analysts', async () => {
    const rows = [];
    for await (const chunk of streamRegistrations(hqAnalyst, year2026, NOW)) rows.push(...chunk);
    expect(rows).toHaveLength(8);
    expect(rows.every((r) => /^\d{3}\*{4}\d{4}$/.test(r.mobile) && r.name.endsWith('*'))).toBe(true);
    const gd = [];
    for await (const chunk of streamRegistrations(gdAnalyst, year2026, NOW)) gd.push(...chunk);
    expect(gd.every((r) => r.province === '440000')).toBe(true);
  });
});
