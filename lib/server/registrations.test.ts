import { and, eq, sql } from 'drizzle-orm';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { getReader, withTransaction } from '@/db/client';
import { activities, charges, customers, events, memberships, outbox, pointsLedger, prepaidLedger, registrations } from '@/db/schema';
import type { Actor } from '@/lib/domain/access';
import { newShortCode } from '@/lib/domain/ticket-codes';
import { DAY, HOUR } from '@/lib/domain/time';
import type { Segment } from '@/lib/domain/types';
import { expectDerivedNumbersConsistent } from '@/tests/invariants';
import { filmPremiere } from '@/tests/events';
import { withTempDatabase } from '@/tests/temp-database';
import { getCustomerBalances } from './customers';
import { cancelEvent } from './events';
import { cancelRegistration, listCustomerRegistrations, registerForEvent } from './registrations';

// The real draw, unless a test says which codes come out.
vi.mock('@/lib/domain/ticket-codes', async (importOriginal) => {
  const original = await importOriginal<typeof import('@/lib/domain/ticket-codes')>();
  return { ...original, newShortCode: vi.fn(original.newShortCode) };
});

withTempDatabase();

const NOW = Date.UTC(2027, 2, 1, 4);
const gdOperator: Actor = { kind: 'staff', role: 'operator', staffId: 1, provinceCode: '440000', clubCodes: null, name: '广东运营' };
const bjOperator: Actor = { kind: 'staff', role: 'operator', staffId: 2, provinceCode: '110000', clubCodes: null, name: '北京运营' };
const admin: Actor = { kind: 'staff', role: 'admin', staffId: 1, provinceCode: null, clubCodes: null, name: '总部' };
const c: Record<string, { id: number; actor: Actor }> = {};
let keyCounter = 0;
const key = () => `test-key-${++keyCounter}`;

async function addCustomer(name: string, segment: Segment, opts: { points?: number; prepaidFen?: number; status?: 'active' | 'suspended'; province?: string; clubs?: string[] } = {}) {
  const provinceCode = opts.province ?? '440000';
  await withTransaction(async (tx) => {
    const [row] = await tx
      .insert(customers)
      .values({ mobile: `186${String(Object.keys(c).length + 1).padStart(8, '0')}`, name, segment, provinceCode, status: opts.status ?? 'active' })
      .returning({ id: customers.id });
    const id = row!.id;
    if (opts.points) await tx.insert(pointsLedger).values({ customerId: id, delta: opts.points, reason: 'grant' });
    if (opts.prepaidFen) await tx.insert(prepaidLedger).values({ customerId: id, deltaFen: opts.prepaidFen, reason: 'topup' });
    for (const club of opts.clubs ?? ['film']) {
      await tx.insert(memberships).values({ customerId: id, clubCode: club as 'film', provinceCode, joinedAt: 0, joinChannel: 'hall' });
    }
    c[name] = { id, actor: { kind: 'member', role: 'member', customerId: id, provinceCode, name } };
  });
}

async function addEvent(overrides: Partial<typeof events.$inferInsert> = {}) {
  return withTransaction(async (tx) => {
    const [row] = await tx
      .insert(events)
      .values(filmPremiere(NOW, overrides))
      .returning({ id: events.id });
    return row!.id;
  });
}

const register = (who: string, eventId: number, extra: { waitlist?: boolean; idempotencyKey?: string; now?: number } = {}) =>
  registerForEvent(c[who]!.actor, { customerId: c[who]!.id, eventId, waitlist: extra.waitlist, idempotencyKey: extra.idempotencyKey ?? key() }, extra.now ?? NOW);

const balances = async (who: string) =>
  (await getReader().select({ points: customers.pointsBalance, fen: customers.prepaidBalanceFen }).from(customers).where(eq(customers.id, c[who]!.id)))[0]!;

async function counts() {
  const n = async (t: typeof registrations | typeof pointsLedger | typeof prepaidLedger | typeof charges | typeof activities | typeof outbox) =>
    (await getReader().select({ n: sql<number>`count(*)` }).from(t))[0]!.n;
  return { registrations: await n(registrations), points: await n(pointsLedger), prepaid: await n(prepaidLedger), charges: await n(charges), activities: await n(activities), outbox: await n(outbox) };
}

beforeAll(async () => {
  await withTransaction(async (tx) => {
    await tx.run(sql`insert into staff (id, username, display_name, password_hash, role, province_code, created_at) values
      (1, 'gd', '广东运营', 'x', 'operator', '440000', 0), (2, 'bj', '北京运营', 'x', 'operator', '110000', 0)`);
  });
  await addCustomer('vip', 'postpaid_vip', { points: 5000 });
  await addCustomer('regular', 'postpaid', { points: 5000 });
  await addCustomer('regular2', 'postpaid', { points: 5000 });
  await addCustomer('prepaid', 'prepaid', { points: 5000, prepaidFen: 3000 });
  await addCustomer('poor', 'postpaid', { points: 100 });
  await addCustomer('suspended', 'postpaid', { points: 5000, status: 'suspended' });
  await addCustomer('beijing', 'postpaid', { points: 5000, province: '110000' });
  await addCustomer('noclub', 'postpaid', { points: 5000, clubs: ['music'] });
});

afterEach(async () => {
  // After every scenario: balances equal their ledgers, counters and statistics their registrations.
  await expectDerivedNumbersConsistent();
});

describe('registering', () => {
  it('refuses for every reason, writing nothing', async () => {
    const eventId = await addEvent({ capacity: 1 });
    const before = await counts();
    const expectRefusal = (p: Promise<unknown>, code: string) => expect(p).rejects.toMatchObject({ code });
    await expectRefusal(register('suspended', eventId), 'customer_not_active');
    await expectRefusal(register('noclub', eventId), 'not_club_member');
    await expectRefusal(register('poor', eventId), 'insufficient_points');
    // Another province's event does not exist for a member (issue 21 item 14); only HQ, which sees both, hears why.
    await expectRefusal(registerForEvent(c.beijing!.actor, { customerId: c.beijing!.id, eventId, idempotencyKey: key() }, NOW), 'not_found');
    await expectRefusal(registerForEvent(admin, { customerId: c.beijing!.id, eventId, channel: 'hall', idempotencyKey: key() }, NOW), 'wrong_province');
    await expectRefusal(registerForEvent(c.vip!.actor, { customerId: c.regular!.id, eventId, idempotencyKey: key() }, NOW), 'not_found');
    await expectRefusal(registerForEvent(bjOperator, { customerId: c.regular!.id, eventId, channel: 'hall', idempotencyKey: key() }, NOW), 'not_found');
    await expectRefusal(registerForEvent(gdOperator, { customerId: c.regular!.id, eventId, idempotencyKey: key() }, NOW), 'channel_required');
    await expectRefusal(register('regular', eventId, { now: NOW - 2 * DAY }), 'vip_window_only');
    await expectRefusal(register('regular', eventId, { now: NOW - 4 * DAY }), 'registration_not_open');
    await expectRefusal(register('regular', eventId, { now: NOW + 9 * DAY }), 'registration_closed');
    await expectRefusal(registerForEvent(c.regular!.actor, { customerId: c.regular!.id, eventId }, NOW), 'idempotency_key_required');
    await expect(register('regular', eventId)).resolves.toMatchObject({ status: 'confirmed' });
    const eligibleOnlyVip = await addEvent({ eligibleSegments: ['postpaid_vip'] });
    await expectRefusal(register('regular', eligibleOnlyVip), 'segment_not_eligible');
    const draft = await addEvent({ status: 'draft', publishedAt: null });
    await expectRefusal(register('regular', draft), 'not_found');
    await expectRefusal(registerForEvent(gdOperator, { customerId: c.regular!.id, eventId: draft, channel: 'hall', idempotencyKey: key() }, NOW), 'event_not_open');
    // The one that got through above holds the only seat: a second try and a full event refuse.
    await expectRefusal(register('regular', eventId), 'already_registered');
    await expectRefusal(register('regular2', eventId), 'event_full');
    const after = await counts();
    expect(after.registrations).toBe(before.registrations + 1);
    expect(after.points).toBe(before.points + 1);
  });

  it('confirms a seat and takes points, writing the activity and both messages', async () => {
    const eventId = await addEvent({ titleEn: 'Premiere preview', venueEn: 'Teemall Cinema, Guangzhou' });
    const before = await balances('vip');
    const result = await register('vip', eventId);
    expect(result).toMatchObject({ status: 'confirmed', paidPoints: 500, payment: 'points', position: null });
    expect((await balances('vip')).points).toBe(before.points - 500);
    const facts = await getReader().select({ kind: activities.kind }).from(activities).where(and(eq(activities.customerId, c.vip!.id), eq(activities.eventId, eventId)));
    expect(facts.map((f) => f.kind)).toEqual(['registered']);
    const messages = await getReader()
      .select({ channel: outbox.channel, template: outbox.template, params: outbox.params, body: outbox.body })
      .from(outbox)
      .where(eq(outbox.customerId, c.vip!.id));
    // The SMS is Chinese; the in-app message also keeps the English names for the English UI.
    const params = { event: '新片抢先看', venue: '天河城影城', eventEn: 'Premiere preview', venueEn: 'Teemall Cinema, Guangzhou' };
    expect(messages.slice(-2)).toEqual([
      { channel: 'sms', template: 'registration_confirmed', params: expect.objectContaining(params), body: expect.stringContaining('您已成功报名「新片抢先看」') },
      { channel: 'inapp', template: 'registration_confirmed', params: expect.objectContaining(params), body: expect.stringContaining('您已成功报名「新片抢先看」') },
    ]);
  });

  it('takes a fee from the prepaid balance, or puts it on the postpaid bill', async () => {
    const eventId = await addEvent({ priceType: 'fee', priceFen: 2500, pricePoints: 0, capacity: 10 });
    await register('prepaid', eventId);
    expect((await balances('prepaid')).fen).toBe(500);
    await register('regular2', eventId);
    const bill = await getReader().select({ amount: charges.amountFen }).from(charges).where(eq(charges.customerId, c.regular2!.id));
    expect(bill).toEqual([{ amount: 2500 }]);
    const again = await addEvent({ priceType: 'fee', priceFen: 2500, pricePoints: 0, capacity: 10 });
    await expect(register('prepaid', again)).rejects.toMatchObject({ code: 'insufficient_balance' });
  });

  it('lets staff register on a customer\'s behalf with the channel, audit-logged', async () => {
    const eventId = await addEvent({ pricePoints: 0, priceType: 'free' });
    const result = await registerForEvent(gdOperator, { customerId: c.regular2!.id, eventId, channel: 'hotline', idempotencyKey: key() }, NOW);
    const [row] = await getReader().select({ channel: registrations.channel, by: registrations.createdByStaffId }).from(registrations).where(eq(registrations.id, result.registrationId));
    expect(row).toEqual({ channel: 'hotline', by: 1 });
  });
});

describe('the waiting list', () => {
  it('orders VIPs first, promotes on cancellation, charges then, and refunds the canceller once', async () => {
    const eventId = await addEvent({ capacity: 1 });
    await register('regular', eventId);
    const regular2 = await register('regular2', eventId, { waitlist: true, now: NOW + HOUR });
    const vip = await register('vip', eventId, { waitlist: true, now: NOW + 2 * HOUR });
    expect(regular2).toMatchObject({ status: 'waitlisted', position: 1, paidPoints: 0 });
    expect(vip).toMatchObject({ status: 'waitlisted', position: 1 });
    const vipBefore = await balances('vip');
    const regularBefore = await balances('regular');

    const mine = (await listCustomerRegistrations(c.regular!.actor, c.regular!.id)).find((r) => r.eventId === eventId)!;
    const cancelKey = key();
    await cancelRegistration(c.regular!.actor, { registrationId: mine.id, idempotencyKey: cancelKey }, NOW + 3 * HOUR);
    expect((await balances('regular')).points).toBe(regularBefore.points + 500);
    expect((await balances('vip')).points).toBe(vipBefore.points - 500);

    const statuses = await getReader().select({ customerId: registrations.customerId, status: registrations.status }).from(registrations).where(eq(registrations.eventId, eventId));
    expect(new Map(statuses.map((s) => [s.customerId, s.status]))).toEqual(
      new Map([
        [c.regular!.id, 'cancelled'],
        [c.regular2!.id, 'waitlisted'],
        [c.vip!.id, 'confirmed'],
      ]),
    );
    const promoted = await getReader().select({ kind: activities.kind }).from(activities).where(and(eq(activities.customerId, c.vip!.id), eq(activities.eventId, eventId)));
    expect(promoted.map((a) => a.kind)).toEqual(['waitlisted', 'promoted']);

    // Refunded once: the same request replays, a new one is refused, and one refund row exists.
    await expect(cancelRegistration(c.regular!.actor, { registrationId: mine.id, idempotencyKey: cancelKey }, NOW + 4 * HOUR)).resolves.toMatchObject({ status: 'cancelled', refunded: '500积分' });
    await expect(cancelRegistration(c.regular!.actor, { registrationId: mine.id, idempotencyKey: key() }, NOW + 4 * HOUR)).rejects.toMatchObject({ code: 'not_cancellable' });
    const refunds = await getReader().select().from(pointsLedger).where(and(eq(pointsLedger.refId, mine.id), eq(pointsLedger.reason, 'refund')));
    expect(refunds).toHaveLength(1);
    expect((await listCustomerRegistrations(c.regular2!.actor, c.regular2!.id)).find((r) => r.eventId === eventId)).toMatchObject({ status: 'waitlisted', position: 1 });
  });

  it('skips someone who can no longer pay, tells them, and promotes the next', async () => {
    const eventId = await addEvent({ capacity: 1, pricePoints: 100 });
    await addCustomer('spender', 'postpaid', { points: 100 });
    await register('regular', eventId);
    await register('spender', eventId, { waitlist: true, now: NOW + HOUR });
    await register('regular2', eventId, { waitlist: true, now: NOW + 2 * HOUR });
    // The spender's points go elsewhere while they wait.
    const other = await addEvent({ pricePoints: 100, capacity: 5 });
    await register('spender', other);
    const mine = (await listCustomerRegistrations(c.regular!.actor, c.regular!.id)).find((r) => r.eventId === eventId)!;
    await cancelRegistration(c.regular!.actor, { registrationId: mine.id, idempotencyKey: key() }, NOW + 3 * HOUR);
    const rows = await getReader().select({ customerId: registrations.customerId, status: registrations.status, reason: registrations.cancelReason }).from(registrations).where(eq(registrations.eventId, eventId));
    expect(rows.find((r) => r.customerId === c.spender!.id)).toMatchObject({ status: 'cancelled', reason: 'cannot_pay' });
    expect(rows.find((r) => r.customerId === c.regular2!.id)).toMatchObject({ status: 'confirmed' });
    const told = await getReader().select({ template: outbox.template }).from(outbox).where(and(eq(outbox.customerId, c.spender!.id), eq(outbox.channel, 'inapp')));
    expect(told.map((m) => m.template)).toContain('promotion_skipped');
  });
});

describe('short codes', () => {
  it('draws again, in the same transaction, a code already read out at the event, and gives up after six draws writing nothing', async () => {
    const eventId = await addEvent({ capacity: 5 });
    vi.mocked(newShortCode).mockReturnValueOnce('TAKEN2');
    await register('regular', eventId);
    vi.mocked(newShortCode).mockReturnValueOnce('TAKEN2').mockReturnValueOnce('TAKEN2').mockReturnValueOnce('FRESH3');
    const second = await register('regular2', eventId);
    const codes = await getReader().select({ id: registrations.id, shortCode: registrations.shortCode }).from(registrations).where(eq(registrations.eventId, eventId));
    expect(codes.find((r) => r.id === second.registrationId)?.shortCode).toBe('FRESH3');

    const before = await counts();
    for (let i = 0; i < 6; i++) vi.mocked(newShortCode).mockReturnValueOnce('TAKEN2');
    await expect(register('vip', eventId)).rejects.toThrow('no free short code');
    expect(await counts()).toEqual(before);
  });
});

describe('idempotency', () => {
  it('replays the first result and charges nothing twice', async () => {
    const eventId = await addEvent({ capacity: 5 });
    const k = key();
    const before = await balances('vip');
    const first = await register('vip', eventId, { idempotencyKey: k });
    const again = await register('vip', eventId, { idempotencyKey: k, now: NOW + HOUR });
    expect(again).toEqual(first);
    expect((await balances('vip')).points).toBe(before.points - 500);
    expect((await getReader().select().from(registrations).where(and(eq(registrations.eventId, eventId), eq(registrations.customerId, c.vip!.id)))).length).toBe(1);
  });

  it('replays a refusal that will not change, refuses a key reused for another request, and gives a repeat racing the first its answer', async () => {
    const eventId = await addEvent({ capacity: 5 });
    const k = key();
    // Short of points: the customer may top up, so the refusal is not kept and the key stays free.
    await expect(register('poor', eventId, { idempotencyKey: k })).rejects.toMatchObject({ code: 'insufficient_points' });
    const closed = await addEvent({ regOpensAt: NOW - 2 * DAY, regClosesAt: NOW - DAY });
    await expect(register('poor', closed, { idempotencyKey: k })).rejects.toMatchObject({ code: 'registration_closed' });
    await expect(register('poor', closed, { idempotencyKey: k })).rejects.toMatchObject({ code: 'registration_closed' });
    await expect(register('poor', eventId, { idempotencyKey: k })).rejects.toMatchObject({ code: 'idempotency_key_reused' });

    const running = key();
    const slow = registerForEvent(c.regular2!.actor, { customerId: c.regular2!.id, eventId, idempotencyKey: running }, NOW);
    const racing = registerForEvent(c.regular2!.actor, { customerId: c.regular2!.id, eventId, idempotencyKey: running }, NOW);
    const [a, b] = await Promise.all([slow, racing]);
    expect(b).toEqual(a);
    expect((await getReader().select().from(registrations).where(and(eq(registrations.eventId, eventId), eq(registrations.customerId, c.regular2!.id)))).length).toBe(1);
  });
});

describe('cancelling an event', () => {
  it('cancels and refunds every registration, waiting ones included', async () => {
    const eventId = await addEvent({ capacity: 1, priceType: 'fee', priceFen: 1000, pricePoints: 0 });
    await register('regular', eventId);
    await register('vip', eventId, { waitlist: true });
    await cancelEvent(gdOperator, eventId, NOW + HOUR);
    const rows = await getReader().select({ status: registrations.status, reason: registrations.cancelReason, refundedAt: registrations.refundedAt }).from(registrations).where(eq(registrations.eventId, eventId));
    expect(rows.every((r) => r.status === 'cancelled' && r.reason === 'event_cancelled')).toBe(true);
    const bill = await getReader().select({ amount: charges.amountFen }).from(charges).where(eq(charges.registrationId, (await getReader().select({ id: registrations.id }).from(registrations).where(and(eq(registrations.eventId, eventId), eq(registrations.customerId, c.regular!.id))))[0]!.id));
    expect(bill.map((b) => b.amount).sort()).toEqual([-1000, 1000]);
    const told = await getReader().select({ customerId: outbox.customerId }).from(outbox).where(and(eq(outbox.template, 'event_cancelled'), eq(outbox.channel, 'inapp')));
    expect(told.map((t) => t.customerId)).toEqual(expect.arrayContaining([c.regular!.id, c.vip!.id]));
  });
});

describe('seat counters at the database level', () => {
  it('refuses a write that would put an event over its capacity, whatever code tries it', async () => {
    const eventId = await addEvent({ capacity: 2 });
    await register('regular', eventId);
    await register('regular2', eventId);
    await expect(
      withTransaction(async (tx) => {
        await tx.insert(registrations).values({ eventId, customerId: c.vip!.id, status: 'confirmed', channel: 'web', ticketSecret: 'overbooked', shortCode: 'ZZZZZZ' });
      }),
    ).rejects.toThrow(/more seats than its capacity/);
    await expect(
      withTransaction(async (tx) => {
        await tx.update(events).set({ capacity: 1 }).where(eq(events.id, eventId));
      }),
    ).rejects.toThrow(/more seats than its capacity/);
  });
});

describe('what the member reads of their money', () => {
  it('names each line by its event, in both languages: the points taken and refunded, the bill charge and its reversal', async () => {
    await addCustomer('账单会员', 'postpaid', { points: 1000 });
    const who = c['账单会员']!;
    const pointsEvent = await addEvent({ titleZh: '积分活动', titleEn: 'Points event', priceType: 'points', pricePoints: 300, priceFen: 0 });
    const feeEvent = await addEvent({ titleZh: '收费活动', titleEn: 'Fee event', priceType: 'fee', priceFen: 2500, pricePoints: 0 });
    const paid = await register('账单会员', pointsEvent);
    const billed = await register('账单会员', feeEvent);
    for (const registrationId of [paid.registrationId, billed.registrationId]) await cancelRegistration(who.actor, { registrationId, idempotencyKey: key() }, NOW + HOUR);
    const { points, charges: bill } = await getCustomerBalances(who.actor, who.id);
    expect(points.map((l) => [l.reason, l.delta, l.eventId, l.eventZh, l.eventEn])).toEqual([
      ['refund', 300, pointsEvent, '积分活动', 'Points event'],
      ['registration', -300, pointsEvent, '积分活动', 'Points event'],
      ['grant', 1000, null, null, null],
    ]);
    expect(bill.map((l) => [l.amountFen, l.eventId, l.eventEn])).toEqual([
      [-2500, feeEvent, 'Fee event'],
      [2500, feeEvent, 'Fee event'],
    ]);
  });
});

describe('the place a waiting member is told', () => {
  it('is kept with the registration, for the scheduler to tell them when it moves back', async () => {
    await addCustomer('候补甲', 'postpaid', { points: 1000 });
    await addCustomer('候补乙', 'postpaid', { points: 1000 });
    const eventId = await addEvent({ capacity: 1 });
    const seat = await register('候补甲', eventId);
    const waiting = await register('候补乙', eventId, { waitlist: true });
    const told = await getReader()
      .select({ id: registrations.id, told: registrations.waitlistToldPosition })
      .from(registrations)
      .where(eq(registrations.eventId, eventId));
    expect(told.sort((x, y) => x.id - y.id)).toEqual([
      { id: seat.registrationId, told: null },
      { id: waiting.registrationId, told: waiting.position },
    ]);
    expect(waiting.position).toBe(1);
  });
});
