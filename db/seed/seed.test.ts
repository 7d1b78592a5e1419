import { and, count, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import { describe, expect, it } from 'vitest';
import { getReader, withTransaction } from '../client';
import { activities, callbacks, clubs, complaints, complaintSteps, customers, events, feedback, halls, inspectionItems, inspections, loanerLoans, loanerPhones, memberships, outbox, provinces, registrations, serviceBookings, services, serviceSlots, staff, trialProgrammes, warrantyHandsets } from '../schema';
import { ensureReferenceData, isDatabaseEmpty, seedDemo, setupDatabase } from '.';
import { expectDerivedNumbersConsistent } from '@/tests/invariants';
import { withTempDatabase } from '@/tests/temp-database';
import { SEGMENTS } from '@/lib/domain/types';
import { enqueueEventReminders } from '@/lib/server/scheduler';
import { scheduleVipCallbacks } from '@/lib/server/callbacks';
import { callbackPeriodRange } from '@/lib/domain/callback-rules';
import { listComplaints } from '@/lib/server/complaints';
import { clubCoversIn, eventCovers, getCoverImage } from '@/lib/server/covers';
import { listMemberEvents } from '@/lib/server/events';
import { getHallQueue } from '@/lib/server/hall-visits';
import { getHallVisitStatistics } from '@/lib/server/hall-visit-stats';
import { getBillingReconciliation } from '@/lib/server/billing';
import { findHandset } from '@/lib/server/warranty';
import { getWarrantyStatistics } from '@/lib/server/warranty-stats';
import { isValidImei } from '@/lib/domain/warranty';
import { DAY, toShanghaiLocal } from '@/lib/domain/time';
import { statsFilters } from '@/lib/validation/stats';
import { DEMO_HALL_VIP, DEMO_MEMBERS, DEMO_PROVINCES } from './demo-data';

withTempDatabase({ referenceData: false });

/** A Beijing day as the statistics filters write it. */
const beijingDayText = (instant: number) => toShanghaiLocal(instant).slice(0, 10);
const n = async (table: SQLiteTable) => (await getReader().select({ n: count() }).from(table))[0]!.n;

describe('seeding', () => {
  it('with SEED=none leaves only the 31 provinces and the four clubs', async () => {
    expect(await setupDatabase('none')).toBeNull();
    expect(await n(provinces)).toBe(31);
    expect(await isDatabaseEmpty()).toBe(true);
    const clubRows = await getReader().select({ code: clubs.code, min: clubs.minEventsPerYear }).from(clubs);
    expect(Object.fromEntries(clubRows.map((c) => [c.code, c.min]))).toEqual({ music: 3, film: 2, gaming: 2, handset: 4 });
  });

  it('seeds the demo data into an empty database, with valid province codes and every segment', async () => {
    const summary = await setupDatabase('demo');
    expect(summary?.customers).toBeGreaterThanOrEqual(200);
    const db = getReader();
    const codes = (await db.select({ code: provinces.code }).from(provinces)).map((p) => p.code);
    expect(codes.every((c) => /^[1-6]\d0000$/.test(c))).toBe(true);
    const segments = await db.select({ segment: customers.segment, n: count() }).from(customers).groupBy(customers.segment);
    expect(segments.map((s) => s.segment).sort()).toEqual([...SEGMENTS].sort());
    const provincesWithCustomers = await db.selectDistinct({ p: customers.provinceCode }).from(customers);
    expect(provincesWithCustomers.length).toBeGreaterThanOrEqual(4);
    const roles = await db.select({ role: staff.role, province: staff.provinceCode }).from(staff);
    expect(roles.filter((r) => r.role === 'admin')).toEqual([{ role: 'admin', province: null }]);
    expect(new Set(roles.filter((r) => r.role === 'operator').map((r) => r.province)).size).toBe(2);
    expect(roles.some((r) => r.role === 'analyst' && r.province === null)).toBe(true);
  });

  it('keeps every balance equal to its ledger sum and every counter equal to its recount', async () => {
    await expectDerivedNumbersConsistent();
  });

  it('gives every club of every demo province a cover, small JPEGs stored once each, shown on its events', async () => {
    const covers = await Promise.all(DEMO_PROVINCES.map((p) => clubCoversIn(p.code)));
    for (const cover of covers) expect(Object.keys(cover).sort()).toEqual(['film', 'gaming', 'handset', 'music']);
    const hashes = new Set(covers.flatMap((c) => Object.values(c)));
    expect(hashes.size).toBe(4);
    for (const hash of hashes) {
      const image = await getCoverImage(hash);
      expect(image).toMatchObject({ contentType: 'image/jpeg' });
      expect(image!.byteSize).toBeLessThan(60 * 1024);
    }
    const [event] = await getReader().select({ id: events.id, clubCode: events.clubCode, provinceCode: events.provinceCode }).from(events).where(eq(events.provinceCode, '440000')).limit(1);
    expect((await eventCovers([event!.id])).get(event!.id)).toBe(covers[DEMO_PROVINCES.findIndex((p) => p.code === '440000')]![event!.clubCode]);
  });

  it('gives the handset club a working week: slots ahead, a queue today, loaners out and overdue, trials open to VIPs', async () => {
    const db = getReader();
    const now = Date.now();
    const [ahead] = await db.select({ n: count() }).from(serviceSlots).where(sql`${serviceSlots.startsAt} > ${now}`);
    expect(ahead!.n).toBeGreaterThan(100);
    const loans = await db.select({ dueAt: loanerLoans.dueAt }).from(loanerLoans).where(isNull(loanerLoans.returnedAt));
    expect(loans.some((l) => l.dueAt < now)).toBe(true);
    expect(loans.some((l) => l.dueAt > now)).toBe(true);
    const vipWindow = await db.select({ id: trialProgrammes.id }).from(trialProgrammes).where(sql`${trialProgrammes.vipOpensAt} <= ${now} and ${now} < ${trialProgrammes.opensAt}`);
    expect(vipWindow.length).toBeGreaterThan(0);
    const notMembers = await db.all(sql`
      select b.id from ${serviceBookings} b
      where not exists (select 1 from ${memberships} m where m.customer_id = b.customer_id and m.club_code = 'handset' and m.joined_at <= b.created_at)`);
    expect(notMembers).toEqual([]);
    const unrecorded = await db.all(sql`
      select b.id from ${serviceBookings} b
      where not exists (select 1 from ${activities} a where a.ref_type = 'service_booking' and a.ref_id = b.id and a.kind = 'service_booked')`);
    expect(unrecorded).toEqual([]);
  });

  it('has bookings and a trial application made for Guangdong customers at the desk and on the hotline, by staff, with their messages', async () => {
    const db = getReader();
    const byStaff = await db
      .select({ customerId: activities.customerId, kind: activities.kind, channel: activities.channel, staff: staff.username, refId: activities.refId })
      .from(activities)
      .innerJoin(staff, eq(staff.id, activities.staffId))
      .innerJoin(customers, eq(customers.id, activities.customerId))
      .where(and(eq(customers.provinceCode, '440000'), sql`${activities.kind} in ('service_booked', 'trial')`));
    expect(byStaff.map((a) => `${a.kind}:${a.channel}:${a.staff}`).sort()).toEqual(['service_booked:hall:gd.operator', 'service_booked:hotline:gd.hotline', 'service_booked:hotline:gd.hotline', 'trial:hotline:gd.hotline']);
    const booked = byStaff.filter((a) => a.kind === 'service_booked');
    const rows = await db.select({ id: serviceBookings.id, createdBy: serviceBookings.createdByStaffId, startsAt: serviceSlots.startsAt }).from(serviceBookings).innerJoin(serviceSlots, eq(serviceSlots.id, serviceBookings.slotId)).where(sql`${serviceBookings.id} in ${booked.map((b) => b.refId!)}`);
    expect(rows.every((r) => r.createdBy !== null && r.startsAt > Date.now() + 2 * DAY)).toBe(true);
    const told = await db.select({ customerId: outbox.customerId }).from(outbox).where(and(eq(outbox.template, 'service_booked'), eq(outbox.channel, 'sms'), sql`${outbox.customerId} in ${booked.map((b) => b.customerId)}`));
    expect(new Set(told.map((t) => t.customerId))).toEqual(new Set(booked.map((b) => b.customerId)));
  });

  it('gives every hall service a hall of its province with an English name, on-site repair an area with one; loaners are kept at halls', async () => {
    const db = getReader();
    const unplaced = await db.all(sql`
      select sl.id from ${serviceSlots} sl join ${services} s on s.id = sl.service_id
      where (s.kind = 'onsite_repair') = (sl.hall_id is not null)
         or (sl.hall_id is not null and not exists (select 1 from ${halls} h where h.id = sl.hall_id and h.province_code = s.province_code and h.name_zh = sl.place))`);
    expect(unplaced).toEqual([]);
    expect(await db.all(sql`select id from ${loanerPhones} p where not exists (select 1 from ${halls} h where h.id = p.hall_id and h.name_zh = p.hall)`)).toEqual([]);
    const named = await db.select({ nameEn: halls.nameEn, city: halls.city, address: halls.address }).from(halls);
    expect(named.length).toBeGreaterThan(6);
    expect(named.filter((h) => !h.nameEn || /[\u4e00-\u9fff]/.test(h.nameEn) || !h.city || !h.address)).toEqual([]);
    const areas = await db.all<{ place_en: string | null }>(sql`select distinct sl.place_en from ${serviceSlots} sl where sl.hall_id is null`);
    expect(areas.length).toBeGreaterThan(1);
    expect(areas.filter((a) => !a.place_en || /[\u4e00-\u9fff]/.test(a.place_en))).toEqual([]);
  });

  it('gives the Guangdong operator complaints in each state, the escalated first, then a VIP\'s, each step in its history and on the record', async () => {
    const gd = (await getReader().select().from(staff).where(eq(staff.username, 'gd.operator')))[0]!;
    const open = await listComplaints({ kind: 'staff', role: 'operator', staffId: gd.id, provinceCode: '440000', clubCodes: null, name: gd.displayName }, { status: 'open' });
    expect(open.length).toBeGreaterThanOrEqual(3);
    expect(open[0]!.escalatedAt).not.toBeNull();
    expect(open.find((c) => c.escalatedAt === null)!.segment).toBe('postpaid_vip');
    expect(open.every((c) => c.createdAt <= Date.now())).toBe(true);
    const states = await getReader().all<{ state: string }>(sql`
      select distinct case when escalated_at is not null and status in ('open', 'in_progress') then 'escalated' when reopen_count > 0 and status = 'in_progress' then 'reopened'
        when rating is not null then 'rated' else kind || ':' || status end as state from ${complaints} where province_code = '440000'`);
    expect(states.map((s) => s.state).sort()).toEqual(['complaint:answered', 'complaint:closed', 'complaint:in_progress', 'complaint:open', 'escalated', 'rated', 'reopened', 'suggestion:closed', 'suggestion:open']);
    expect(await getReader().$count(complaintSteps, eq(complaintSteps.step, 'transferred'))).toBeGreaterThan(0);
    // Every step that is the customer's or an answer is a fact of the record, and nothing else is.
    const unrecorded = await getReader().all(sql`
      select c.id from ${complaints} c
      where (select count(*) from ${activities} a where a.ref_type = 'complaint' and a.ref_id = c.id)
        <> (select count(*) from ${complaintSteps} s where s.complaint_id = c.id and s.step in ('filed', 'answered', 'confirmed', 'reopened', 'rated'))`);
    expect(unrecorded).toEqual([]);
    expect(await getReader().all(sql`select id from ${complaints} where created_at > ${Date.now()} or resolved_at > ${Date.now()} or closed_at > ${Date.now()}`)).toEqual([]);
  });

  it("respects the segment policy's default (附表1): prepaid customers hold no points and paid for nothing in points", async () => {
    const prepaidPoints = await getReader().all(sql`select l.id from points_ledger l join ${customers} c on c.id = l.customer_id where c.segment = 'prepaid'`);
    expect(prepaidPoints).toEqual([]);
    const paid = await getReader().all(sql`select r.id from ${registrations} r join ${customers} c on c.id = r.customer_id where c.segment = 'prepaid' and r.paid_points > 0
      union all select b.id from ${serviceBookings} b join ${customers} c on c.id = b.customer_id where c.segment = 'prepaid' and b.points_paid > 0`);
    expect(paid).toEqual([]);
    expect((await getReader().select({ n: count() }).from(customers).where(sql`${customers.segment} <> 'prepaid' and ${customers.pointsBalance} > 0`))[0]!.n).toBeGreaterThan(0);
  });

  it('gives the demo provinces inspections: HQ open and covert visits and self-inspections, findings fixed, followed up and open', async () => {
    const kinds = await getReader().select({ province: inspections.provinceCode, kind: inspections.kind, n: count() }).from(inspections).groupBy(inspections.provinceCode, inspections.kind);
    const of = (province: string) => new Set(kinds.filter((k) => k.province === province).map((k) => k.kind));
    expect(of('440000')).toEqual(new Set(['open', 'covert', 'self']));
    expect(of('110000')).toEqual(new Set(['covert', 'self']));
    expect(new Set(kinds.map((k) => k.province))).toEqual(new Set(DEMO_PROVINCES.map((p) => p.code)));
    const findings = await getReader()
      .select({ fixed: sql<number>`case when ${inspectionItems.fixedAt} is not null then 1 when ${inspectionItems.followUp} is not null then 2 else 3 end`.mapWith(Number), n: count() })
      .from(inspectionItems)
      .where(sql`${inspectionItems.finding} is not null`)
      .groupBy(sql`1`);
    expect(findings.map((f) => f.fixed).sort()).toEqual([1, 2, 3]);
    const late = await getReader().all(sql`select i.id from ${inspections} i join ${inspectionItems} f on f.inspection_id = i.id where i.visited_at > ${Date.now()} or f.followed_up_at < i.visited_at or f.followed_up_at > ${Date.now()}`);
    expect(late).toEqual([]);
  });

  it('has past completed events with attendance and upcoming published ones, none over capacity', async () => {
    const db = getReader();
    const now = Date.now();
    const completed = await db.select({ id: events.id }).from(events).where(eq(events.status, 'completed'));
    const upcoming = await db.select({ id: events.id }).from(events).where(sql`${events.status} = 'published' and ${events.startsAt} > ${now}`);
    expect(completed.length).toBeGreaterThan(10);
    expect(upcoming.length).toBeGreaterThan(3);
    const attended = await db.select({ n: count() }).from(registrations).where(eq(registrations.status, 'attended'));
    expect(attended[0]!.n).toBeGreaterThan(0);
    const over = await db.all(sql`
      select e.id from ${events} e
      where (select count(*) from ${registrations} r where r.event_id = e.id and r.status in ('confirmed', 'attended', 'no_show')) > e.capacity`);
    expect(over).toEqual([]);
    const notMembers = await db.all(sql`
      select r.id from ${registrations} r join ${events} e on e.id = r.event_id
      where not exists (select 1 from ${memberships} m where m.customer_id = r.customer_id and m.club_code = e.club_code and m.joined_at <= r.created_at)`);
    expect(notMembers).toEqual([]);
  });

  it('gives every demo member events they can register for now, and one that opens later with VIP priority', async () => {
    for (const member of DEMO_MEMBERS) {
      const [c] = await getReader().select({ id: customers.id, provinceCode: customers.provinceCode }).from(customers).where(eq(customers.mobile, member.mobile));
      const actor = { kind: 'member', role: 'member', customerId: c!.id, provinceCode: c!.provinceCode, name: member.name } as const;
      const { events: listed } = await listMemberEvents(actor, {});
      const kinds = listed.map((e) => e.registrationState.kind);
      expect(kinds, member.mobile).toContain('open');
    }
    // In each demo province, the music club's event opening in three days, to VIPs first.
    const later = await getReader().select({ p: events.provinceCode }).from(events).where(sql`${events.clubCode} = 'music' and ${events.vipOpensAt} > ${Date.now()} and ${events.status} = 'published'`);
    expect(new Set(later.map((e) => e.p)).size).toBeGreaterThanOrEqual(2);
  });

  it('names every event\'s venue in both languages, the English one with its city', async () => {
    const rows = await getReader().select({ venue: events.venue, venueEn: events.venueEn, city: events.city }).from(events);
    expect(rows.length).toBeGreaterThan(0);
    const missing = rows.filter((e) => !e.venueEn || /[\u4e00-\u9fff]/.test(e.venueEn));
    expect(missing).toEqual([]);
    const cityNames: Record<string, string> = { 广州: 'Guangzhou', 深圳: 'Shenzhen', 佛山: 'Foshan', 北京: 'Beijing', 上海: 'Shanghai', 杭州: 'Hangzhou', 宁波: 'Ningbo', 成都: 'Chengdu', 南京: 'Nanjing', 苏州: 'Suzhou' };
    expect(rows.filter((e) => !e.venueEn!.includes(cityNames[e.city!] ?? `? ${e.city}`))).toEqual([]);
  });

  it('gives the Guangdong operator an event of the day with confirmed tickets to check in', async () => {
    const now = Date.now();
    const rows = await getReader().all<{ confirmed: number }>(sql`
      select (select count(*) from ${registrations} r where r.event_id = e.id and r.status = 'confirmed') as confirmed
      from ${events} e
      where e.province_code = '440000' and e.status = 'published' and e.starts_at > ${now} and e.starts_at < ${now + 36 * 3_600_000}`);
    expect(rows.some((e) => e.confirmed >= 5)).toBe(true);
  });

  it('has ratings from attendees and a callback for every attending VIP, made by an operator unless recent', async () => {
    const db = getReader();
    const ratings = await db.all<{ rating: number; n: number }>(sql`select rating, count(*) as n from ${feedback} group by rating order by rating`);
    expect(ratings.map((r) => r.rating)).toEqual([1, 2, 3, 4, 5]);
    const notAttended = await db.all(sql`select f.id from ${feedback} f join ${registrations} r on r.id = f.registration_id where r.status <> 'attended'`);
    expect(notAttended).toEqual([]);
    const vipAttendances = await db.all<{ id: number; callbacks: number }>(sql`
      select r.id, (select count(*) from ${callbacks} cb where cb.registration_id = r.id) as callbacks
      from ${registrations} r join ${customers} c on c.id = r.customer_id join ${events} e on e.id = r.event_id
      where r.status = 'attended' and c.segment = 'postpaid_vip' and e.completed_at is not null`);
    expect(vipAttendances.length).toBeGreaterThan(0);
    expect(vipAttendances.filter((a) => a.callbacks !== 1)).toEqual([]);
    const tasks = await db.select({ status: callbacks.status, staffId: callbacks.staffId, completedAt: callbacks.completedAt }).from(callbacks).where(eq(callbacks.kind, 'event'));
    expect(new Set(tasks.map((t) => t.status))).toEqual(new Set(['open', 'reached', 'not_reached']));
    expect(tasks.filter((t) => (t.status === 'open') !== (t.completedAt === null) || (t.status !== 'open' && t.staffId === null))).toEqual([]);
  });

  it('has the quarter\'s periodic callback of every active VIP, in every state, the account manager\'s VIPs assigned to them', async () => {
    const db = getReader();
    const now = Date.now();
    // The job finds nothing left to make.
    expect(await scheduleVipCallbacks(now)).toBe(0);
    const tasks = await db.select().from(callbacks).where(eq(callbacks.kind, 'periodic'));
    const vips = await db.select({ id: customers.id }).from(customers).where(sql`${customers.segment} = 'postpaid_vip' and ${customers.status} = 'active'`);
    expect(tasks.map((t) => t.customerId).sort((a, b) => a - b)).toEqual(vips.map((v) => v.id).sort((a, b) => a - b));
    expect(new Set(tasks.map((t) => t.periodStart))).toEqual(new Set([callbackPeriodRange('quarter', now).start]));
    // The provinces with an operator's demo login show every state (the smaller ones have too few VIPs for all).
    for (const province of ['440000', '110000']) {
      const mine = tasks.filter((t) => t.provinceCode === province);
      const open = mine.filter((t) => t.status === 'open');
      expect(open.some((t) => t.dueAt <= now && t.dueAt > now - DAY), `${province} due today`).toBe(true);
      expect(open.some((t) => t.dueAt <= now - DAY && t.assignedStaffId === null), `${province} overdue`).toBe(true);
      expect(open.some((t) => t.attempts > 0 && t.nextAttemptAt !== null), `${province} retry`).toBe(true);
      expect(new Set(mine.filter((t) => t.status !== 'open').map((t) => t.status)), province).toEqual(new Set(['reached', 'not_reached', 'declined']));
    }
    expect(tasks.filter((t) => (t.status === 'open') !== (t.completedAt === null) || (t.attempts > 0) === (t.staffId === null) || t.dueAt > now + 100 * DAY)).toEqual([]);
    const [manager] = await db.select({ id: staff.id }).from(staff).where(eq(staff.username, 'gd.manager'));
    const [chen] = await db.select({ id: customers.id, manager: customers.accountManagerId }).from(customers).where(eq(customers.mobile, '18602001234'));
    expect(chen!.manager).toBe(manager!.id);
    expect(tasks.find((t) => t.customerId === chen!.id)?.assignedStaffId).toBe(manager!.id);
    expect(tasks.filter((t) => t.assignedStaffId === manager!.id)).toHaveLength(4);
  });

  it('gives members the messages their registrations, bookings and complaints sent, none waiting to go out, none to send again', async () => {
    const db = getReader();
    const [registered] = await db.select({ n: count() }).from(registrations);
    const [filed] = await db.select({ n: count() }).from(complaints);
    const [answered] = await db.select({ n: count() }).from(complaintSteps).innerJoin(complaints, eq(complaints.id, complaintSteps.complaintId)).where(and(eq(complaintSteps.step, 'answered'), eq(complaints.kind, 'complaint')));
    const [suggested] = await db.select({ n: count() }).from(complaints).where(eq(complaints.kind, 'suggestion'));
    const sent = await db.all<{ template: string; sms: number; inapp: number }>(sql`
      select template, count(*) filter (where channel = 'sms') as sms, count(*) filter (where channel = 'inapp') as inapp from ${outbox} group by template order by template`);
    expect(sent.map((s) => s.template)).toEqual(['complaint_received', 'complaint_resolved', 'event_reminder', 'feedback_request', 'registration_confirmed', 'service_booked', 'service_cancelled', 'service_done', 'suggestion_answered', 'suggestion_received']);
    expect(sent.every((s) => s.sms === s.inapp)).toBe(true);
    expect(sent.find((s) => s.template === 'registration_confirmed')!.inapp).toBe(registered!.n);
    expect(sent.find((s) => s.template === 'complaint_received')!.inapp + sent.find((s) => s.template === 'suggestion_received')!.inapp).toBe(filed!.n);
    expect(sent.find((s) => s.template === 'suggestion_received')!.inapp).toBe(suggested!.n);
    expect(sent.find((s) => s.template === 'complaint_resolved')!.inapp).toBe(answered!.n);
    expect(await db.select({ id: outbox.id }).from(outbox).where(sql`${outbox.status} = 'pending' or ${outbox.createdAt} > ${Date.now()}`)).toEqual([]);
    // The SMS as an SMPP gateway's receipts left them: most delivered, a few failed with the receipt's reason, none delivered before it was sent.
    const sms = await db.all<{ status: string; n: number; reasons: number; early: number }>(sql`
      select status, count(*) as n, count(failure_reason) as reasons, count(*) filter (where delivered_at < sent_at) as early
      from ${outbox} where channel = 'sms' group by status order by status`);
    const byStatus = Object.fromEntries(sms.map((s) => [s.status, { n: Number(s.n), reasons: Number(s.reasons), early: Number(s.early) }]));
    expect(byStatus.delivered!.n).toBeGreaterThan(20 * byStatus.failed!.n);
    expect(byStatus.failed!.n).toBeGreaterThan(0);
    expect(byStatus.failed!.reasons).toBe(byStatus.failed!.n);
    expect(Object.values(byStatus).every((s) => s.early === 0)).toBe(true);
    // The event of the day's reminders went out a day before it, as the scheduler would have sent them.
    expect(await enqueueEventReminders(Date.now())).toBe(0);
  });

  it('bills charges in this cycle and the two before, with a refund reversed, and last cycle’s file exported as the app would', async () => {
    const admin = { kind: 'staff', role: 'admin', staffId: 1, provinceCode: null, clubCodes: null, name: '总部' } as const;
    const page = await getBillingReconciliation(admin, undefined, Date.now());
    for (const cycle of page.cycles.slice(0, 3)) {
      const all = (await getBillingReconciliation(admin, cycle.id, Date.now())).rows[0]!;
      expect(all.charges.count, cycle.id).toBeGreaterThan(0);
    }
    const last = page.cycles[1]!;
    const reconciled = await getBillingReconciliation(admin, last.id, Date.now());
    const all = reconciled.rows[0]!;
    expect(all.reversals.count).toBeGreaterThan(0);
    expect(all).toMatchObject({ scope: 'ALL', differs: false, exported: { lineCount: all.net.count, sumFen: all.net.sumFen, byName: expect.any(String) } });
  });

  it('times hall visits over the past months, VIPs served faster, with a line waiting now at 天河 and a VIP in no club', async () => {
    const history = await getHallVisitStatistics({ kind: 'staff', role: 'admin', staffId: 1, provinceCode: null, clubCodes: null, name: '总部' }, statsFilters.parse({ period: 'custom', from: beijingDayText(Date.now() - 100 * DAY), to: beijingDayText(Date.now() - DAY) }));
    expect(history.vip.visits).toBeGreaterThan(20);
    expect(history.byProvince.length).toBeGreaterThanOrEqual(4);
    expect(history.vip.medianWaitMinutes!).toBeLessThan(history.others.medianWaitMinutes!);
    // Most within the plan's 5 and 10 minutes, some not.
    for (const share of [history.others.waitWithinTarget!, history.others.handlingWithinTarget!]) {
      expect(share).toBeGreaterThan(0.6);
      expect(share).toBeLessThan(1);
    }
    const [tianhe] = await getReader().select({ id: halls.id }).from(halls).where(eq(halls.provinceCode, '440000')).orderBy(halls.id).limit(1);
    const queue = await getHallQueue({ kind: 'staff', role: 'admin', staffId: 1, provinceCode: null, clubCodes: null, name: '总部' }, tianhe!.id);
    expect(queue.waiting.map((v) => v.segment)[0]).toBe('postpaid_vip');
    expect([queue.waiting.length, queue.serving.length]).toEqual([3, 1]);
    const [vip] = await getReader().select({ id: customers.id, segment: customers.segment }).from(customers).where(eq(customers.mobile, DEMO_HALL_VIP.mobile));
    expect(vip!.segment).toBe('postpaid_vip');
    expect(await getReader().select({ id: memberships.id }).from(memberships).where(eq(memberships.customerId, vip!.id))).toEqual([]);
  });

  it('registers 3G handsets sold in Guangdong and Beijing, a Guangdong one repaired in Beijing and on its owner\'s record', async () => {
    const handsets = await getReader().select().from(warrantyHandsets);
    expect(handsets.length).toBeGreaterThanOrEqual(6);
    expect(handsets.every((h) => isValidImei(h.imei))).toBe(true);
    expect(new Set(handsets.map((h) => h.provinceCode))).toEqual(new Set(['440000', '110000']));
    const hq = { kind: 'staff', role: 'admin', staffId: 1, provinceCode: null, clubCodes: null, name: '总部' } as const;
    const i909 = await findHandset({ ...hq, role: 'operator', provinceCode: '110000' }, '352099001761481');
    expect(i909).toMatchObject({ model: '三星 I909', provinceCode: '440000', customer: { masked: true } });
    expect(i909!.repairs.map((r) => [r.provinceCode, r.inWarranty])).toEqual([['110000', true]]);
    expect(await getReader().$count(activities, and(eq(activities.kind, 'warranty_repair'), eq(activities.customerId, i909!.customer!.id)))).toBe(1);
    const counts = await getWarrantyStatistics(hq, statsFilters.parse({ period: 'custom', from: beijingDayText(Date.now() - 60 * DAY), to: beijingDayText(Date.now()) }));
    expect(counts.byProvince.find((p) => p.province === '440000')?.soldHereServedElsewhere).toBeGreaterThanOrEqual(1);
    expect(counts.byProvince.find((p) => p.province === '110000')?.servedHereSoldElsewhere).toBeGreaterThanOrEqual(1);
    // The iPhone 4 bought more than a year ago was a paid repair.
    expect((await findHandset(hq, '012389005566776'))?.repairs).toEqual([expect.objectContaining({ inWarranty: false, feeFen: 48000 })]);
    // The sign-in members' inboxes and records are not touched.
    const demoIds = (await getReader().select({ id: customers.id }).from(customers).where(inArray(customers.mobile, DEMO_MEMBERS.map((m) => m.mobile)))).map((c) => c.id);
    expect(handsets.filter((h) => h.customerId !== null && demoIds.includes(h.customerId))).toEqual([]);
  });

  it('is idempotent: a second setup or demo seed on a used database adds nothing', async () => {
    const before = [await n(customers), await n(staff), await n(events), await n(memberships), await n(registrations)];
    expect(await setupDatabase('demo')).toBeNull();
    await ensureReferenceData();
    expect(await seedDemo()).toEqual({ customers: 0, memberships: 0, events: 0, registrations: 0 });
    expect([await n(customers), await n(staff), await n(events), await n(memberships), await n(registrations)]).toEqual(before);
    expect(await n(provinces)).toBe(31);
  });

  it('renews the clubs\' own texts at each start, keeping the settings admins changed; no yearly target in what members read', async () => {
    await ensureReferenceData();
    await withTransaction((tx) => tx.update(clubs).set({ minEventsPerYear: 5, descriptionZh: '全年组织不少于三次会员活动。' }).where(eq(clubs.code, 'music')));
    await ensureReferenceData();
    const [music] = await getReader().select({ min: clubs.minEventsPerYear, zh: clubs.descriptionZh }).from(clubs).where(eq(clubs.code, 'music'));
    expect(music!.min).toBe(5);
    expect(music!.zh).toContain('歌友会');
    const texts = await getReader().select({ zh: clubs.descriptionZh, en: clubs.descriptionEn }).from(clubs);
    expect(texts.filter((c) => /至少|不少于|a year/.test(`${c.zh} ${c.en}`))).toEqual([]);
  });
});
