import { and, eq, sql } from 'drizzle-orm';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { getReader, withTransaction } from '@/db/client';
import { activities, customers, loanerLoans, memberships, outbox, pointsLedger, serviceBookings, services, trialApplications } from '@/db/schema';
import type { Actor } from '@/lib/domain/access';
import { DAY, HOUR } from '@/lib/domain/time';
import type { Segment } from '@/lib/domain/types';
import { expectDerivedNumbersConsistent } from '@/tests/invariants';
import { withTempDatabase } from '@/tests/temp-database';
import { saveHall } from '../halls';
import { updateHqSettings } from '../hq-settings';
import { bookService, cancelBooking } from './bookings';
import { createSlot } from './catalogue';
import { getCustomerLoanerOptions, getCustomerServiceOptions, listBookableSlotsFor, listCustomerBookings } from './desk';
import { addLoaner, lendLoaner } from './loaners';
import { applyForTrial, createTrialProgramme } from './trials';

withTempDatabase();
afterEach(expectDerivedNumbersConsistent);

const NOW = Date.UTC(2027, 2, 1, 2);
const gdOperator: Actor = { kind: 'staff', role: 'operator', staffId: 1, provinceCode: '440000', clubCodes: null, name: '广东运营' };
const bjOperator: Actor = { kind: 'staff', role: 'operator', staffId: 2, provinceCode: '110000', clubCodes: null, name: '北京运营' };
const admin: Actor = { kind: 'staff', role: 'admin', staffId: 3, provinceCode: null, clubCodes: null, name: '总部' };
const filmOperator: Actor = { kind: 'staff', role: 'operator', staffId: 4, provinceCode: '440000', clubCodes: ['film'], name: '广东电影运营' };
let hall = 0;
let mobileCounter = 0;
const serviceOf = async (kind: string) => (await getReader().select().from(services).where(and(eq(services.provinceCode, '440000'), eq(services.kind, kind as 'cleaning'))))[0]!;

/** A Guangdong customer (a handset club member unless `member` is false) with 1000 points. */
async function customer(segment: Segment, member = true) {
  return withTransaction(async (tx) => {
    const [c] = await tx.insert(customers).values({ mobile: `1860001${String(++mobileCounter).padStart(4, '0')}`, name: `客户${mobileCounter}`, segment, provinceCode: '440000' }).returning({ id: customers.id });
    await tx.insert(pointsLedger).values({ customerId: c!.id, delta: 1000, reason: 'grant' });
    if (member) await tx.insert(memberships).values({ customerId: c!.id, clubCode: 'handset', provinceCode: '440000', joinedAt: 0, joinChannel: 'hall' });
    return c!.id;
  });
}

const slotOf = async (kind: 'cleaning' | 'booked_repair' | 'onsite_repair', opensAt = NOW - HOUR) =>
  createSlot(gdOperator, {
    serviceId: (await serviceOf(kind)).id,
    ...(kind === 'onsite_repair' ? { area: '天河区' } : { hallId: hall }),
    startsAt: NOW + 3 * DAY,
    endsAt: NOW + 3 * DAY + 2 * HOUR,
    opensAt,
    capacity: 3,
  });

const templatesOf = async (customerId: number) => (await getReader().select({ t: outbox.template, channel: outbox.channel }).from(outbox).where(eq(outbox.customerId, customerId))).map((m) => `${m.channel}:${m.t}`);

beforeAll(async () => {
  await withTransaction(async (tx) => {
    await tx.run(sql`insert into staff (id, username, display_name, password_hash, role, province_code, created_at) values
      (1, 'gd', '广东运营', 'x', 'operator', '440000', 0), (2, 'bj', '北京运营', 'x', 'operator', '110000', 0), (3, 'hq', '总部', 'x', 'admin', null, 0), (4, 'gdfilm', '广东电影运营', 'x', 'operator', '440000', 0)`);
  });
  hall = (await saveHall(gdOperator, { kind: 'hall', nameZh: '中国联通广州天河营业厅', nameEn: 'China Unicom Tianhe Service Hall, Guangzhou', city: '广州', address: '天河路385号', active: true })).id;
});

describe('booking at the desk and on the hotline', () => {
  it('books an on-site repair for a hotline caller as the operator, on their record with the channel, and sends the messages of a booking of their own', async () => {
    const caller = await customer('postpaid');
    const slot = await slotOf('onsite_repair');
    await expect(bookService(gdOperator, { slotId: slot.id, customerId: caller, channel: 'hotline', idempotencyKey: 'desk-test-onsite-1' }, NOW)).rejects.toMatchObject({ code: 'address_required' });
    const booking = await bookService(gdOperator, { slotId: slot.id, customerId: caller, channel: 'hotline', address: '广州市天河区体育西路101号', idempotencyKey: 'desk-test-onsite-2' }, NOW);
    expect(booking).toMatchObject({ customerId: caller, createdByStaffId: 1, status: 'requested' });
    const [fact] = await getReader().select().from(activities).where(and(eq(activities.customerId, caller), eq(activities.kind, 'service_booked')));
    expect(fact).toMatchObject({ channel: 'hotline', staffId: 1, refId: booking.id });
    expect(await templatesOf(caller)).toEqual(expect.arrayContaining(['sms:service_booked', 'inapp:service_booked']));
    expect(await listCustomerBookings(gdOperator, caller, NOW)).toEqual([expect.objectContaining({ id: booking.id, channel: 'hotline', address: '广州市天河区体育西路101号' })]);
  });

  it('keeps to the VIP window: a VIP is booked in it, anyone else is told so before and refused after the tap', async () => {
    const slot = await slotOf('booked_repair', NOW + 2 * HOUR);
    const [regular, vip] = [await customer('postpaid'), await customer('postpaid_vip')];
    const seen = await getCustomerServiceOptions(gdOperator, regular, NOW);
    expect(seen.slots.find((s) => s.id === slot.id)?.refusal).toMatchObject({ code: 'vip_window_only' });
    expect((await listBookableSlotsFor(gdOperator, regular, NOW)).map((s) => s.id)).not.toContain(slot.id);
    await expect(bookService(gdOperator, { slotId: slot.id, customerId: regular, channel: 'hall', idempotencyKey: 'desk-test-vip-1' }, NOW)).rejects.toMatchObject({ code: 'vip_window_only' });
    expect((await listBookableSlotsFor(gdOperator, vip, NOW)).map((s) => s.id)).toContain(slot.id);
    await expect(bookService(gdOperator, { slotId: slot.id, customerId: vip, channel: 'hall', idempotencyKey: 'desk-test-vip-2' }, NOW)).resolves.toMatchObject({ customerId: vip });
  });

  it('follows HQ’s serviceAccess: a VIP outside the handset club is booked by default, and told no once HQ keeps services to the club', async () => {
    const slot = await slotOf('cleaning');
    const [outsider, vip] = [await customer('postpaid', false), await customer('postpaid_vip', false)];
    expect((await getCustomerServiceOptions(gdOperator, outsider, NOW)).standing).toMatchObject({ code: 'not_handset_member_or_vip' });
    expect((await getCustomerServiceOptions(gdOperator, vip, NOW)).standing).toBeNull();
    await updateHqSettings(admin, { serviceAccess: 'handset_members' });
    try {
      expect((await getCustomerServiceOptions(gdOperator, vip, NOW)).standing).toMatchObject({ code: 'not_handset_member' });
      await expect(bookService(gdOperator, { slotId: slot.id, customerId: vip, channel: 'hotline', idempotencyKey: 'desk-test-access-1' }, NOW)).rejects.toMatchObject({ code: 'not_handset_member' });
    } finally {
      await updateHqSettings(admin, { serviceAccess: 'handset_members_and_vips' });
    }
    await expect(bookService(gdOperator, { slotId: slot.id, customerId: vip, channel: 'hotline', idempotencyKey: 'desk-test-access-2' }, NOW)).resolves.toMatchObject({ customerId: vip });
  });

  it('lets no other province (nor an operator of another club) book for a customer, see their options or cancel their booking', async () => {
    const slot = await slotOf('cleaning');
    const gdCustomer = await customer('postpaid');
    await expect(getCustomerServiceOptions(bjOperator, gdCustomer, NOW)).rejects.toMatchObject({ code: 'not_found' });
    await expect(getCustomerLoanerOptions(bjOperator, gdCustomer)).rejects.toMatchObject({ code: 'not_found' });
    await expect(bookService(bjOperator, { slotId: slot.id, customerId: gdCustomer, channel: 'hall', idempotencyKey: 'desk-test-scope-1' }, NOW)).rejects.toMatchObject({ code: 'not_found' });
    await expect(getCustomerServiceOptions(filmOperator, gdCustomer, NOW)).rejects.toMatchObject({ code: 'forbidden' });
    const booking = await bookService(admin, { slotId: slot.id, customerId: gdCustomer, channel: 'hall', idempotencyKey: 'desk-test-scope-2' }, NOW);
    await expect(cancelBooking(bjOperator, { bookingId: booking.id, reason: '客户改约' }, NOW)).rejects.toMatchObject({ code: 'not_found' });
    const count = await getReader().select({ n: sql<number>`count(*)` }).from(serviceBookings).where(eq(serviceBookings.customerId, gdCustomer));
    expect(count[0]!.n).toBe(1);
  });

  it('books once on a double click: the same key, at once or again, answers the first booking', async () => {
    const slot = await slotOf('cleaning');
    const caller = await customer('postpaid');
    const input = { slotId: slot.id, customerId: caller, channel: 'hotline' as const, idempotencyKey: 'desk-test-double-1' };
    const [a, b] = await Promise.all([bookService(gdOperator, input, NOW), bookService(gdOperator, input, NOW)]);
    const c = await bookService(gdOperator, input, NOW + 1000);
    expect(new Set([a.id, b.id, c.id]).size).toBe(1);
    const rows = await getReader().select({ id: serviceBookings.id }).from(serviceBookings).where(eq(serviceBookings.customerId, caller));
    expect(rows).toHaveLength(1);
    expect((await templatesOf(caller)).filter((t) => t === 'sms:service_booked')).toHaveLength(1);
    const paid = await getReader().select({ n: sql<number>`count(*)` }).from(pointsLedger).where(and(eq(pointsLedger.customerId, caller), eq(pointsLedger.reason, 'service')));
    expect(paid[0]!.n).toBe(1);
  });
});

describe('trials and loaners at the desk', () => {
  it('applies for a trial for a hotline caller through the channel named, and says beforehand when it is not open to them', async () => {
    const trial = await serviceOf('handset_trial');
    const programme = await createTrialProgramme(gdOperator, { serviceId: trial.id, titleZh: '3G新机试用（第二期）', titleEn: '3G handset trial (round 2)', units: 2, vipOpensAt: NOW - DAY, opensAt: NOW + DAY, closesAt: NOW + 10 * DAY, loanDays: 7 });
    const [regular, vip] = [await customer('postpaid'), await customer('postpaid_vip')];
    expect((await getCustomerServiceOptions(gdOperator, regular, NOW)).programmes.find((p) => p.id === programme.id)?.refusal).toMatchObject({ code: 'vip_window_only' });
    const application = await applyForTrial(gdOperator, { programmeId: programme.id, customerId: vip, channel: 'hotline', idempotencyKey: 'desk-test-trial-1' }, NOW);
    await expect(applyForTrial(gdOperator, { programmeId: programme.id, customerId: vip, channel: 'hotline', idempotencyKey: 'desk-test-trial-1' }, NOW)).resolves.toMatchObject({ id: application.id });
    await expect(applyForTrial(bjOperator, { programmeId: programme.id, customerId: vip, channel: 'hotline', idempotencyKey: 'desk-test-trial-2' }, NOW)).rejects.toMatchObject({ code: 'not_found' });
    expect((await getCustomerServiceOptions(gdOperator, vip, NOW)).programmes.find((p) => p.id === programme.id)?.refusal).toMatchObject({ code: 'already_applied' });
    const [fact] = await getReader().select().from(activities).where(and(eq(activities.customerId, vip), eq(activities.kind, 'trial')));
    expect(fact).toMatchObject({ channel: 'hotline', staffId: 1, refId: application.id });
    expect(await getReader().select().from(trialApplications).where(eq(trialApplications.customerId, vip))).toHaveLength(1);
  });

  it('lends a loaner against the caller’s repair booking, only theirs, once, on their record with the channel', async () => {
    const slot = await slotOf('onsite_repair');
    const [caller, other] = [await customer('postpaid'), await customer('postpaid')];
    const booking = await bookService(gdOperator, { slotId: slot.id, customerId: caller, channel: 'hotline', address: '广州市越秀区中山五路1号', idempotencyKey: 'desk-test-loan-1' }, NOW);
    const phone = await addLoaner(gdOperator, { hallId: hall, model: '联通沃3G 备用机', imei: '356938035640011', condition: '良好' });
    const options = await getCustomerLoanerOptions(gdOperator, caller);
    expect(options.phones.map((p) => p.id)).toContain(phone.id);
    expect(options.repairs.map((r) => r.id)).toEqual([booking.id]);
    await expect(lendLoaner(gdOperator, { loanerId: phone.id, bookingId: booking.id, customerId: other, dueAt: NOW + 7 * DAY, channel: 'hotline', idempotencyKey: 'desk-test-loan-2' }, NOW)).rejects.toMatchObject({ code: 'not_found' });
    const lend = { loanerId: phone.id, bookingId: booking.id, customerId: caller, dueAt: NOW + 7 * DAY, channel: 'hotline' as const, idempotencyKey: 'desk-test-loan-3' };
    const loan = await lendLoaner(gdOperator, lend, NOW);
    await expect(lendLoaner(gdOperator, lend, NOW)).resolves.toMatchObject({ id: loan.id });
    expect(await getReader().select().from(loanerLoans).where(eq(loanerLoans.customerId, caller))).toHaveLength(1);
    expect(await getCustomerLoanerOptions(gdOperator, caller)).toMatchObject({ repairs: [] });
    const [fact] = await getReader().select().from(activities).where(and(eq(activities.customerId, caller), eq(activities.kind, 'loan')));
    expect(fact).toMatchObject({ channel: 'hotline', staffId: 1, refId: loan.id });
    expect(await listCustomerBookings(gdOperator, caller, NOW)).toEqual([expect.objectContaining({ id: booking.id, loanerModel: '联通沃3G 备用机' })]);
  });
});
