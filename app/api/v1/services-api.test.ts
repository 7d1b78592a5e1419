import { and, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getReader, withTransaction } from '@/db/client';
import { activities, customers, loanerLoans, memberships, outbox, pointsLedger, serviceBookings, services, trialApplications } from '@/db/schema';
import type { Actor } from '@/lib/domain/access';
import { DAY, HOUR } from '@/lib/domain/time';
import type { Segment } from '@/lib/domain/types';
import { createApiToken } from '@/lib/server/api-tokens';
import { saveHall } from '@/lib/server/halls';
import { createSlot } from '@/lib/server/services/catalogue';
import { addLoaner } from '@/lib/server/services/loaners';
import { createTrialProgramme } from '@/lib/server/services/trials';
import { createApiTokenInput } from '@/lib/validation/api-tokens';
import { expectRefusalDocumented, recorded } from '@/tests/openapi-refusals';
import { withTempDatabase } from '@/tests/temp-database';
import { GET as loanerOptions, POST as lend } from './customers/[customerId]/loaners/route';
import { GET as listBookings, POST as book } from './customers/[customerId]/service-bookings/route';
import { GET as listSlots } from './customers/[customerId]/service-slots/route';
import { POST as apply } from './customers/[customerId]/trial-applications/route';
import { GET as listProgrammes } from './customers/[customerId]/trial-programmes/route';
import { POST as cancel } from './service-bookings/[bookingId]/cancel/route';

withTempDatabase();

/*
 * The handset services of the channel API (issue 26, item 5): each operation, the token's province
 * as the scope, its channel on the customer's record, and Idempotency-Key replays.
 */

const cli = { kind: 'system', via: 'cli' } as const;
const operator: Actor = { kind: 'staff', role: 'operator', staffId: 1, provinceCode: '440000', clubCodes: null, name: '广东运营' };
const tokens = { gd: '', bj: '' };
const ids = { caller: 0, regular: 0, bjCustomer: 0, hall: 0, cleaning: 0, onsite: 0, vipOnly: 0, programme: 0, loaner: 0 };
let keyCounter = 0;
const newKey = () => `services-api-key-${++keyCounter}`;

type Init = { token?: string; body?: unknown; key?: string };

function request(method: string, path: string, init: Init = {}): Request {
  const headers = new Headers();
  if (init.token) headers.set('authorization', `Bearer ${init.token}`);
  if (init.key) headers.set('idempotency-key', init.key);
  if (init.body !== undefined) headers.set('content-type', 'application/json');
  return new Request(`http://localhost${path}`, { method, headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
}

const params = <P>(p: P) => ({ params: Promise.resolve(p) });
const customerCall =
  (handler: (request: Request, context: { params: Promise<{ customerId: string }> }) => Promise<Response>, method: string, tail: string) =>
  (customerId: number, init: Init = {}) =>
    recorded(handler)(request(method, `/api/v1/customers/${customerId}/${tail}`, init), params({ customerId: String(customerId) }));

const call = {
  slots: customerCall(listSlots, 'GET', 'service-slots'),
  bookings: customerCall(listBookings, 'GET', 'service-bookings'),
  book: customerCall(book, 'POST', 'service-bookings'),
  programmes: customerCall(listProgrammes, 'GET', 'trial-programmes'),
  apply: customerCall(apply, 'POST', 'trial-applications'),
  loaners: customerCall(loanerOptions, 'GET', 'loaners'),
  lend: customerCall(lend, 'POST', 'loaners'),
  cancel: (bookingId: number, init: Init = {}) => recorded(cancel)(request('POST', `/api/v1/service-bookings/${bookingId}/cancel`, init), params({ bookingId: String(bookingId) })),
};

async function expectProblem(response: Response, status: number, code: string) {
  expect(response.headers.get('content-type')).toBe('application/problem+json');
  expect(await response.json()).toMatchObject({ status, code });
  expect(response.status).toBe(status);
  expectRefusalDocumented(response, status, code);
}

async function addCustomer(mobile: string, provinceCode: string, segment: Segment) {
  return withTransaction(async (tx) => {
    const [row] = await tx.insert(customers).values({ mobile, name: `客户${mobile.slice(-4)}`, segment, provinceCode }).returning({ id: customers.id });
    await tx.insert(pointsLedger).values({ customerId: row!.id, delta: 1000, reason: 'grant' });
    await tx.insert(memberships).values({ customerId: row!.id, clubCode: 'handset', provinceCode, joinedAt: 0, joinChannel: 'hall' });
    return row!.id;
  });
}

const serviceOf = async (kind: string) => (await getReader().select({ id: services.id }).from(services).where(and(eq(services.provinceCode, '440000'), eq(services.kind, kind as 'cleaning'))))[0]!.id;

beforeAll(async () => {
  const now = Date.now();
  await withTransaction(async (tx) => {
    await tx.run(sql`insert into staff (id, username, display_name, password_hash, role, province_code, created_at) values (1, 'gd', '广东运营', 'x', 'operator', '440000', 0)`);
  });
  tokens.gd = (await createApiToken(cli, createApiTokenInput.parse({ name: '广东10010', channel: 'hotline', scope: '440000' }))).token;
  tokens.bj = (await createApiToken(cli, createApiTokenInput.parse({ name: '北京营业厅', channel: 'hall', scope: '110000' }))).token;
  ids.caller = await addCustomer('18600020001', '440000', 'postpaid_vip');
  ids.regular = await addCustomer('18600020002', '440000', 'postpaid');
  ids.bjCustomer = await addCustomer('13900020003', '110000', 'postpaid');
  ids.hall = (await saveHall(operator, { kind: 'hall', nameZh: '中国联通广州天河营业厅', nameEn: 'China Unicom Tianhe Service Hall, Guangzhou', city: '广州', address: '天河路385号', active: true })).id;
  const slot = async (kind: string, opensAt: number, where: { hallId?: number; area?: string }) =>
    (await createSlot(operator, { serviceId: await serviceOf(kind), ...where, startsAt: now + 3 * DAY, endsAt: now + 3 * DAY + 2 * HOUR, opensAt, capacity: 3 })).id;
  ids.cleaning = await slot('cleaning', now - HOUR, { hallId: ids.hall });
  ids.onsite = await slot('onsite_repair', now - HOUR, { area: '天河区' });
  ids.vipOnly = await slot('booked_repair', now + 2 * HOUR, { hallId: ids.hall });
  ids.programme = (
    await createTrialProgramme(operator, { serviceId: await serviceOf('handset_trial'), titleZh: '3G新机试用', titleEn: '3G handset trial', units: 3, vipOpensAt: now - DAY, opensAt: now - DAY, closesAt: now + 10 * DAY, loanDays: 7 })
  ).id;
  ids.loaner = (await addLoaner(operator, { hallId: ids.hall, model: '联通沃3G 备用机', imei: '356938035640029', condition: '良好' })).id;
});

describe('service slots through the channel API', () => {
  it('lists what the customer may book now: a VIP sees the VIP window’s slot, another customer not, another province nothing', async () => {
    const vip = await call.slots(ids.caller, { token: tokens.gd });
    expect(vip.status).toBe(200);
    const listed = (await vip.json()) as { slots: { id: number; startsAt: string; needsAddress: boolean }[] };
    expect(listed.slots.map((s) => s.id).sort()).toEqual([ids.cleaning, ids.onsite, ids.vipOnly].sort());
    expect(listed.slots.find((s) => s.id === ids.onsite)).toMatchObject({ needsAddress: true, startsAt: expect.stringMatching(/Z$/) });
    const regular = (await (await call.slots(ids.regular, { token: tokens.gd })).json()) as { slots: { id: number }[] };
    expect(regular.slots.map((s) => s.id)).not.toContain(ids.vipOnly);
    await expectProblem(await call.slots(ids.caller, { token: tokens.bj }), 404, 'not_found');
    await expectProblem(await call.slots(ids.bjCustomer, { token: tokens.gd }), 404, 'not_found');
  });
});

describe('booking through the channel API', () => {
  it('books once per key, with the token’s channel on the record and the customer’s messages queued once', async () => {
    const key = newKey();
    await expectProblem(await call.book(ids.caller, { token: tokens.gd, body: { slotId: ids.onsite } }), 422, 'idempotency_key_required');
    await expectProblem(await call.book(ids.caller, { token: tokens.gd, key: newKey(), body: { slotId: ids.onsite } }), 422, 'address_required');
    const body = { slotId: ids.onsite, address: '广州市天河区体育西路101号', description: '屏幕触摸失灵' };
    const first = await call.book(ids.caller, { token: tokens.gd, key, body });
    expect(first.status).toBe(201);
    const booked = (await first.json()) as { id: number; status: string; customerId: number };
    expect(booked).toMatchObject({ customerId: ids.caller, status: 'requested' });
    const again = await call.book(ids.caller, { token: tokens.gd, key, body });
    expect(again.status).toBe(201);
    expect(await again.json()).toEqual(booked);
    await expectProblem(await call.book(ids.caller, { token: tokens.gd, key, body: { ...body, description: '另一个问题' } }), 422, 'idempotency_key_reused');
    expect(await getReader().select().from(serviceBookings).where(eq(serviceBookings.customerId, ids.caller))).toHaveLength(1);
    const [fact] = await getReader().select().from(activities).where(and(eq(activities.customerId, ids.caller), eq(activities.kind, 'service_booked')));
    expect(fact).toMatchObject({ channel: 'hotline', staffId: null, refId: booked.id });
    const sms = await getReader().select().from(outbox).where(and(eq(outbox.customerId, ids.caller), eq(outbox.template, 'service_booked')));
    expect(sms.map((m) => m.channel).sort()).toEqual(['inapp', 'sms']);
    const list = (await (await call.bookings(ids.caller, { token: tokens.gd })).json()) as { bookings: unknown[] };
    expect(list.bookings).toEqual([expect.objectContaining({ id: booked.id, channel: 'hotline', address: body.address, serviceKind: 'onsite_repair' })]);
  });

  it('refuses another province’s customer, a slot the VIP window keeps, and unknown fields', async () => {
    await expectProblem(await call.book(ids.bjCustomer, { token: tokens.gd, key: newKey(), body: { slotId: ids.cleaning } }), 404, 'not_found');
    await expectProblem(await call.book(ids.regular, { token: tokens.bj, key: newKey(), body: { slotId: ids.cleaning } }), 404, 'not_found');
    await expectProblem(await call.book(ids.regular, { token: tokens.gd, key: newKey(), body: { slotId: ids.vipOnly } }), 422, 'vip_window_only');
    await expectProblem(await call.book(ids.regular, { token: tokens.gd, key: newKey(), body: { slotId: ids.cleaning, slot: 1 } }), 422, 'invalid_input');
    expect(await getReader().select().from(serviceBookings).where(eq(serviceBookings.customerId, ids.regular))).toHaveLength(0);
  });

  it('cancels with a reason, once per key, only in the token’s province', async () => {
    const booked = (await (await call.book(ids.regular, { token: tokens.gd, key: newKey(), body: { slotId: ids.cleaning } })).json()) as { id: number; pointsPaid: number };
    await expectProblem(await call.cancel(booked.id, { token: tokens.bj, key: newKey(), body: { reason: '客户来电改约' } }), 404, 'not_found');
    await expectProblem(await call.cancel(booked.id, { token: tokens.gd, key: newKey(), body: {} }), 422, 'invalid_input');
    const key = newKey();
    const first = await call.cancel(booked.id, { token: tokens.gd, key, body: { reason: '客户来电改约' } });
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ bookingId: booked.id, status: 'cancelled' });
    expect((await call.cancel(booked.id, { token: tokens.gd, key, body: { reason: '客户来电改约' } })).status).toBe(200);
    await expectProblem(await call.cancel(booked.id, { token: tokens.gd, key: newKey(), body: { reason: '再次取消' } }), 409, 'booking_transition_refused');
    const refunds = await getReader().select({ delta: pointsLedger.delta }).from(pointsLedger).where(and(eq(pointsLedger.customerId, ids.regular), eq(pointsLedger.reason, 'refund')));
    expect(refunds).toEqual(booked.pointsPaid > 0 ? [{ delta: booked.pointsPaid }] : []);
  });
});

describe('trials and loaners through the channel API', () => {
  it('lists the trials open to the customer and applies once per key, with the token’s channel', async () => {
    const listed = (await (await call.programmes(ids.regular, { token: tokens.gd })).json()) as { programmes: { id: number }[] };
    expect(listed.programmes.map((p) => p.id)).toEqual([ids.programme]);
    const key = newKey();
    const first = await call.apply(ids.regular, { token: tokens.gd, key, body: { programmeId: ids.programme } });
    expect(first.status).toBe(201);
    const application = (await first.json()) as { id: number };
    expect(await (await call.apply(ids.regular, { token: tokens.gd, key, body: { programmeId: ids.programme } })).json()).toEqual(application);
    await expectProblem(await call.apply(ids.regular, { token: tokens.gd, key: newKey(), body: { programmeId: ids.programme } }), 409, 'already_applied');
    await expectProblem(await call.apply(ids.bjCustomer, { token: tokens.bj, key: newKey(), body: { programmeId: ids.programme } }), 404, 'not_found');
    expect(await getReader().select().from(trialApplications).where(eq(trialApplications.customerId, ids.regular))).toHaveLength(1);
    expect((await (await call.programmes(ids.regular, { token: tokens.gd })).json()) as unknown).toEqual({ programmes: [] });
    const [fact] = await getReader().select().from(activities).where(and(eq(activities.customerId, ids.regular), eq(activities.kind, 'trial')));
    expect(fact).toMatchObject({ channel: 'hotline', refId: application.id });
  });

  it('lends a loaner against the customer’s own open repair, once per key', async () => {
    const [repair] = await getReader().select({ id: serviceBookings.id }).from(serviceBookings).where(eq(serviceBookings.customerId, ids.caller));
    const options = (await (await call.loaners(ids.caller, { token: tokens.gd })).json()) as { phones: { id: number }[]; repairs: { id: number }[] };
    expect(options.phones.map((p) => p.id)).toEqual([ids.loaner]);
    expect(options.repairs.map((r) => r.id)).toEqual([repair!.id]);
    const dueAt = new Date(Date.now() + 7 * DAY).toISOString();
    await expectProblem(await call.lend(ids.regular, { token: tokens.gd, key: newKey(), body: { loanerId: ids.loaner, bookingId: repair!.id, dueAt } }), 404, 'not_found');
    await expectProblem(await call.lend(ids.caller, { token: tokens.gd, key: newKey(), body: { loanerId: ids.loaner, bookingId: repair!.id, dueAt: 'next week' } }), 422, 'invalid_input');
    const key = newKey();
    const first = await call.lend(ids.caller, { token: tokens.gd, key, body: { loanerId: ids.loaner, bookingId: repair!.id, dueAt } });
    expect(first.status).toBe(201);
    const loan = (await first.json()) as { id: number; dueAt: string };
    expect(loan.dueAt).toBe(dueAt);
    expect(await (await call.lend(ids.caller, { token: tokens.gd, key, body: { loanerId: ids.loaner, bookingId: repair!.id, dueAt } })).json()).toEqual(loan);
    expect(await getReader().select().from(loanerLoans).where(eq(loanerLoans.customerId, ids.caller))).toHaveLength(1);
    await expectProblem(await call.loaners(ids.caller, { token: tokens.bj }), 404, 'not_found');
    const [fact] = await getReader().select().from(activities).where(and(eq(activities.customerId, ids.caller), eq(activities.kind, 'loan')));
    expect(fact).toMatchObject({ channel: 'hotline', refId: loan.id });
  });
});
