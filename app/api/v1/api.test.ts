import { and, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { getReader, withTransaction } from '@/db/client';
import { activities, auditLog, charges, complaints, customers, events, idempotencyKeys, memberships, outbox, pointsLedger, prepaidLedger, registrations } from '@/db/schema';
import { DAY, HOUR } from '@/lib/domain/time';
import type { Segment } from '@/lib/domain/types';
import { createApiToken, revokeApiToken } from '@/lib/server/api-tokens';
import { createApiTokenInput } from '@/lib/validation/api-tokens';
import { problemFrom } from '@/lib/server/http';
import { log } from '@/lib/server/log';
import { membershipOutput, presentOutput } from '@/lib/validation/api';
import { expectRefusalDocumented, recorded } from '@/tests/openapi-refusals';
import { withTempDatabase } from '@/tests/temp-database';
import { GET as getComplaints, POST as fileComplaint } from './customers/[customerId]/complaints/route';
import { GET as getMemberships, POST as enroll } from './customers/[customerId]/memberships/route';
import { DELETE as withdraw } from './customers/[customerId]/memberships/[clubCode]/route';
import { GET as getCustomerRegistrations } from './customers/[customerId]/registrations/route';
import { GET as findCustomer } from './customers/route';
import { GET as listEvents } from './events/route';
import { GET as health } from './health/route';
import { GET as openApi } from './openapi.json/route';
import { POST as cancel } from './registrations/[registrationId]/cancel/route';
import { POST as register } from './registrations/route';

withTempDatabase();

const cli = { kind: 'system', via: 'cli' } as const;
const tokens = { gd: '', bj: '', hq: '', revoked: '' };
const tokenIds = { gd: 0, hq: 0 };
const ids = { gdMember: 0, gdNewcomer: 0, bjMember: 0, gdEvent: 0, gdFullEvent: 0, gdDraft: 0, bjEvent: 0 };
const mobiles = { gdMember: '18600000001', gdNewcomer: '18600000002', bjMember: '13900000003' };
let keyCounter = 0;
const newKey = () => `api-test-key-${++keyCounter}`;

type Init = { token?: string; body?: unknown; raw?: string; key?: string; authorization?: string };

function request(method: string, path: string, init: Init = {}): Request {
  const headers = new Headers();
  if (init.authorization !== undefined) headers.set('authorization', init.authorization);
  else if (init.token) headers.set('authorization', `Bearer ${init.token}`);
  if (init.key) headers.set('idempotency-key', init.key);
  let body = init.raw;
  if (init.body !== undefined) body = JSON.stringify(init.body);
  if (body !== undefined) headers.set('content-type', 'application/json');
  return new Request(`http://localhost${path}`, { method, headers, body });
}

const params = <P>(p: P) => ({ params: Promise.resolve(p) });
const noParams = params({} as Record<string, never>);

const call = {
  find: (mobile: string | null, init: Init = {}) => recorded(findCustomer)(request('GET', `/api/v1/customers${mobile === null ? '' : `?mobile=${mobile}`}`, init), noParams),
  memberships: (customerId: number | string, init: Init = {}) =>
    recorded(getMemberships)(request('GET', `/api/v1/customers/${customerId}/memberships`, init), params({ customerId: String(customerId) })),
  enroll: (customerId: number | string, init: Init = {}) =>
    recorded(enroll)(request('POST', `/api/v1/customers/${customerId}/memberships`, init), params({ customerId: String(customerId) })),
  withdraw: (customerId: number, clubCode: string, init: Init = {}) =>
    recorded(withdraw)(request('DELETE', `/api/v1/customers/${customerId}/memberships/${clubCode}`, init), params({ customerId: String(customerId), clubCode })),
  registrations: (customerId: number, init: Init = {}) =>
    recorded(getCustomerRegistrations)(request('GET', `/api/v1/customers/${customerId}/registrations`, init), params({ customerId: String(customerId) })),
  complaints: (customerId: number, init: Init = {}) =>
    recorded(getComplaints)(request('GET', `/api/v1/customers/${customerId}/complaints`, init), params({ customerId: String(customerId) })),
  complain: (customerId: number, init: Init = {}) =>
    recorded(fileComplaint)(request('POST', `/api/v1/customers/${customerId}/complaints`, init), params({ customerId: String(customerId) })),
  events: (query: string, init: Init = {}) => recorded(listEvents)(request('GET', `/api/v1/events${query}`, init), noParams),
  register: (init: Init = {}) => recorded(register)(request('POST', '/api/v1/registrations', init), noParams),
  cancel: (registrationId: number | string, init: Init = {}) =>
    recorded(cancel)(request('POST', `/api/v1/registrations/${registrationId}/cancel`, init), params({ registrationId: String(registrationId) })),
};

/** Every refusal is problem+json with the status, a stable code and a type naming it. */
async function expectProblem(response: Response, status: number, code: string) {
  expect(response.headers.get('content-type')).toBe('application/problem+json');
  const body = await response.json();
  expect(body).toMatchObject({ status, code, type: expect.stringMatching(new RegExp(`/${code}$`)) });
  expect(response.status).toBe(status);
  expectRefusalDocumented(response, status, code);
  return body as { code: string; errors?: Record<string, string> };
}

async function rowCounts() {
  const tables = { memberships, registrations, pointsLedger, prepaidLedger, charges, activities, auditLog };
  const entries = await Promise.all(
    Object.entries(tables).map(async ([name, table]) => [name, (await getReader().select({ n: sql<number>`count(*)` }).from(table))[0]!.n] as const),
  );
  return Object.fromEntries(entries);
}

async function pointsOf(customerId: number) {
  return (await getReader().select({ points: customers.pointsBalance }).from(customers).where(eq(customers.id, customerId)))[0]!.points;
}

async function addCustomer(mobile: string, provinceCode: string, segment: Segment, clubs: ('film' | 'music')[]) {
  return withTransaction(async (tx) => {
    const [row] = await tx.insert(customers).values({ mobile, name: `客户${mobile.slice(-4)}`, segment, provinceCode }).returning({ id: customers.id });
    await tx.insert(pointsLedger).values({ customerId: row!.id, delta: 5000, reason: 'grant' });
    for (const clubCode of clubs) await tx.insert(memberships).values({ customerId: row!.id, clubCode, provinceCode, joinedAt: 0, joinChannel: 'hall' });
    return row!.id;
  });
}

async function addEvent(provinceCode: string, overrides: Partial<typeof events.$inferInsert> = {}) {
  const now = Date.now();
  const startsAt = now + 10 * DAY;
  return withTransaction(async (tx) => {
    const [row] = await tx
      .insert(events)
      .values({
        clubCode: 'film',
        provinceCode,
        kind: 'film_premiere',
        titleZh: '新片抢先看',
        venue: '影城',
        startsAt,
        endsAt: startsAt + 2 * HOUR,
        capacity: 10,
        regOpensAt: now - DAY,
        regClosesAt: startsAt - DAY,
        priceType: 'points',
        pricePoints: 500,
        eligibleSegments: ['prepaid', 'postpaid', 'postpaid_vip'],
        status: 'published',
        publishedAt: now - DAY,
        ...overrides,
      })
      .returning({ id: events.id });
    return row!.id;
  });
}

beforeAll(async () => {
  const gd = await createApiToken(cli, createApiTokenInput.parse({ name: '广东10010', channel: 'hotline', scope: '440000' }));
  const bj = await createApiToken(cli, createApiTokenInput.parse({ name: '北京短信营业厅', channel: 'sms', scope: '110000' }));
  const hq = await createApiToken(cli, createApiTokenInput.parse({ name: '总部网上营业厅', channel: 'online', scope: 'HQ' }));
  const revoked = await createApiToken(cli, createApiTokenInput.parse({ name: 'old', channel: 'mobile', scope: '440000' }));
  await revokeApiToken(cli, revoked.id);
  Object.assign(tokens, { gd: gd.token, bj: bj.token, hq: hq.token, revoked: revoked.token });
  Object.assign(tokenIds, { gd: gd.id, hq: hq.id });
  ids.gdMember = await addCustomer(mobiles.gdMember, '440000', 'postpaid_vip', ['film']);
  ids.gdNewcomer = await addCustomer(mobiles.gdNewcomer, '440000', 'postpaid', []);
  ids.bjMember = await addCustomer(mobiles.bjMember, '110000', 'postpaid', ['film']);
  ids.gdEvent = await addEvent('440000');
  ids.gdFullEvent = await addEvent('440000', { capacity: 1, priceType: 'free', pricePoints: 0 });
  ids.gdDraft = await addEvent('440000', { status: 'draft', publishedAt: null });
  ids.bjEvent = await addEvent('110000', { venueEn: 'Grand Cinema, Beijing' });
});

describe('the public endpoints', () => {
  it('answers health without a token or the database', async () => {
    const response = health();
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('serves the OpenAPI document without a token', async () => {
    const response = openApi();
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ openapi: expect.stringMatching(/^3\.1\./), paths: expect.objectContaining({ '/api/v1/registrations': expect.anything() }) });
  });
});

describe('responses', () => {
  it('are presented in their documented shape, and a mismatch is a 500, not the caller’s 422', async () => {
    const period = { id: 1, clubCode: 'film' as const, joinedAt: Date.UTC(2027, 0, 2), joinChannel: 'sms' as const, leftAt: null, leaveChannel: null };
    const row = { ...period, joinedByStaffId: 7 };
    expect(presentOutput(membershipOutput, row)).toEqual({ ...period, joinedAt: '2027-01-02T00:00:00.000Z' });
    let thrown: unknown;
    try {
      presentOutput(membershipOutput, { ...period, clubCode: 'opera' as 'film' });
    } catch (error) {
      thrown = error;
    }
    const logged = vi.spyOn(log, 'error').mockImplementation(() => undefined);
    await expectProblem(problemFrom(thrown), 500, 'internal_error');
    expect(logged).toHaveBeenCalledOnce();
    expect(logged.mock.calls[0]![0]).toMatchObject({ err: thrown });
    logged.mockRestore();
  });
});

describe('authentication', () => {
  it('answers 401 problem+json to a missing, malformed, unknown or revoked token', async () => {
    await expectProblem(await call.find(mobiles.gdMember), 401, 'unauthenticated');
    await expectProblem(await call.find(mobiles.gdMember, { authorization: `Basic ${tokens.gd}` }), 401, 'unauthenticated');
    await expectProblem(await call.find(mobiles.gdMember, { token: 'chk_not-a-real-token' }), 401, 'unauthenticated');
    await expectProblem(await call.find(mobiles.gdMember, { token: tokens.revoked }), 401, 'unauthenticated');
    await expectProblem(await call.register({ token: tokens.revoked, key: newKey(), body: { customerId: ids.gdMember, eventId: ids.gdEvent } }), 401, 'unauthenticated');
  });
});

describe('scope', () => {
  it('keeps a province token away from another province’s customers, writing nothing', async () => {
    const before = await rowCounts();
    const pointsBefore = await pointsOf(ids.bjMember);
    await expectProblem(await call.find(mobiles.bjMember, { token: tokens.gd }), 404, 'not_found');
    await expectProblem(await call.memberships(ids.bjMember, { token: tokens.gd }), 404, 'not_found');
    await expectProblem(await call.enroll(ids.bjMember, { token: tokens.gd, body: { clubCode: 'music' } }), 404, 'not_found');
    await expectProblem(await call.withdraw(ids.bjMember, 'film', { token: tokens.gd }), 404, 'not_found');
    await expectProblem(await call.register({ token: tokens.gd, key: newKey(), body: { customerId: ids.bjMember, eventId: ids.bjEvent } }), 404, 'not_found');
    await expectProblem(await call.registrations(ids.bjMember, { token: tokens.gd }), 404, 'not_found');
    expect(await rowCounts()).toEqual(before);
    expect(await pointsOf(ids.bjMember)).toBe(pointsBefore);
  });

  it('answers 404 for another province’s event or a draft, never a refusal that says it exists', async () => {
    const before = await rowCounts();
    await expectProblem(await call.register({ token: tokens.gd, key: newKey(), body: { customerId: ids.gdMember, eventId: ids.bjEvent } }), 404, 'not_found');
    await expectProblem(await call.register({ token: tokens.gd, key: newKey(), body: { customerId: ids.gdMember, eventId: ids.gdDraft } }), 404, 'not_found');
    // HQ sees both the customer and the event: it hears why.
    await expectProblem(await call.register({ token: tokens.hq, key: newKey(), body: { customerId: ids.gdMember, eventId: ids.bjEvent } }), 422, 'wrong_province');
    expect(await rowCounts()).toEqual(before);
  });

  it('does not let a province token cancel another province’s registration', async () => {
    const registered = await call.register({ token: tokens.bj, key: newKey(), body: { customerId: ids.bjMember, eventId: ids.bjEvent } });
    expect(registered.status).toBe(201);
    const { registrationId } = await registered.json();
    const before = await rowCounts();
    await expectProblem(await call.cancel(registrationId, { token: tokens.gd, key: newKey() }), 404, 'not_found');
    expect(await rowCounts()).toEqual(before);
    const cancelled = await call.cancel(registrationId, { token: tokens.bj, key: newKey() });
    expect(cancelled.status).toBe(200);
  });

  it('lets an HQ token act in every province', async () => {
    const found = await call.find(mobiles.bjMember, { token: tokens.hq });
    expect(found.status).toBe(200);
    expect(await found.json()).toMatchObject({ id: ids.bjMember, mobile: mobiles.bjMember, masked: false, provinceCode: '110000' });
    const enrolled = await call.enroll(ids.bjMember, { token: tokens.hq, body: { clubCode: 'music' } });
    expect(enrolled.status).toBe(201);
    expect(await enrolled.json()).toMatchObject({ clubCode: 'music', joinChannel: 'online', leftAt: null });
    const registered = await call.register({ token: tokens.hq, key: newKey(), body: { customerId: ids.bjMember, eventId: ids.bjEvent } });
    expect(registered.status).toBe(201);
    const listed = await call.registrations(ids.bjMember, { token: tokens.hq });
    expect(listed.status).toBe(200);
    expect((await listed.json()).registrations.map((r: { eventId: number; status: string }) => [r.eventId, r.status])).toContainEqual([ids.bjEvent, 'confirmed']);
  });
});

describe('customers and memberships', () => {
  it('looks a customer up by full mobile number, with balances', async () => {
    const response = await call.find(mobiles.gdMember, { token: tokens.gd });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      id: ids.gdMember,
      mobile: mobiles.gdMember,
      name: '客户0001',
      masked: false,
      segment: 'postpaid_vip',
      status: 'active',
      provinceCode: '440000',
      pointsBalance: expect.any(Number),
      prepaidBalanceFen: 0,
    });
    const partial = await expectProblem(await call.find('1860000', { token: tokens.gd }), 422, 'invalid_input');
    expect(partial.errors).toEqual({ mobile: 'invalid_mobile' });
    expect((await expectProblem(await call.find(null, { token: tokens.gd }), 422, 'invalid_input')).errors).toEqual({ mobile: 'invalid_mobile' });
    await expectProblem(await call.find('18699999999', { token: tokens.gd }), 404, 'not_found');
  });

  it('enrolls with the token’s channel, audit-logged with the token, and withdraws again', async () => {
    const enrolled = await call.enroll(ids.gdNewcomer, { token: tokens.gd, body: { clubCode: 'music' } });
    expect(enrolled.status).toBe(201);
    const membership = await enrolled.json();
    expect(membership).toMatchObject({ clubCode: 'music', joinChannel: 'hotline', leftAt: null, leaveChannel: null });
    expect(new Date(membership.joinedAt).toISOString()).toBe(membership.joinedAt);
    const [stored] = await getReader().select().from(memberships).where(eq(memberships.id, membership.id));
    expect(stored).toMatchObject({ customerId: ids.gdNewcomer, joinChannel: 'hotline', joinedByStaffId: null });
    const [entry] = await getReader().select().from(auditLog).where(and(eq(auditLog.entityType, 'membership'), eq(auditLog.entityId, String(membership.id))));
    expect(entry).toMatchObject({ action: 'membership.join', apiTokenId: tokenIds.gd, staffId: null });

    await expectProblem(await call.enroll(ids.gdNewcomer, { token: tokens.gd, body: { clubCode: 'music' } }), 409, 'already_member');
    const listed = await call.memberships(ids.gdNewcomer, { token: tokens.gd });
    expect((await listed.json()).memberships).toEqual([membership]);

    const withdrawn = await call.withdraw(ids.gdNewcomer, 'music', { token: tokens.gd });
    expect(withdrawn.status).toBe(200);
    expect(await withdrawn.json()).toMatchObject({ id: membership.id, leaveChannel: 'hotline', leftAt: expect.any(String) });
    await expectProblem(await call.withdraw(ids.gdNewcomer, 'music', { token: tokens.gd }), 422, 'not_member');
  });
});

describe('invalid input', () => {
  it('answers bad JSON, missing fields, wrong types and unknown fields with 4xx problems, writing nothing', async () => {
    const before = await rowCounts();
    const keysBefore = (await getReader().select({ n: sql<number>`count(*)` }).from(idempotencyKeys))[0]!.n;
    const gd = tokens.gd;
    await expectProblem(await call.register({ token: gd, key: newKey(), raw: '{"customerId": 1,' }), 400, 'invalid_json');
    await expectProblem(await call.register({ token: gd, key: newKey() }), 400, 'invalid_json');
    await expectProblem(await call.enroll(ids.gdNewcomer, { token: gd, raw: 'club=music' }), 400, 'invalid_json');

    const missing = await expectProblem(await call.register({ token: gd, key: newKey(), body: {} }), 422, 'invalid_input');
    expect(missing.errors).toEqual({ customerId: 'field_required', eventId: 'field_required' });
    const wrongTypes = await expectProblem(
      await call.register({ token: gd, key: newKey(), body: { customerId: String(ids.gdMember), eventId: 1.5, waitlist: 'yes' } }),
      422,
      'invalid_input',
    );
    expect(wrongTypes.errors).toEqual({ customerId: 'invalid_id', eventId: 'invalid_id', waitlist: 'invalid_boolean' });
    const unknown = await expectProblem(
      await call.register({ token: gd, key: newKey(), body: { customerId: ids.gdMember, eventId: ids.gdEvent, paidPoints: 0 } }),
      422,
      'invalid_input',
    );
    expect(unknown.errors).toEqual({ paidPoints: 'unknown_field' });
    expect((await expectProblem(await call.register({ token: gd, key: newKey(), body: [ids.gdMember] }), 422, 'invalid_input')).errors).toEqual({ _: 'invalid_body' });

    expect((await expectProblem(await call.enroll(ids.gdNewcomer, { token: gd, body: { clubCode: 'opera' } }), 422, 'invalid_input')).errors).toEqual({ clubCode: 'unknown_club' });
    expect((await expectProblem(await call.enroll(ids.gdNewcomer, { token: gd, body: { clubCode: 'music', channel: 'hall' } }), 422, 'invalid_input')).errors).toEqual({ channel: 'unknown_field' });
    expect((await expectProblem(await call.enroll('abc', { token: gd, body: { clubCode: 'music' } }), 422, 'invalid_input')).errors).toEqual({ customerId: 'invalid_id' });
    expect((await expectProblem(await call.memberships('-3', { token: gd }), 422, 'invalid_input')).errors).toEqual({ customerId: 'invalid_id' });
    expect((await expectProblem(await call.withdraw(ids.gdMember, 'opera', { token: gd }), 422, 'invalid_input')).errors).toEqual({ clubCode: 'unknown_club' });
    expect((await expectProblem(await call.cancel('1e999', { token: gd, key: newKey() }), 422, 'invalid_input')).errors).toEqual({ registrationId: 'invalid_id' });
    expect((await expectProblem(await call.events('?year=20x7', { token: gd }), 422, 'invalid_input')).errors).toEqual({ year: 'invalid_year' });

    expect(await rowCounts()).toEqual(before);
    expect((await getReader().select({ n: sql<number>`count(*)` }).from(idempotencyKeys))[0]!.n).toBe(keysBefore);
  });
});

describe('registering and cancelling', () => {
  it('requires an Idempotency-Key', async () => {
    const before = await rowCounts();
    await expectProblem(await call.register({ token: tokens.gd, body: { customerId: ids.gdMember, eventId: ids.gdEvent } }), 422, 'idempotency_key_required');
    await expectProblem(await call.register({ token: tokens.gd, key: 'short', body: { customerId: ids.gdMember, eventId: ids.gdEvent } }), 422, 'idempotency_key_invalid');
    await expectProblem(await call.cancel(1, { token: tokens.gd }), 422, 'idempotency_key_required');
    expect(await rowCounts()).toEqual(before);
  });

  it('registers once per key: a repeat returns the first body and charges nothing twice; cancelling likewise refunds once', async () => {
    const key = newKey();
    const body = { customerId: ids.gdMember, eventId: ids.gdEvent };
    const points = await pointsOf(ids.gdMember);
    const first = await call.register({ token: tokens.gd, key, body });
    expect(first.status).toBe(201);
    const result = await first.json();
    expect(result).toEqual({ registrationId: expect.any(Number), status: 'confirmed', position: null, paidPoints: 500, paidFen: 0, payment: 'points' });
    const counts = await rowCounts();

    const repeat = await call.register({ token: tokens.gd, key, body });
    expect(repeat.status).toBe(201);
    expect(await repeat.json()).toEqual(result);
    expect(await rowCounts()).toEqual(counts);
    expect(await pointsOf(ids.gdMember)).toBe(points - 500);

    await expectProblem(await call.register({ token: tokens.gd, key, body: { ...body, waitlist: true } }), 422, 'idempotency_key_reused');
    await expectProblem(await call.register({ token: tokens.gd, key: newKey(), body }), 409, 'already_registered');

    const [stored] = await getReader().select().from(registrations).where(eq(registrations.id, result.registrationId));
    expect(stored).toMatchObject({ channel: 'hotline', createdByStaffId: null });
    const listed = await (await call.registrations(ids.gdMember, { token: tokens.gd })).json();
    expect(listed.registrations).toContainEqual(expect.objectContaining({ id: result.registrationId, eventId: ids.gdEvent, status: 'confirmed', channel: 'hotline', cancellable: true }));

    const cancelKey = newKey();
    const cancelled = await call.cancel(result.registrationId, { token: tokens.gd, key: cancelKey });
    expect(cancelled.status).toBe(200);
    const cancellation = await cancelled.json();
    expect(cancellation).toEqual({ registrationId: result.registrationId, status: 'cancelled', refunded: '500积分' });
    const again = await call.cancel(result.registrationId, { token: tokens.gd, key: cancelKey });
    expect(await again.json()).toEqual(cancellation);
    expect(await pointsOf(ids.gdMember)).toBe(points);
    await expectProblem(await call.cancel(result.registrationId, { token: tokens.gd, key: newKey() }), 422, 'not_cancellable');
  });

  it('answers a repeat that arrives while the first still runs with the first result, registering once', async () => {
    const key = newKey();
    const body = { customerId: ids.gdMember, eventId: ids.gdFullEvent };
    const responses = await Promise.all([call.register({ token: tokens.gd, key, body }), call.register({ token: tokens.gd, key, body })]);
    expect(responses.map((r) => r.status)).toEqual([201, 201]);
    const [first, repeat] = await Promise.all(responses.map((r) => r.json()));
    expect(repeat).toEqual(first);
    const live = await getReader().select({ id: registrations.id }).from(registrations).where(and(eq(registrations.eventId, ids.gdFullEvent), eq(registrations.customerId, ids.gdMember)));
    expect(live).toEqual([{ id: first.registrationId }]);
  });

  it('refuses a full event unless the waiting list is asked for', async () => {
    await expectProblem(await call.register({ token: tokens.gd, key: newKey(), body: { customerId: ids.gdNewcomer, eventId: ids.gdFullEvent } }), 422, 'not_club_member');
    const enrolled = await call.enroll(ids.gdNewcomer, { token: tokens.gd, body: { clubCode: 'film' } });
    expect(enrolled.status).toBe(201);
    await expectProblem(await call.register({ token: tokens.gd, key: newKey(), body: { customerId: ids.gdNewcomer, eventId: ids.gdFullEvent } }), 409, 'event_full');
    const waiting = await call.register({ token: tokens.gd, key: newKey(), body: { customerId: ids.gdNewcomer, eventId: ids.gdFullEvent, waitlist: true } });
    expect(await waiting.json()).toMatchObject({ status: 'waitlisted', position: 1, payment: 'none' });
  });
});

describe('events', () => {
  it('lists the token’s province without drafts; HQ picks a province', async () => {
    const gd = await call.events('', { token: tokens.gd });
    expect(gd.status).toBe(200);
    const gdIds = (await gd.json()).events.map((e: { id: number }) => e.id);
    expect(gdIds).toEqual(expect.arrayContaining([ids.gdEvent, ids.gdFullEvent]));
    expect(gdIds).not.toContain(ids.gdDraft);
    expect(gdIds).not.toContain(ids.bjEvent);

    await expectProblem(await call.events('?province=110000', { token: tokens.gd }), 403, 'forbidden');
    const hq = await (await call.events('?province=110000&club=film&status=published', { token: tokens.hq })).json();
    expect(hq.events).toEqual([expect.objectContaining({ id: ids.bjEvent, provinceCode: '110000', status: 'published', capacity: 10, venue: '影城', venueEn: 'Grand Cinema, Beijing', startsAt: expect.any(String) })]);
    expect((await (await call.events('?status=cancelled', { token: tokens.gd })).json()).events).toEqual([]);
    expect((await expectProblem(await call.events('?status=draft', { token: tokens.gd }), 422, 'invalid_input')).errors).toEqual({ status: 'invalid_status' });
  });
});

describe('complaints', () => {
  const complaint = { topic: 'handset_service', body: '来电反映：预约维修的手机超过承诺时间仍未修好。' };
  const count = async () => (await getReader().select({ n: sql<number>`count(*)` }).from(complaints))[0]!.n;

  it('are taken down once per key with the token’s channel, acknowledged by SMS, audit-logged, and listed with their answers', async () => {
    const key = newKey();
    const first = await call.complain(ids.gdMember, { token: tokens.gd, key, body: complaint });
    expect(first.status).toBe(201);
    const filed = await first.json();
    expect(filed).toMatchObject({ customerId: ids.gdMember, ...complaint, kind: 'complaint', channel: 'hotline', status: 'open', reply: null, resolvedAt: null, deadlineAt: expect.any(String), escalatedAt: null, createdAt: expect.any(String) });
    const again = await call.complain(ids.gdMember, { token: tokens.gd, key, body: complaint });
    expect(await again.json()).toEqual(filed);
    expect(await count()).toBe(1);
    const sms = await getReader().select().from(outbox).where(and(eq(outbox.customerId, ids.gdMember), eq(outbox.template, 'complaint_received'), eq(outbox.channel, 'sms')));
    expect(sms).toHaveLength(1);
    const [entry] = await getReader().select().from(auditLog).where(eq(auditLog.action, 'complaint.file'));
    expect(entry).toMatchObject({ apiTokenId: tokenIds.gd, staffId: null, entityId: String(filed.id) });
    const listed = await call.complaints(ids.gdMember, { token: tokens.gd });
    expect(await listed.json()).toEqual({ complaints: [filed] });
  });

  it('take suggestions too: no deadline, acknowledged as a suggestion', async () => {
    const filed = await call.complain(ids.gdMember, { token: tokens.gd, key: newKey(), body: { kind: 'suggestion', topic: 'event', body: '建议周末多安排亲子活动。' } });
    expect(filed.status).toBe(201);
    expect(await filed.json()).toMatchObject({ kind: 'suggestion', status: 'open', deadlineAt: null });
    expect(await getReader().$count(outbox, and(eq(outbox.customerId, ids.gdMember), eq(outbox.template, 'suggestion_received'), eq(outbox.channel, 'sms')))).toBe(1);
    await expectProblem(await call.complain(ids.gdMember, { token: tokens.gd, key: newKey(), body: { ...complaint, kind: 'praise' } }), 422, 'invalid_input');
  });

  it('need a key, stay in the token’s province, and refuse bad input, writing nothing', async () => {
    const before = await count();
    await expectProblem(await call.complain(ids.gdMember, { token: tokens.gd, body: complaint }), 422, 'idempotency_key_required');
    await expectProblem(await call.complain(ids.gdMember, { token: tokens.bj, key: newKey(), body: complaint }), 404, 'not_found');
    await expectProblem(await call.complaints(ids.gdMember, { token: tokens.bj }), 404, 'not_found');
    const bad = await expectProblem(await call.complain(ids.gdMember, { token: tokens.gd, key: newKey(), body: { topic: 'weather', body: '短', channel: 'web' } }), 422, 'invalid_input');
    expect(bad.errors).toEqual({ topic: 'topic_required', body: 'complaint_too_short', channel: 'unknown_field' });
    expect((await expectProblem(await call.complain(ids.gdMember, { token: tokens.gd, key: newKey(), body: {} }), 422, 'invalid_input')).errors).toEqual({ topic: 'field_required', body: 'field_required' });
    expect(await count()).toBe(before);
  });
});
