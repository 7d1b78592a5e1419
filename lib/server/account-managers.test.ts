import { and, eq, sql } from 'drizzle-orm';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { getReader, withTransaction } from '@/db/client';
import { activities, callbacks, customers, events, memberships, pointsLedger, registrations, serviceBookings, services, staff } from '@/db/schema';
import { hallInput } from '@/lib/validation/halls';
import type { Actor } from '@/lib/domain/access';
import { DAY, HOUR } from '@/lib/domain/time';
import type { Segment } from '@/lib/domain/types';
import { expectDerivedNumbersConsistent } from '@/tests/invariants';
import { withTempDatabase } from '@/tests/temp-database';
import { assignAccountManager, listAccountManagers, listMyVips, listSlotsForMyVips } from './account-managers';
import { listCallbacks, scheduleVipCallbacks } from './callbacks';
import { getActivityTimeline, getCustomerRecord } from './customers';
import { saveHall } from './halls';
import { registerForEvent } from './registrations';
import { bookService } from './services/bookings';
import { createSlot } from './services/catalogue';
import { listRegistrableEvents } from './staff-registrations';

withTempDatabase();

afterEach(expectDerivedNumbersConsistent);

const NOW = Date.UTC(2027, 4, 15, 2);
const gdOperator: Actor = { kind: 'staff', role: 'operator', staffId: 1, provinceCode: '440000', clubCodes: null, name: '广东运营' };
const bjOperator: Actor = { kind: 'staff', role: 'operator', staffId: 2, provinceCode: '110000', clubCodes: null, name: '北京运营' };
const manager: Actor = { kind: 'staff', role: 'account_manager', staffId: 3, provinceCode: '440000', clubCodes: null, name: '广东客户经理' };
const otherManager: Actor = { kind: 'staff', role: 'account_manager', staffId: 4, provinceCode: '440000', clubCodes: null, name: '另一位客户经理' };
const ids: Record<string, number> = {};
let eventId = 0;
let refusals = 0;

async function customer(name: string, segment: Segment) {
  await withTransaction(async (tx) => {
    const [row] = await tx
      .insert(customers)
      .values({ mobile: `1860300${String(Object.keys(ids).length).padStart(4, '0')}`, name, segment, provinceCode: '440000' })
      .returning({ id: customers.id });
    await tx.insert(memberships).values({ customerId: row!.id, clubCode: 'handset', provinceCode: '440000', joinedAt: 0, joinChannel: 'hall' });
    await tx.insert(pointsLedger).values({ customerId: row!.id, delta: 1000, reason: 'grant' });
    ids[name] = row!.id;
  });
}

beforeAll(async () => {
  await withTransaction(async (tx) => {
    await tx.run(sql`insert into staff (id, username, display_name, password_hash, role, province_code, created_at) values
      (1, 'gd', '广东运营', 'x', 'operator', '440000', 0), (2, 'bj', '北京运营', 'x', 'operator', '110000', 0),
      (3, 'gd.manager', '广东客户经理', 'x', 'account_manager', '440000', 0), (4, 'gd.manager2', '另一位客户经理', 'x', 'account_manager', '440000', 0),
      (5, 'gd.gone', '离职客户经理', 'x', 'account_manager', '440000', 0), (6, 'bj.manager', '北京客户经理', 'x', 'account_manager', '110000', 0)`);
    await tx.update(staff).set({ active: false }).where(eq(staff.id, 5));
    const [e] = await tx
      .insert(events)
      .values({
        clubCode: 'handset',
        provinceCode: '440000',
        kind: 'handset_salon',
        titleZh: '新机品鉴会',
        venue: '天河营业厅',
        startsAt: NOW + 10 * DAY,
        endsAt: NOW + 10 * DAY + 2 * HOUR,
        capacity: 20,
        regOpensAt: NOW - DAY,
        regClosesAt: NOW + 9 * DAY,
        eligibleSegments: ['prepaid', 'postpaid', 'postpaid_vip'],
        status: 'published',
        publishedAt: NOW - 2 * DAY,
      })
      .returning({ id: events.id });
    eventId = e!.id;
  });
  await customer('陈思远', 'postpaid_vip');
  await customer('林晓', 'postpaid_vip');
  await customer('周敏', 'postpaid');
});

describe('assigning an account manager', () => {
  it('lets operators of the province give a VIP an active account manager of the province, on the record', async () => {
    expect((await listAccountManagers(gdOperator, '440000')).map((m) => m.name)).toEqual(['另一位客户经理', '广东客户经理']);
    await expect(listAccountManagers(bjOperator, '440000')).rejects.toMatchObject({ code: 'not_found' });
    await expect(assignAccountManager(bjOperator, { customerId: ids['陈思远']!, staffId: 6 })).rejects.toMatchObject({ code: 'not_found' });
    await expect(assignAccountManager(manager, { customerId: ids['陈思远']!, staffId: 3 })).rejects.toMatchObject({ code: 'not_found' });
    for (const staffId of [5, 6, 1]) {
      await expect(assignAccountManager(gdOperator, { customerId: ids['陈思远']!, staffId })).rejects.toMatchObject({ code: 'account_manager_invalid' });
    }
    await expect(assignAccountManager(gdOperator, { customerId: ids['周敏']!, staffId: 3 })).rejects.toMatchObject({ code: 'account_manager_vip_only' });
    await assignAccountManager(gdOperator, { customerId: ids['陈思远']!, staffId: 3 }, NOW);
    const [row] = await getReader().select({ m: customers.accountManagerId }).from(customers).where(eq(customers.id, ids['陈思远']!));
    expect(row!.m).toBe(3);
    const [fact] = await getReader().select({ data: activities.data }).from(activities).where(and(eq(activities.customerId, ids['陈思远']!), eq(activities.kind, 'account_manager')));
    expect(fact!.data).toEqual({ step: 'assigned', manager: '广东客户经理' });
  });

  it('hands the VIP\'s open periodic callback to the new manager', async () => {
    await scheduleVipCallbacks(NOW);
    const taskOf = async () => (await getReader().select({ a: callbacks.assignedStaffId }).from(callbacks).where(eq(callbacks.customerId, ids['林晓']!)))[0]!.a;
    expect(await taskOf()).toBeNull();
    await assignAccountManager(gdOperator, { customerId: ids['林晓']!, staffId: 4 }, NOW);
    expect(await taskOf()).toBe(4);
    await assignAccountManager(gdOperator, { customerId: ids['林晓']!, staffId: null }, NOW);
    expect(await taskOf()).toBeNull();
    await assignAccountManager(gdOperator, { customerId: ids['林晓']!, staffId: 3 }, NOW);
    expect(await taskOf()).toBe(3);
  });
});

describe('an account manager', () => {
  it('sees their own VIPs with their tickets and callbacks, and no other customer', async () => {
    const mine = await listMyVips(manager, NOW);
    expect(mine.map((v) => v.name).sort()).toEqual(['林晓', '陈思远']);
    expect(mine.every((v) => v.callbacks.length === 1)).toBe(true);
    expect(await listMyVips(otherManager, NOW)).toEqual([]);
    await expect(listMyVips(gdOperator, NOW)).rejects.toMatchObject({ code: 'forbidden' });
    expect((await getActivityTimeline(manager, ids['陈思远']!, 1)).total).toBeGreaterThan(0);
    await expect(getActivityTimeline(manager, ids['周敏']!, 1)).rejects.toMatchObject({ code: 'not_found' });
    await expect(getActivityTimeline(otherManager, ids['陈思远']!, 1)).rejects.toMatchObject({ code: 'not_found' });
    // The full customer record with its operator's forms is the hotline's and the halls'.
    await expect(getCustomerRecord(manager, ids['陈思远']!)).rejects.toMatchObject({ code: 'forbidden' });
    expect((await listCallbacks(otherManager, 'open', NOW + 120 * DAY)).length).toBe(0);
  });

  it('registers their own VIP for an event with the channel they chose, as the staff member, and nobody else', async () => {
    expect((await listRegistrableEvents(manager, ids['陈思远']!, NOW)).map((e) => e.id)).toEqual([eventId]);
    await expect(listRegistrableEvents(manager, ids['周敏']!, NOW)).rejects.toMatchObject({ code: 'not_found' });
    await expect(registerForEvent(otherManager, { customerId: ids['陈思远']!, eventId, channel: 'hotline', idempotencyKey: `refused-${++refusals}` }, NOW)).rejects.toMatchObject({ code: 'not_found' });
    await expect(registerForEvent(manager, { customerId: ids['周敏']!, eventId, channel: 'hotline', idempotencyKey: `refused-${++refusals}` }, NOW)).rejects.toMatchObject({ code: 'not_found' });
    const result = await registerForEvent(manager, { customerId: ids['陈思远']!, eventId, channel: 'hall', idempotencyKey: 'manager-registers-chen' }, NOW);
    const [reg] = await getReader().select().from(registrations).where(eq(registrations.id, result.registrationId));
    expect(reg).toMatchObject({ customerId: ids['陈思远'], channel: 'hall', status: 'confirmed' });
    const [fact] = await getReader().select({ staffId: activities.staffId, channel: activities.channel }).from(activities).where(and(eq(activities.customerId, ids['陈思远']!), eq(activities.kind, 'registered')));
    expect(fact).toEqual({ staffId: 3, channel: 'hall' });
    const [vip] = (await listMyVips(manager, NOW)).filter((v) => v.name === '陈思远');
    expect(vip!.tickets.map((t) => t.titleZh)).toEqual(['新机品鉴会']);
  });

  it('books a handset service for their own VIP through the channel named, and nobody else\'s', async () => {
    const hall = await saveHall(gdOperator, hallInput.parse({ provinceCode: '440000', kind: 'hall', nameZh: '中国联通广州天河营业厅', city: '广州', address: '天河区天河路385号', active: 'on' }));
    const [cleaning] = await getReader().select().from(services).where(and(eq(services.provinceCode, '440000'), eq(services.kind, 'cleaning')));
    const slot = await createSlot(gdOperator, { serviceId: cleaning!.id, hallId: hall.id, startsAt: NOW + 2 * DAY, endsAt: NOW + 2 * DAY + HOUR, opensAt: NOW - HOUR, capacity: 5 });
    // One not open even to VIPs yet is not offered.
    await createSlot(gdOperator, { serviceId: cleaning!.id, hallId: hall.id, startsAt: NOW + 9 * DAY, endsAt: NOW + 9 * DAY + HOUR, opensAt: NOW + 5 * DAY, capacity: 5 });
    // The open slot is offered on the manager's page, with its room; not to an operator, whose pages are others.
    expect((await listSlotsForMyVips(manager, NOW)).map((s) => [s.id, s.kind, s.place, s.seatsLeft])).toEqual([[slot.id, 'cleaning', '中国联通广州天河营业厅', 5]]);
    await expect(listSlotsForMyVips(gdOperator, NOW)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(bookService(manager, { slotId: slot.id, customerId: ids['周敏']!, channel: 'hotline' }, NOW)).rejects.toMatchObject({ code: 'not_found' });
    await expect(bookService(otherManager, { slotId: slot.id, customerId: ids['陈思远']!, channel: 'hotline' }, NOW)).rejects.toMatchObject({ code: 'not_found' });
    const booking = await bookService(manager, { slotId: slot.id, customerId: ids['陈思远']!, channel: 'hotline' }, NOW);
    expect(booking).toMatchObject({ customerId: ids['陈思远'], createdByStaffId: 3 });
    const [fact] = await getReader().select({ channel: activities.channel, staffId: activities.staffId }).from(activities).where(and(eq(activities.refId, booking.id), eq(activities.kind, 'service_booked')));
    expect(fact).toEqual({ channel: 'hotline', staffId: 3 });
    expect(await getReader().select().from(serviceBookings)).toHaveLength(1);
    expect((await listSlotsForMyVips(manager, NOW)).map((s) => s.seatsLeft)).toEqual([4]);
    // A slot that has begun is no longer offered.
    expect(await listSlotsForMyVips(manager, NOW + 2 * DAY)).toEqual([]);
  });
});
