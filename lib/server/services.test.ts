import { and, eq, sql } from 'drizzle-orm';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { getReader, withTransaction } from '@/db/client';
import { activities, customers, memberships, outbox, pointsLedger, services, serviceSlots } from '@/db/schema';
import type { Actor } from '@/lib/domain/access';
import { DAY, HOUR } from '@/lib/domain/time';
import type { Segment } from '@/lib/domain/types';
import { expectDerivedNumbersConsistent } from '@/tests/invariants';
import { withTempDatabase } from '@/tests/temp-database';
import { advanceBooking, bookService, cancelBooking } from './services/bookings';
import { createSlot } from './services/catalogue';
import { addLoaner, lendLoaner, listLoaners, returnLoaner } from './services/loaners';
import { applyForTrial, createTrialProgramme, listTrialApplications, updateTrialApplication } from './services/trials';
import { saveHall } from './halls';
import { updateHqSettings } from './hq-settings';
import { getServiceStatistics } from './stats';
import { statsFilters } from '@/lib/validation/stats';

withTempDatabase();
afterEach(expectDerivedNumbersConsistent);

const NOW = Date.UTC(2027, 0, 10, 2);
const gdOperator: Actor = { kind: 'staff', role: 'operator', staffId: 1, provinceCode: '440000', clubCodes: null, name: '广东运营' };
const bjOperator: Actor = { kind: 'staff', role: 'operator', staffId: 2, provinceCode: '110000', clubCodes: null, name: '北京运营' };
const admin: Actor = { kind: 'staff', role: 'admin', staffId: 3, provinceCode: null, clubCodes: null, name: '总部' };
const who: Record<string, { id: number; actor: Actor }> = {};
/** The hall the slots and loaners are at. */
let tianhe = 0;
const serviceOf = async (kind: string) => (await getReader().select().from(services).where(and(eq(services.provinceCode, '440000'), eq(services.kind, kind as 'cleaning'))))[0]!;

async function member(name: string, segment: Segment, points = 1000) {
  await withTransaction(async (tx) => {
    const [c] = await tx.insert(customers).values({ mobile: `1860000${String(Object.keys(who).length).padStart(4, '0')}`, name, segment, provinceCode: '440000' }).returning({ id: customers.id });
    if (points) await tx.insert(pointsLedger).values({ customerId: c!.id, delta: points, reason: 'grant' });
    await tx.insert(memberships).values({ customerId: c!.id, clubCode: 'handset', provinceCode: '440000', joinedAt: 0, joinChannel: 'hall' });
    who[name] = { id: c!.id, actor: { kind: 'member', role: 'member', customerId: c!.id, provinceCode: '440000', name } };
  });
}

beforeAll(async () => {
  await withTransaction(async (tx) => {
    await tx.run(sql`insert into staff (id, username, display_name, password_hash, role, province_code, created_at) values
      (1, 'gd', '广东运营', 'x', 'operator', '440000', 0), (2, 'bj', '北京运营', 'x', 'operator', '110000', 0), (3, 'hq', '总部', 'x', 'admin', null, 0)`);
  });
  for (const [n, s] of [['甲', 'postpaid'], ['乙', 'postpaid'], ['丙', 'postpaid'], ['丁', 'postpaid_vip'], ['戊', 'postpaid']] as const) await member(n, s);
  tianhe = (await saveHall(gdOperator, { kind: 'hall', nameZh: '中国联通广州天河营业厅', nameEn: 'China Unicom Tianhe Service Hall, Guangzhou', city: '广州', address: '天河路385号', active: true })).id;
});

const cleaningSlot = async (capacity: number, startsIn = 2 * DAY) =>
  createSlot(gdOperator, { serviceId: (await serviceOf('cleaning')).id, hallId: tianhe, startsAt: NOW + startsIn, endsAt: NOW + startsIn + HOUR, opensAt: NOW - HOUR, capacity }, );

describe('booking handset services', () => {
  it('never overbooks a slot, however many book at once', async () => {
    const slot = await cleaningSlot(2);
    const results = await Promise.allSettled(['甲', '乙', '丙', '丁', '戊'].map((n) => bookService(who[n]!.actor, { slotId: slot.id }, NOW)));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(2);
    expect(results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason.code)).toEqual(['slot_full', 'slot_full', 'slot_full']);
    expect((await getReader().select({ booked: serviceSlots.booked }).from(serviceSlots).where(eq(serviceSlots.id, slot.id)))[0]!.booked).toBe(2);
  });

  it('takes the price in points, refunds it once on cancellation and frees the place', async () => {
    const slot = await cleaningSlot(1);
    const booking = await bookService(who['甲']!.actor, { slotId: slot.id }, NOW);
    expect(booking.pointsPaid).toBe(100);
    await cancelBooking(who['甲']!.actor, { bookingId: booking.id }, NOW + HOUR);
    await expect(cancelBooking(who['甲']!.actor, { bookingId: booking.id }, NOW + HOUR)).rejects.toMatchObject({ code: 'booking_not_cancellable' });
    const refunds = await getReader().select().from(pointsLedger).where(and(eq(pointsLedger.refType, 'service_booking'), eq(pointsLedger.refId, booking.id), eq(pointsLedger.reason, 'refund')));
    expect(refunds).toHaveLength(1);
    await expect(bookService(who['乙']!.actor, { slotId: slot.id }, NOW + 2 * HOUR)).resolves.toMatchObject({ status: 'requested' });
  });

  it('opens slots to VIPs first during the priority window', async () => {
    const repair = await serviceOf('booked_repair');
    const slot = await createSlot(gdOperator, { serviceId: repair.id, hallId: tianhe, startsAt: NOW + 5 * DAY, endsAt: NOW + 5 * DAY + HOUR, opensAt: NOW + 2 * HOUR, capacity: 3 });
    await expect(bookService(who['乙']!.actor, { slotId: slot.id }, NOW)).rejects.toMatchObject({ code: 'vip_window_only' });
    await expect(bookService(who['丁']!.actor, { slotId: slot.id }, NOW)).resolves.toMatchObject({ status: 'requested' });
  });

  it('is worked by operators step by step, each step told to the member and the last on their record', async () => {
    const slot = await cleaningSlot(5, 3 * DAY);
    const booking = await bookService(who['丙']!.actor, { slotId: slot.id }, NOW);
    await expect(advanceBooking(gdOperator, { bookingId: booking.id, to: 'done' })).rejects.toMatchObject({ code: 'booking_transition_refused' });
    await advanceBooking(gdOperator, { bookingId: booking.id, to: 'confirmed' }, NOW + HOUR);
    await advanceBooking(gdOperator, { bookingId: booking.id, to: 'in_progress' }, NOW + 3 * DAY);
    await expect(advanceBooking(gdOperator, { bookingId: booking.id, to: 'done', notes: '  ' })).rejects.toMatchObject({ code: 'notes_required' });
    await advanceBooking(gdOperator, { bookingId: booking.id, to: 'done', notes: '屏幕与接口已清洁消毒' }, NOW + 3 * DAY + HOUR);
    await expect(advanceBooking(bjOperator, { bookingId: booking.id, to: 'done' })).rejects.toMatchObject({ code: 'not_found' });
    const told = (await getReader().select({ t: outbox.template }).from(outbox).where(and(eq(outbox.customerId, who['丙']!.id), eq(outbox.channel, 'inapp')))).map((m) => m.t);
    expect(told).toEqual(expect.arrayContaining(['service_booked', 'service_confirmed', 'service_started', 'service_done']));
    const done = await getReader().select({ data: activities.data }).from(activities).where(and(eq(activities.customerId, who['丙']!.id), eq(activities.kind, 'service_done')));
    expect(done[0]!.data).toMatchObject({ service: 'cleaning', notes: '屏幕与接口已清洁消毒' });
  });

  it('asks an address for on-site repair, and lets an operator cancel only with a reason', async () => {
    const onsite = await serviceOf('onsite_repair');
    const slot = await createSlot(gdOperator, { serviceId: onsite.id, area: '天河区', startsAt: NOW + 4 * DAY, endsAt: NOW + 4 * DAY + 3 * HOUR, opensAt: NOW - HOUR, capacity: 2 });
    await expect(bookService(who['戊']!.actor, { slotId: slot.id }, NOW)).rejects.toMatchObject({ code: 'address_required' });
    const booking = await bookService(who['戊']!.actor, { slotId: slot.id, address: '广州市天河区体育西路1号' }, NOW);
    await expect(cancelBooking(gdOperator, { bookingId: booking.id })).rejects.toMatchObject({ code: 'reason_required' });
    await expect(cancelBooking(gdOperator, { bookingId: booking.id, reason: '工程师临时外派' }, NOW + HOUR)).resolves.toMatchObject({ status: 'cancelled' });
  });

  it('gives slots only to services booked by slot, and refuses a member who is not in the handset club', async () => {
    const trial = await serviceOf('handset_trial');
    await expect(createSlot(gdOperator, { serviceId: trial.id, hallId: tianhe, startsAt: NOW + DAY, endsAt: NOW + DAY + HOUR, opensAt: NOW, capacity: 1 })).rejects.toMatchObject({ code: 'not_bookable' });
    const slot = await cleaningSlot(3);
    const [outsider] = await withTransaction((tx) => tx.insert(customers).values({ mobile: '18600009999', name: '己', segment: 'postpaid', provinceCode: '440000' }).returning({ id: customers.id }));
    await expect(bookService({ kind: 'member', role: 'member', customerId: outsider!.id, provinceCode: '440000', name: '己' }, { slotId: slot.id }, NOW)).rejects.toMatchObject({ code: 'not_handset_member_or_vip' });
  });
});

describe('trials', () => {
  it('takes VIPs in the priority window, selects up to the units, and flags late returns', async () => {
    const trial = await serviceOf('handset_trial');
    const programme = await createTrialProgramme(gdOperator, { serviceId: trial.id, titleZh: '3G新机试用（第一期）', titleEn: null, units: 1, vipOpensAt: NOW - DAY, opensAt: NOW + DAY, closesAt: NOW + 10 * DAY, loanDays: 7 });
    await expect(applyForTrial(who['甲']!.actor, { programmeId: programme.id }, NOW)).rejects.toMatchObject({ code: 'vip_window_only' });
    const vip = await applyForTrial(who['丁']!.actor, { programmeId: programme.id }, NOW);
    const later = await applyForTrial(who['甲']!.actor, { programmeId: programme.id }, NOW + 2 * DAY);
    const list = await listTrialApplications(gdOperator, programme.id, NOW + 2 * DAY);
    expect(list.applications.map((a) => a.id)).toEqual([vip.id, later.id]);
    await updateTrialApplication(gdOperator, { applicationId: vip.id, step: 'select' }, NOW + 2 * DAY);
    await expect(updateTrialApplication(gdOperator, { applicationId: later.id, step: 'select' })).rejects.toMatchObject({ code: 'trial_units_taken' });
    await updateTrialApplication(gdOperator, { applicationId: vip.id, step: 'hand_over' }, NOW + 3 * DAY);
    const returned = await updateTrialApplication(gdOperator, { applicationId: vip.id, step: 'return' }, NOW + 11 * DAY);
    expect(returned).toMatchObject({ status: 'returned', late: true });
    expect((await listTrialApplications(gdOperator, programme.id, NOW + 12 * DAY)).applications[0]).toMatchObject({ late: true });
  });
});

describe('loaner phones', () => {
  it('lends a phone to a repair booking, refuses to lend it twice, takes it back, and lists it overdue when late', async () => {
    const repair = await serviceOf('booked_repair');
    const slot = await createSlot(gdOperator, { serviceId: repair.id, hallId: tianhe, startsAt: NOW + DAY, endsAt: NOW + DAY + HOUR, opensAt: NOW - HOUR, capacity: 5 });
    const first = await bookService(who['甲']!.actor, { slotId: slot.id }, NOW);
    const second = await bookService(who['乙']!.actor, { slotId: slot.id }, NOW);
    const phone = await addLoaner(gdOperator, { hallId: tianhe, model: '联通沃3G T1', imei: '356938035643809', condition: '良好' });
    await expect(addLoaner(gdOperator, { hallId: tianhe, model: 'X', imei: '356938035643809', condition: '良好' })).rejects.toMatchObject({ code: 'imei_taken' });
    const loan = await lendLoaner(gdOperator, { loanerId: phone.id, bookingId: first.id, dueAt: NOW + 3 * DAY }, NOW + DAY);
    await expect(lendLoaner(gdOperator, { loanerId: phone.id, bookingId: second.id, dueAt: NOW + 3 * DAY }, NOW + DAY)).rejects.toMatchObject({ code: 'loaner_already_lent' });
    const spare = await addLoaner(gdOperator, { hallId: tianhe, model: '华为 U8800', imei: '867530010000999', condition: '良好' });
    await expect(lendLoaner(gdOperator, { loanerId: spare.id, bookingId: first.id, dueAt: NOW + 3 * DAY }, NOW + DAY)).rejects.toMatchObject({ code: 'booking_has_loaner' });
    expect((await listLoaners(gdOperator, undefined, NOW + 4 * DAY)).overdue.map((p) => p.id)).toEqual([phone.id]);
    await expect(returnLoaner(gdOperator, { loanId: loan.id, condition: '良好' }, NOW + 4 * DAY)).resolves.toMatchObject({ late: true });
    await expect(lendLoaner(gdOperator, { loanerId: phone.id, bookingId: second.id, dueAt: NOW + 6 * DAY }, NOW + 4 * DAY)).resolves.toMatchObject({ bookingId: second.id });
    await cancelBooking(gdOperator, { bookingId: first.id, reason: '客户改约' }, NOW + 4 * DAY);
    await expect(lendLoaner(gdOperator, { loanerId: spare.id, bookingId: first.id, dueAt: NOW + 6 * DAY }, NOW + 4 * DAY)).rejects.toMatchObject({ code: 'booking_finished' });
    const facts = await getReader().select({ data: activities.data }).from(activities).where(and(eq(activities.customerId, who['甲']!.id), eq(activities.kind, 'loan')));
    expect(facts.map((f) => (f.data as { step: string }).step)).toEqual(['lent', 'returned']);
  });
});

describe('service statistics', () => {
  it('count bookings by service, trials handed over and returned, and loaner utilisation', async () => {
    const hq: Actor = { kind: 'staff', role: 'analyst', staffId: 3, provinceCode: null, clubCodes: null, name: '总部分析' };
    const at = NOW + 6 * DAY;
    const s = await getServiceStatistics(hq, statsFilters.parse({ period: 'month', year: '2027', month: '1' }), at);
    expect(s).toMatchObject({ bookings: 9, done: 1, cancelled: 3, trialUnits: 1, trialsHandedOver: 1, trialsReturned: 1, trialsLate: 1, trialReturnRate: 1, loanerPhones: 2 });
    expect(s.byKind).toEqual([
      { key: 'cleaning', bookings: 5, done: 1 },
      { key: 'booked_repair', bookings: 3, done: 0 },
      { key: 'onsite_repair', bookings: 1, done: 0 },
    ]);
    expect(s.byHall).toEqual([
      { key: String(tianhe), nameZh: '中国联通广州天河营业厅', nameEn: 'China Unicom Tianhe Service Hall, Guangzhou', bookings: 8, done: 1 },
      { key: 'onsite', nameZh: null, nameEn: null, bookings: 1, done: 0 },
    ]);
    // One phone lent from day 1 to day 4, and again from day 4 on; the spare never: five days of two phones' month so far.
    const monthStart = Date.UTC(2026, 11, 31, 16);
    expect(s.loanerUtilisation).toBeCloseTo((5 * DAY) / (2 * (at - monthStart)));
  });
});

// Last, so that its booking stays out of the statistics counted above.
describe('VIP rights whatever the club (HQ setting serviceAccess)', () => {
  it('lets a VIP outside the handset club book under the default access rule, and not once HQ keeps the services to the club', async () => {
    const slot = await cleaningSlot(3);
    const vip = await withTransaction(async (tx) => {
      const [c] = await tx.insert(customers).values({ mobile: '18600008888', name: '庚', segment: 'postpaid_vip', provinceCode: '440000' }).returning({ id: customers.id });
      await tx.insert(pointsLedger).values({ customerId: c!.id, delta: 500, reason: 'grant' });
      return c;
    });
    const actor = { kind: 'member', role: 'member', customerId: vip!.id, provinceCode: '440000', name: '庚' } as const;
    await updateHqSettings(admin, { serviceAccess: 'handset_members' });
    await expect(bookService(actor, { slotId: slot.id }, NOW)).rejects.toMatchObject({ code: 'not_handset_member' });
    await updateHqSettings(admin, { serviceAccess: 'handset_members_and_vips' });
    await expect(bookService(actor, { slotId: slot.id }, NOW)).resolves.toMatchObject({ customerId: vip!.id, status: 'requested' });
  });
});
