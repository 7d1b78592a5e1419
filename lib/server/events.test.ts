import { and, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getReader, withTransaction } from '@/db/client';
import { auditLog, customers, events, registrations } from '@/db/schema';
import type { Actor } from '@/lib/domain/access';
import { DAY, HOUR, shanghaiInstant } from '@/lib/domain/time';
import { withTempDatabase } from '@/tests/temp-database';
import { eventInput, eventSeriesInput } from '@/lib/validation/events';
import { getComplianceMatrix, getYearlyPlan } from './compliance';
import { cancelEvent, createEvent, createEventSeries, getMemberEvent, listMemberEvents, publishEvent, updateEvent } from './events';
import { joinClub } from './memberships';

withTempDatabase();

const gdOperator: Actor = { kind: 'staff', role: 'operator', staffId: 1, provinceCode: '440000', clubCodes: null, name: '广东运营' };
const gdMusicOperator: Actor = { kind: 'staff', role: 'operator', staffId: 1, provinceCode: '440000', clubCodes: ['music'], name: '广东音乐运营' };
const bjOperator: Actor = { kind: 'staff', role: 'operator', staffId: 2, provinceCode: '110000', clubCodes: null, name: '北京运营' };
const admin: Actor = { kind: 'staff', role: 'admin', staffId: 3, provinceCode: null, clubCodes: null, name: '总部' };
const hqAnalyst: Actor = { kind: 'staff', role: 'analyst', staffId: 4, provinceCode: null, clubCodes: null, name: '总部分析' };
const gdAnalyst: Actor = { kind: 'staff', role: 'analyst', staffId: 5, provinceCode: '440000', clubCodes: null, name: '广东分析' };
let gdMember: Actor;

const form = (overrides: Record<string, unknown> = {}) =>
  eventInput.parse({
    clubCode: 'film',
    kind: 'film_premiere',
    titleZh: '新片抢先看：《逆光飞行》',
    titleEn: 'Premiere preview',
    venue: '广州天河城飞扬影城3号厅',
    startsAt: '2027-03-06T14:00',
    endsAt: '2027-03-06T16:30',
    regOpensAt: '2027-02-10T10:00',
    regClosesAt: '2027-03-05T12:00',
    vipOpensAt: '2027-02-08T10:00',
    capacity: '200',
    priceType: 'points',
    pricePoints: '500',
    eligibleSegments: ['prepaid', 'postpaid', 'postpaid_vip'],
    ...overrides,
  });

beforeAll(async () => {
  await withTransaction(async (tx) => {
    await tx.run(sql`insert into staff (id, username, display_name, password_hash, role, province_code, created_at) values
      (1, 'gd', '广东运营', 'x', 'operator', '440000', 0), (2, 'bj', '北京运营', 'x', 'operator', '110000', 0),
      (3, 'hq', '总部', 'x', 'admin', null, 0), (4, 'hqa', '总部分析', 'x', 'analyst', null, 0), (5, 'gda', '广东分析', 'x', 'analyst', '440000', 0)`);
    const [c] = await tx.insert(customers).values({ mobile: '18600000001', name: '陈一', segment: 'postpaid', provinceCode: '440000' }).returning({ id: customers.id });
    gdMember = { kind: 'member', role: 'member', customerId: c!.id, provinceCode: '440000', name: '陈一' };
  });
  await joinClub(gdMember, { customerId: (gdMember as { customerId: number }).customerId, clubCode: 'film' });
});

describe('scheduling events', () => {
  it('creates a draft in the operator\'s province, invisible to members until published', async () => {
    const event = await createEvent(gdOperator, form());
    expect(event).toMatchObject({ provinceCode: '440000', status: 'draft', priceType: 'points', pricePoints: 500, startsAt: shanghaiInstant(2027, 3, 6, 14) });
    await expect(getMemberEvent(gdMember, event.id)).rejects.toMatchObject({ code: 'not_found' });
    await publishEvent(gdOperator, event.id);
    const seen = await getMemberEvent(gdMember, event.id);
    expect(seen).toMatchObject({ status: 'published', seatsLeft: 200, isClubMember: true });
    const list = await listMemberEvents(gdMember, { month: '2027-03' });
    expect(list.events.map((e) => e.id)).toContain(event.id);
    await expect(publishEvent(gdOperator, event.id)).rejects.toMatchObject({ code: 'not_a_draft' });
  });

  it('refuses invalid events with a code per field and writes nothing', async () => {
    const before = (await getReader().select({ n: sql<number>`count(*)` }).from(events))[0]!.n;
    await expect(createEvent(gdOperator, form({ endsAt: '2027-03-06T13:00', priceType: 'free' }))).rejects.toMatchObject({
      code: 'end_before_start',
      fields: { endsAt: 'end_before_start', priceType: 'price_on_free_event' },
    });
    await expect(createEvent(gdOperator, form({ regClosesAt: '2027-03-06T15:00' }))).rejects.toMatchObject({ code: 'registration_closes_after_start' });
    await expect(createEvent(gdOperator, form({ vipOpensAt: '2027-02-11T10:00' }))).rejects.toMatchObject({ code: 'vip_window_after_general' });
    expect(() => form({ capacity: '0' })).toThrow();
    expect((await getReader().select({ n: sql<number>`count(*)` }).from(events))[0]!.n).toBe(before);
  });

  it('keeps the venue in English beside the Chinese one; it is optional and too long a name is refused', async () => {
    const event = await createEvent(gdOperator, form({ venueEn: '  Hall 3, Feiyang Cinema, Teemall, Guangzhou ', city: '广州' }));
    await publishEvent(gdOperator, event.id);
    await expect(getMemberEvent(gdMember, event.id)).resolves.toMatchObject({
      venue: '广州天河城飞扬影城3号厅',
      venueEn: 'Hall 3, Feiyang Cinema, Teemall, Guangzhou',
      city: '广州',
    });
    await updateEvent(gdOperator, event.id, form({ venueEn: '', city: '广州' }));
    await expect(getMemberEvent(gdMember, event.id)).resolves.toMatchObject({ venueEn: null });
    expect(() => form({ venueEn: 'x'.repeat(101) })).toThrow(/"venueEn"[\s\S]*text_too_long|text_too_long[\s\S]*"venueEn"/);
  });

  it('keeps operators to their province and clubs; admins name a province', async () => {
    await expect(createEvent(bjOperator, form({ provinceCode: '440000' }))).resolves.toMatchObject({ provinceCode: '110000' });
    await expect(createEvent(gdMusicOperator, form())).rejects.toMatchObject({ code: 'forbidden' });
    await expect(createEvent(admin, form())).rejects.toMatchObject({ code: 'province_required' });
    await expect(createEvent(admin, form({ provinceCode: '650000' }))).resolves.toMatchObject({ provinceCode: '650000' });
    const gd = await createEvent(gdOperator, form());
    // Another province's event does not exist for an operator: not found, not forbidden (issue 21 item 14).
    await expect(updateEvent(bjOperator, gd.id, form({ titleZh: '改' }))).rejects.toMatchObject({ code: 'not_found' });
    await expect(cancelEvent(bjOperator, gd.id)).rejects.toMatchObject({ code: 'not_found' });
    await expect(createEvent(hqAnalyst, form({ provinceCode: '440000' }))).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('edits with an audit trail, never below the seats taken, and locks cancelled events', async () => {
    const event = await createEvent(gdOperator, form());
    await publishEvent(gdOperator, event.id);
    await withTransaction(async (tx) => {
      const [other] = await tx.insert(customers).values({ mobile: '18600000002', name: '陈二', segment: 'postpaid', provinceCode: '440000' }).returning({ id: customers.id });
      await tx.insert(registrations).values([
        { eventId: event.id, customerId: (gdMember as { customerId: number }).customerId, status: 'confirmed', channel: 'web', ticketSecret: 's1', shortCode: 'AAAAAA' },
        { eventId: event.id, customerId: other!.id, status: 'confirmed', channel: 'hall', ticketSecret: 's2', shortCode: 'BBBBBB' },
      ]);
    });
    await expect(updateEvent(gdOperator, event.id, form({ capacity: '1' }))).rejects.toMatchObject({ code: 'capacity_below_confirmed', fields: { capacity: 'capacity_below_confirmed' } });
    const updated = await updateEvent(gdOperator, event.id, form({ capacity: '2', titleZh: '新片抢先看（加场）' }));
    expect(updated).toMatchObject({ capacity: 2, titleZh: '新片抢先看（加场）' });
    const audits = await getReader().select({ action: auditLog.action, before: auditLog.before, after: auditLog.after }).from(auditLog).where(eq(auditLog.entityId, String(event.id)));
    expect(audits.map((a) => a.action)).toEqual(['event.create', 'event.publish', 'event.update']);
    expect(audits[2]!.before).toMatchObject({ titleZh: '新片抢先看：《逆光飞行》', capacity: 200 });
    expect(audits[2]!.after).toMatchObject({ titleZh: '新片抢先看（加场）' });

    await expect(cancelEvent(gdOperator, event.id)).resolves.toMatchObject({ status: 'cancelled', registrationsCancelled: 2 });
    const empty = await createEvent(gdOperator, form());
    await cancelEvent(gdOperator, empty.id);
    await expect(updateEvent(gdOperator, empty.id, form())).rejects.toMatchObject({ code: 'event_locked' });
    await expect(publishEvent(gdOperator, empty.id)).rejects.toMatchObject({ code: 'not_a_draft' });
    // At once: on PostgreSQL each runs in a transaction of its own, side by side; the event is cancelled once.
    const twice = await createEvent(gdOperator, form());
    const settled = await Promise.allSettled([cancelEvent(gdOperator, twice.id), cancelEvent(gdOperator, twice.id)]);
    expect(settled.map((s) => (s.status === 'fulfilled' ? 'done' : (s.reason as { code: string }).code)).sort()).toEqual(['done', 'event_locked']);
    expect(await getReader().$count(auditLog, and(eq(auditLog.action, 'event.cancel'), eq(auditLog.entityId, String(twice.id))))).toBe(1);
  });

  it('creates a series of ordinary events with their own windows, all or none', async () => {
    const input = eventSeriesInput.parse({
      clubCode: 'handset',
      kind: 'handset_salon',
      titleZh: '手机沙龙：新机上手体验',
      venue: '中国联通广州天河营业厅',
      capacity: '50',
      priceType: 'free',
      eligibleSegments: ['postpaid', 'postpaid_vip'],
      frequency: 'quarterly',
      weekday: '6',
      ordinal: '1',
      startDate: '2027-01-01',
      count: '4',
      time: '14:00',
      durationMinutes: '120',
      regOpensDaysBefore: '21',
      regClosesHoursBefore: '24',
      vipDaysBefore: '2',
      publish: 'on',
    });
    const { events: created } = await createEventSeries(gdOperator, input);
    expect(created).toHaveLength(4);
    const rows = await getReader().select().from(events).where(eq(events.seriesId, (await getReader().select({ id: events.seriesId }).from(events).where(eq(events.id, created[0]!.id)))[0]!.id!));
    expect(rows.map((r) => r.status)).toEqual(['published', 'published', 'published', 'published']);
    const first = rows[0]!;
    expect(first.startsAt).toBe(shanghaiInstant(2027, 1, 2, 14));
    expect(first.endsAt - first.startsAt).toBe(2 * HOUR);
    expect(first.startsAt - first.regOpensAt).toBe(21 * DAY);
    expect(first.startsAt - first.regClosesAt).toBe(24 * HOUR);
    expect(first.regOpensAt - first.vipOpensAt!).toBe(2 * DAY);
    // One of the series is then edited on its own.
    await updateEvent(gdOperator, rows[1]!.id, form({ clubCode: 'handset', kind: 'handset_trial', titleZh: '新机优先试用会', priceType: 'free', pricePoints: '0', vipOpensAt: '' }));
    expect((await getReader().select({ kind: events.kind }).from(events).where(eq(events.id, rows[1]!.id)))[0]!.kind).toBe('handset_trial');

    const before = (await getReader().select({ n: sql<number>`count(*)` }).from(events))[0]!.n;
    await expect(createEventSeries(gdOperator, { ...input, regClosesHoursBefore: 0, durationMinutes: 120, regOpensDaysBefore: 1, vipDaysBefore: 0, capacity: 0 })).rejects.toMatchObject({ code: 'capacity_too_small' });
    expect((await getReader().select({ n: sql<number>`count(*)` }).from(events))[0]!.n).toBe(before);
  });
});

describe('the yearly plan and the compliance matrix', () => {
  it('moves the film club from at risk to on track as events are scheduled', async () => {
    const now = shanghaiInstant(2026, 11, 26, 12);
    const plan = async () => (await getYearlyPlan(bjOperator, { year: 2027 }, now)).clubs.find((c) => c.club.code === 'film')!;
    const initial = await plan();
    expect(initial).toMatchObject({ required: 2, scheduled: 0, status: 'at_risk' });
    const a = await createEvent(bjOperator, form({ startsAt: '2027-05-06T14:00', endsAt: '2027-05-06T16:00', regOpensAt: '2027-04-10T10:00', regClosesAt: '2027-05-05T10:00', vipOpensAt: '' }));
    await publishEvent(bjOperator, a.id);
    const b = await createEvent(bjOperator, form({ startsAt: '2027-09-06T14:00', endsAt: '2027-09-06T16:00', regOpensAt: '2027-08-10T10:00', regClosesAt: '2027-09-05T10:00', vipOpensAt: '' }));
    // A draft is not scheduled: one published event cannot reach the minimum of two.
    expect(await plan()).toMatchObject({ scheduled: 1, ahead: 1, status: 'at_risk' });
    await publishEvent(bjOperator, b.id);
    expect(await plan()).toMatchObject({ scheduled: 2, ahead: 2, held: 0, status: 'on_track' });
  });

  it('shows HQ every province and a provincial analyst only their own row', async () => {
    const now = shanghaiInstant(2026, 11, 26, 12);
    const hq = await getComplianceMatrix(hqAnalyst, 2027, now);
    expect(hq.rows).toHaveLength(31);
    expect(hq.rows.find((r) => r.province.code === '110000')!.cells.film).toMatchObject({ required: 2, ahead: 2, status: 'on_track' });
    const gd = await getComplianceMatrix(gdAnalyst, 2027, now);
    expect(gd.rows.map((r) => r.province.code)).toEqual(['440000']);
    await expect(getComplianceMatrix(gdOperator, 2027, now)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(getYearlyPlan(gdAnalyst, { year: 2027, province: '110000' }, now)).rejects.toMatchObject({ code: 'forbidden' });
  });
});
