import { and, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getReader, withTransaction } from '@/db/client';
import { activities, auditLog, customers, hallVisits, memberships, pointsLedger, services } from '@/db/schema';
import type { Actor } from '@/lib/domain/access';
import { signHallCode } from '@/lib/domain/hall-codes';
import { HOUR, MINUTE, shanghaiInstant } from '@/lib/domain/time';
import { withTempDatabase } from '@/tests/temp-database';
import { saveHall } from './halls';
import { checkInByHallCode, checkInVisitor, finishVisit, getHallCode, getHallQueue, readHallOfCode, startVisit } from './hall-visits';
import { bookService } from './services/bookings';
import { createSlot } from './services/catalogue';

withTempDatabase();

const T = shanghaiInstant(2027, 3, 1, 10);
const gd: Actor = { kind: 'staff', role: 'operator', staffId: 1, provinceCode: '440000', clubCodes: ['music'], name: '广东运营' };
const bj: Actor = { kind: 'staff', role: 'operator', staffId: 2, provinceCode: '110000', clubCodes: null, name: '北京运营' };
const analyst: Actor = { kind: 'staff', role: 'analyst', staffId: 3, provinceCode: '440000', clubCodes: null, name: '广东分析' };
const admin: Actor = { kind: 'staff', role: 'admin', staffId: 5, provinceCode: null, clubCodes: null, name: '总部' };
const people: Record<string, { id: number; mobile: string; actor: Actor }> = {};
let tianhe = 0;

beforeAll(async () => {
  await withTransaction(async (tx) => {
    await tx.run(sql`insert into staff (id, username, display_name, password_hash, role, province_code, created_at) values
      (1, 'gd', '广东运营', 'x', 'operator', '440000', 0), (2, 'bj', '北京运营', 'x', 'operator', '110000', 0), (3, 'gda', '广东分析', 'x', 'analyst', '440000', 0), (5, 'hq', '总部', 'x', 'admin', null, 0)`);
    for (const [i, [name, segment, province]] of ([['陈', 'postpaid', '440000'], ['李', 'postpaid_vip', '440000'], ['王', 'prepaid', '110000']] as const).entries()) {
      const mobile = `1860200000${i}`;
      const [c] = await tx.insert(customers).values({ mobile, name, segment, provinceCode: province }).returning({ id: customers.id });
      await tx.insert(memberships).values({ customerId: c!.id, clubCode: 'handset', provinceCode: province, joinedAt: 0, joinChannel: 'hall' });
      await tx.insert(pointsLedger).values({ customerId: c!.id, delta: 1000, reason: 'grant' });
      people[name] = { id: c!.id, mobile, actor: { kind: 'member', role: 'member', customerId: c!.id, provinceCode: province, name } };
    }
  });
  tianhe = (await saveHall(admin, { provinceCode: '440000', kind: 'hall', nameZh: '中国联通广州天河营业厅', nameEn: 'China Unicom Tianhe Service Hall', city: '广州', address: '天河路385号', active: true })).id;
});

describe('hall visits', () => {
  it('queues a scan and a VIP checked in by staff, VIP first, and times the visit from arrival to finish', async () => {
    const { code } = await getHallCode(gd, tianhe);
    expect((await readHallOfCode(people['陈']!.actor, code)).id).toBe(tianhe);
    const scanned = await checkInByHallCode(people['陈']!.actor, { code, purpose: 'bill_topup' }, T);
    expect(scanned).toMatchObject({ arrival: 'scan', status: 'waiting', segment: 'postpaid', checkedInByStaffId: null });
    const vip = await checkInVisitor(gd, { hallId: tianhe, purpose: 'enquiry', mobile: `+86 ${people['李']!.mobile}` }, T + 2 * MINUTE);
    // A customer of another province is served too (全国联保), and shown masked to this operator.
    await checkInVisitor(gd, { hallId: tianhe, purpose: 'sim_number', mobile: people['王']!.mobile }, T + 3 * MINUTE);

    const queue = await getHallQueue(gd, tianhe, T + 4 * MINUTE);
    expect(queue.waiting.map((v) => v.name)).toEqual(['李', '陈', '王*']);
    expect(queue.waiting[2]!.masked).toBe(true);

    await startVisit(gd, vip.id, T + 4 * MINUTE);
    await expect(startVisit(admin, vip.id, T + 5 * MINUTE)).rejects.toMatchObject({ code: 'visit_already_started' });
    await expect(finishVisit(gd, scanned.id, T + 5 * MINUTE)).rejects.toMatchObject({ code: 'visit_not_started' });
    const done = await finishVisit(gd, vip.id, T + 11 * MINUTE);
    expect(done).toMatchObject({ status: 'done', startedAt: T + 4 * MINUTE, finishedAt: T + 11 * MINUTE, servedByStaffId: 1 });
    await expect(finishVisit(gd, vip.id, T + 12 * MINUTE)).rejects.toMatchObject({ code: 'visit_finished' });

    const after = await getHallQueue(gd, tianhe, T + 12 * MINUTE);
    expect([after.waiting.length, after.serving.length, after.servedToday]).toEqual([2, 0, 1]);
    const facts = await getReader().select({ data: activities.data }).from(activities).where(and(eq(activities.customerId, people['李']!.id), eq(activities.kind, 'hall_visit')));
    expect(facts.map((f) => (f.data as { step: string }).step)).toEqual(['arrived', 'finished']);
    const audited = await getReader().select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.entityType, 'hall_visit'));
    expect(audited.map((a) => a.action).sort()).toEqual(['hall_visit.check_in', 'hall_visit.check_in', 'hall_visit.finish', 'hall_visit.start']);
  });

  it('lets two staff start the same visit at once only once', async () => {
    const visit = await checkInVisitor(gd, { hallId: tianhe, purpose: 'other', mobile: people['李']!.mobile }, T + 20 * MINUTE);
    const results = await Promise.allSettled([startVisit(gd, visit.id, T + 21 * MINUTE), startVisit(admin, visit.id, T + 21 * MINUTE)]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason.code)).toEqual(['visit_already_started']);
  });

  it('refuses a second place in the line, an unknown number, and a visit finished before it started even written directly', async () => {
    await expect(checkInVisitor(gd, { hallId: tianhe, purpose: 'other', mobile: people['陈']!.mobile }, T + 30 * MINUTE)).rejects.toMatchObject({ code: 'visit_already_queued' });
    await expect(checkInByHallCode(people['陈']!.actor, { code: (await getHallCode(gd, tianhe)).code, purpose: 'other' }, T + 30 * MINUTE)).rejects.toMatchObject({ code: 'visit_already_queued' });
    await expect(checkInVisitor(gd, { hallId: tianhe, purpose: 'other', mobile: '13900000000' }, T)).rejects.toMatchObject({ code: 'visit_customer_unknown' });
    await expect(checkInVisitor(gd, { hallId: tianhe, purpose: 'other', mobile: '12345' }, T)).rejects.toMatchObject({ code: 'invalid_mobile' });
    const [waiting] = await getReader().select().from(hallVisits).where(and(eq(hallVisits.customerId, people['陈']!.id), eq(hallVisits.status, 'waiting')));
    await expect(withTransaction((tx) => tx.update(hallVisits).set({ status: 'done', finishedAt: T + 40 * MINUTE }).where(eq(hallVisits.id, waiting!.id)))).rejects.toThrow();
    await expect(withTransaction((tx) => tx.update(hallVisits).set({ status: 'serving', startedAt: waiting!.arrivedAt - MINUTE }).where(eq(hallVisits.id, waiting!.id)))).rejects.toThrow();
  });

  it('keeps the queue and the code to operators of the hall’s province and admins', async () => {
    await expect(getHallQueue(bj, tianhe, T)).rejects.toMatchObject({ code: 'not_found' });
    await expect(getHallQueue(analyst, tianhe, T)).rejects.toMatchObject({ code: 'not_found' });
    await expect(getHallCode(bj, tianhe)).rejects.toMatchObject({ code: 'not_found' });
    await expect(checkInVisitor(bj, { hallId: tianhe, purpose: 'other', mobile: people['王']!.mobile }, T)).rejects.toMatchObject({ code: 'not_found' });
    const [visit] = await getReader().select().from(hallVisits).where(eq(hallVisits.status, 'waiting')).limit(1);
    await expect(startVisit(bj, visit!.id, T + HOUR)).rejects.toMatchObject({ code: 'not_found' });
    await expect(readHallOfCode(people['陈']!.actor, signHallCode(tianhe, 'not the key'))).rejects.toMatchObject({ code: 'not_found' });
    await expect(checkInByHallCode(gd, { code: (await getHallCode(gd, tianhe)).code, purpose: 'other' }, T)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('checks in a customer from one of today’s bookings at the hall, linking the booking', async () => {
    const now = Date.now();
    const [cleaning] = await getReader().select().from(services).where(and(eq(services.provinceCode, '440000'), eq(services.kind, 'cleaning')));
    const startsAt = now + 10 * MINUTE;
    const slot = await createSlot(admin, { serviceId: cleaning!.id, hallId: tianhe, startsAt, endsAt: startsAt + 30 * MINUTE, opensAt: now - 10 * MINUTE, capacity: 2 });
    const booking = await bookService(people['陈']!.actor, { slotId: slot.id }, now);
    const sameDay = startsAt - (startsAt % MINUTE);
    const queue = await getHallQueue(gd, tianhe, sameDay);
    expect(queue.bookings.map((b) => b.id)).toContain(booking.id);
    const visit = await checkInVisitor(gd, { hallId: tianhe, purpose: 'other', bookingId: booking.id }, sameDay);
    expect(visit).toMatchObject({ arrival: 'booking', bookingId: booking.id, purpose: 'service_booking' });
    expect((await getHallQueue(gd, tianhe, sameDay)).bookings.map((b) => b.id)).not.toContain(booking.id);
  });
});
