import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTransaction } from '@/db/client';
import { customers, events, memberships, pointsLedger } from '@/db/schema';
import { createApiToken, revokeApiToken } from '@/lib/server/api-tokens';
import { registerForEvent } from '@/lib/server/registrations';
import { createApiTokenInput } from '@/lib/validation/api-tokens';
import { HOSTILE_SEED, hostileIdempotencyKey, percentEncode, hostileJson, hostileKey, hostileNumber, hostilePathSegment, hostileRawBody, hostileString, validIdempotencyKey } from '@/tests/hostile-input';
import { openTableDumper, tableChanges, type TableChanges, type TableDump } from '@/tests/table-dump';
import { filmPremiere } from '@/tests/events';
import { expectDocumentedRefusal } from '@/tests/openapi-refusals';
import { withTempDatabase } from '@/tests/temp-database';
import { GET as getComplaints, POST as fileComplaint } from './customers/[customerId]/complaints/route';
import { GET as getMemberships, POST as enroll } from './customers/[customerId]/memberships/route';
import { DELETE as withdraw } from './customers/[customerId]/memberships/[clubCode]/route';
import { GET as getCustomerRegistrations } from './customers/[customerId]/registrations/route';
import { GET as findCustomer } from './customers/route';
import { GET as listEvents } from './events/route';
import { POST as cancel } from './registrations/[registrationId]/cancel/route';
import { POST as register } from './registrations/route';

/*
 * Issue 21 item 21: every operation of the channel API, fed random and malicious requests
 * (fast-check, fixed seed), answers a 4xx problem document, never a 5xx, and writes nothing. The
 * whole database is compared before and after each request, row by row. Two things change by
 * design on a refused request: a token's last use (api_tokens.last_used_at, left out of the
 * comparison) and a refusal kept under a valid Idempotency-Key so that a repeat hears the same
 * (idempotency_keys: checked to hold only refusals of the token that asked).
 *
 * Each request is built from parts that are each valid or hostile, with at least one hostile part,
 * so that none of them may succeed; valid parts name the token's own customer, event and
 * registration, so that the hostile part is what the request is refused for.
 */

withTempDatabase();
const cli = { kind: 'system', via: 'cli' } as const;
const RUNS = 150;

const world = { token: '', tokenId: 0, revoked: '', gdCustomer: 0, bjCustomer: 0, gdEvent: 0, bjEvent: 0, gdRegistration: 0 };
const mobiles = { gd: '18600000011', bj: '13900000012' };
let dumper: Awaited<ReturnType<typeof openTableDumper>>;
let baseline: TableDump;
let payloads = 0;
const started = Date.now();

/** A part of a request, with whether it is hostile. */
type Part<T> = { value: T; bad: boolean };
const good = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<Part<T>> => arb.map((value) => ({ value, bad: false }));
const bad = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<Part<T>> => arb.map((value) => ({ value, bad: true }));
const anyBad = (...parts: Part<unknown>[]) => parts.some((p) => p.bad);

/** Ids a token of Guangdong must not reach or that do not exist: refused as not found. */
const foreignId = (): fc.Arbitrary<number> => fc.constantFrom(world.bjCustomer, world.bjEvent, 987_654_321);
/** A path id: the valid one, or hostile (malformed, or of another province). */
const pathId = (valid: () => number) =>
  fc.oneof(
    { arbitrary: good(fc.constant(0).map(() => String(valid()))), weight: 2 },
    { arbitrary: bad(hostilePathSegment), weight: 1 },
    { arbitrary: bad(foreignId().map(String)), weight: 1 },
  );
/** A body id: the valid one, or hostile (wrong type, not an id, or of another province). */
const bodyId = (valid: () => number) =>
  fc.oneof({ arbitrary: good(fc.constant(0).map(() => valid())), weight: 3 }, { arbitrary: bad(fc.oneof(hostileNumber, hostileString, hostileJson, foreignId())), weight: 1 });
const key = fc.oneof({ arbitrary: good(validIdempotencyKey), weight: 2 }, { arbitrary: bad(hostileIdempotencyKey), weight: 1 });
/** A JSON body: a valid one, the valid one with an unknown or prototype field, a valid shape with one hostile value, or anything else. */
function jsonBody(valid: Record<string, unknown>, fields: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<Part<string>> {
  return fc.oneof(
    { arbitrary: good(fc.constant(JSON.stringify(valid))), weight: 4 },
    bad(fc.tuple(hostileKey, hostileJson).filter(([k]) => !(k in valid)).map(([k, v]) => JSON.stringify({ ...valid, [k]: v }))),
    bad(fc.constantFrom(...Object.keys(fields)).chain((name) => fields[name]!.map((v) => JSON.stringify({ ...valid, [name]: v })))),
    bad(fc.constantFrom(...Object.keys(valid)).map((name) => JSON.stringify({ ...valid, [name]: undefined }))),
    bad(hostileRawBody),
  );
}
const contentType = fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json; charset=utf-7', '');

type Call = { method: string; path: string; body?: string; key?: string; contentType?: string; authorization?: string };

function request(call: Call): Request {
  const headers = new Headers();
  headers.set('authorization', call.authorization ?? `Bearer ${world.token}`);
  if (call.key !== undefined) headers.set('idempotency-key', call.key);
  if (call.contentType) headers.set('content-type', call.contentType);
  return new Request(`http://localhost${call.path}`, { method: call.method, headers, body: call.body });
}

type Handler = (request: Request, context: { params: Promise<never> }) => Promise<Response>;
/** Next hands a route its path parameters decoded. */
const decode = (segment: string) => {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
};
const context = (params: Record<string, string>) => ({ params: Promise.resolve(Object.fromEntries(Object.entries(params).map(([k, v]) => [k, decode(v)])) as never) });

/** What every refusal must be: a 4xx problem document naming its status and a stable code. */
async function expectRefusal(response: Response, call: Call) {
  payloads++;
  const text = await response.text();
  const where = `${call.method} ${call.path.slice(0, 200)} → ${response.status} ${text.slice(0, 300)}`;
  expect(response.status, where).toBeGreaterThanOrEqual(400);
  expect(response.status, where).toBeLessThan(500);
  expect(response.headers.get('content-type'), where).toBe('application/problem+json');
  const problem = JSON.parse(text) as { status: number; code: string; type: string };
  expect(problem, where).toMatchObject({ status: response.status, code: expect.stringMatching(/^[a-z][a-z0-9_]*$/), type: expect.stringContaining(problem.code) });
  expectDocumentedRefusal(call.method, call.path, response.status, problem.code);
}

/**
 * The rows the request wrote, but a token's last use and refusals kept under the token's own keys
 * (checked here). The baseline moves on in any case, so that one failure is not blamed on later requests.
 */
async function writesOf(): Promise<TableChanges> {
  const now = await dumper.dump();
  const changes = tableChanges(baseline, now);
  baseline = now;
  const kept = changes.idempotency_keys;
  if (kept && kept.removed.length === 0) {
    const refusals = kept.added.filter((row) => {
      const [, scope, , , response] = JSON.parse(row) as [string, string, string, string, string];
      return scope === `token:${world.tokenId}` && (JSON.parse(response) as { ok?: boolean }).ok === false;
    });
    if (refusals.length === kept.added.length) delete changes.idempotency_keys;
  }
  return changes;
}

async function refusesWritingNothing(handler: Handler, call: Call, params: Record<string, string> = {}) {
  const response = await handler(request(call), context(params));
  const writes = await writesOf();
  await expectRefusal(response, call);
  expect(writes, `${call.method} ${call.path.slice(0, 200)} wrote`).toEqual({});
}

const property = <T>(arb: fc.Arbitrary<T>, run: (value: T) => Promise<void>) => fc.assert(fc.asyncProperty(arb, run), { seed: HOSTILE_SEED, numRuns: RUNS });

async function addCustomer(mobile: string, provinceCode: string) {
  return withTransaction(async (tx) => {
    const [row] = await tx.insert(customers).values({ mobile, name: `客户${mobile.slice(-4)}`, segment: 'postpaid', provinceCode }).returning({ id: customers.id });
    await tx.insert(pointsLedger).values({ customerId: row!.id, delta: 5000, reason: 'grant' });
    await tx.insert(memberships).values({ customerId: row!.id, clubCode: 'film', provinceCode, joinedAt: 0, joinChannel: 'hall' });
    return row!.id;
  });
}

async function addEvent(provinceCode: string) {
  const [row] = await withTransaction((tx) =>
    tx
      .insert(events)
      .values(filmPremiere(Date.now(), { provinceCode, venue: '影城', capacity: 10, vipOpensAt: null }))
      .returning({ id: events.id }),
  );
  return row!.id;
}

beforeAll(async () => {
  const gd = await createApiToken(cli, createApiTokenInput.parse({ name: '广东10010', channel: 'hotline', scope: '440000' }));
  const revoked = await createApiToken(cli, createApiTokenInput.parse({ name: 'old', channel: 'mobile', scope: '440000' }));
  await revokeApiToken(cli, revoked.id);
  const gdCustomer = await addCustomer(mobiles.gd, '440000');
  const gdEvent = await addEvent('440000');
  const registered = await registerForEvent({ kind: 'channel', role: 'channel', tokenId: gd.id, channel: 'hotline', provinceCode: '440000', name: 'gd' }, { customerId: gdCustomer, eventId: gdEvent, idempotencyKey: 'hostile-setup-1' });
  Object.assign(world, {
    token: gd.token,
    tokenId: gd.id,
    revoked: revoked.token,
    gdCustomer,
    bjCustomer: await addCustomer(mobiles.bj, '110000'),
    gdEvent,
    bjEvent: await addEvent('110000'),
    gdRegistration: registered.registrationId,
  });
  dumper = await openTableDumper({ api_tokens: ['last_used_at'] });
  baseline = await dumper.dump();
});

afterAll(async () => {
  await dumper?.close();
  console.log(`hostile input to the channel API: ${payloads} requests over the 10 operations that take input in ${((Date.now() - started) / 1000).toFixed(1)} s (seed ${HOSTILE_SEED})`);
});

describe('the channel API refuses hostile requests with a 4xx problem and writes nothing', () => {
  it('GET /customers?mobile=…', async () => {
    const query = fc.oneof(
      hostileString.map((m) => `?mobile=${percentEncode(m)}`),
      fc.constant(''),
      fc.constantFrom(mobiles.bj, '18699999999').map((m) => `?mobile=${m}`),
      fc.tuple(hostileString, hostileString).map(([a, b]) => `?mobile=${percentEncode(a)}&mobile=${percentEncode(b)}`),
      fc.tuple(hostileKey, hostileString).map(([k, v]) => `?${percentEncode(k)}=${percentEncode(v)}`),
    );
    await property(query, (q) => refusesWritingNothing(findCustomer as Handler, { method: 'GET', path: `/api/v1/customers${q}` }));
  });

  it('GET /customers/{id}/memberships, /registrations and /complaints', async () => {
    const reads = [
      ['memberships', getMemberships],
      ['registrations', getCustomerRegistrations],
      ['complaints', getComplaints],
    ] as const;
    const arb = fc.tuple(fc.constantFrom(...reads), fc.oneof(bad(hostilePathSegment), bad(foreignId().map(String))));
    await property(arb, ([[name, handler], id]) =>
      refusesWritingNothing(handler as Handler, { method: 'GET', path: `/api/v1/customers/${id.value}/${name}` }, { customerId: id.value }),
    );
  });

  it('POST /customers/{id}/memberships', async () => {
    const arb = fc
      .record({ id: pathId(() => world.gdCustomer), body: jsonBody({ clubCode: 'music' }, { clubCode: fc.oneof(hostileString, hostileJson) }), type: contentType })
      .filter(({ id, body }) => anyBad(id, body));
    await property(arb, ({ id, body, type }) =>
      refusesWritingNothing(enroll as Handler, { method: 'POST', path: `/api/v1/customers/${id.value}/memberships`, body: body.value, contentType: type }, { customerId: id.value }),
    );
  });

  it('DELETE /customers/{id}/memberships/{club}', async () => {
    const arb = fc.record({ id: pathId(() => world.gdCustomer), club: fc.oneof(good(fc.constant('film')), bad(hostilePathSegment)) }).filter(({ id, club }) => anyBad(id, club));
    await property(arb, ({ id, club }) =>
      refusesWritingNothing(withdraw as Handler, { method: 'DELETE', path: `/api/v1/customers/${id.value}/memberships/${club.value}` }, { customerId: id.value, clubCode: club.value }),
    );
  });

  it('POST /customers/{id}/complaints', async () => {
    const complaint = { topic: 'network', body: '来电反映：信号时有时无，请核查。' };
    const arb = fc
      .record({
        id: pathId(() => world.gdCustomer),
        body: jsonBody(complaint, {
          topic: fc.oneof(hostileString, hostileJson),
          body: fc.oneof(fc.constantFrom('', '    ', 'abc', 'x'.repeat(1001)), hostileNumber, fc.array(hostileString, { maxLength: 2 }), fc.constant(null)),
        }),
        key,
        type: contentType,
      })
      .filter(({ id, body, key: k }) => anyBad(id, body, k));
    await property(arb, ({ id, body, key: k, type }) =>
      refusesWritingNothing(fileComplaint as Handler, { method: 'POST', path: `/api/v1/customers/${id.value}/complaints`, body: body.value, key: k.value, contentType: type }, { customerId: id.value }),
    );
  });

  it('GET /events?year=…&club=…&status=…&province=…', async () => {
    const param = (name: string, valid: fc.Arbitrary<string>, hostile: fc.Arbitrary<string>) =>
      fc.oneof(good(fc.constant('')), good(valid.map((v) => `${name}=${v}`)), bad(hostile.map((v) => `${name}=${percentEncode(v)}`)));
    const arb = fc
      .record({
        year: param('year', fc.constant('2027'), fc.oneof(hostileString.filter((s) => !/^\s*\d+\s*$/.test(s)), fc.constantFrom('1999', '2101', '-2027'))),
        club: param('club', fc.constant('film'), hostileString),
        status: param('status', fc.constant('published'), fc.oneof(hostileString, fc.constant('draft'))),
        province: param('province', fc.constant('440000'), fc.oneof(hostileString, fc.constantFrom('110000', '999999', '44000'))),
      })
      .filter((parts) => anyBad(...Object.values(parts)));
    await property(arb, (parts) => {
      const query = Object.values(parts)
        .map((p) => p.value)
        .filter(Boolean)
        .join('&');
      return refusesWritingNothing(listEvents as Handler, { method: 'GET', path: `/api/v1/events?${query}` });
    });
  });

  it('POST /registrations', async () => {
    const arb = fc
      .record({
        customerId: bodyId(() => world.gdCustomer),
        eventId: bodyId(() => world.gdEvent),
        waitlist: fc.oneof(good(fc.constantFrom(undefined, true, false)), bad(fc.oneof(hostileString, hostileNumber, hostileJson.filter((v) => typeof v !== 'boolean')))),
        extra: fc.oneof(good(fc.constant(undefined)), bad(fc.tuple(hostileKey, hostileJson).filter(([k]) => !['customerId', 'eventId', 'waitlist'].includes(k)))),
        raw: fc.oneof(good(fc.constant(undefined)), bad(hostileRawBody)),
        key,
        type: contentType,
      })
      .filter((p) => anyBad(p.customerId, p.eventId, p.waitlist, p.extra, p.raw, p.key));
    await property(arb, (p) => {
      const body: Record<string, unknown> = { customerId: p.customerId.value, eventId: p.eventId.value, waitlist: p.waitlist.value };
      if (p.extra.value) body[p.extra.value[0]] = p.extra.value[1];
      return refusesWritingNothing(register as Handler, { method: 'POST', path: '/api/v1/registrations', body: p.raw.value ?? JSON.stringify(body), key: p.key.value, contentType: p.type });
    });
  });

  it('POST /registrations/{id}/cancel', async () => {
    const arb = fc.record({ id: pathId(() => world.gdRegistration), key, body: fc.option(hostileRawBody) }).filter(({ id, key: k }) => anyBad(id, k));
    await property(arb, ({ id, key: k, body }) =>
      refusesWritingNothing(cancel as Handler, { method: 'POST', path: `/api/v1/registrations/${id.value}/cancel`, key: k.value, body: body ?? undefined }, { registrationId: id.value }),
    );
  });

  it('every operation, without a valid bearer token', async () => {
    const authorization = fc.oneof(
      fc.constantFrom('', 'Bearer', 'Bearer ', 'Basic YWRtaW46YWRtaW4=', 'bearer chk_', 'Bearer chk_not-a-token', 'Token x'),
      fc.constant(0).map(() => `Bearer ${world.revoked}`),
      fc.constant(0).map(() => `Basic ${world.token}`),
      fc.string({ unit: 'binary-ascii', maxLength: 60 }).filter((s) => !/[\0\r\n]/.test(s) && s.trim() === s).map((s) => `Bearer ${s}`),
    );
    const calls: [Handler, Call, Record<string, string>][] = [
      [findCustomer as Handler, { method: 'GET', path: `/api/v1/customers?mobile=${mobiles.gd}` }, {}],
      [getMemberships as Handler, { method: 'GET', path: '/api/v1/customers/{id}/memberships' }, { customerId: 'gd' }],
      [enroll as Handler, { method: 'POST', path: '/api/v1/customers/{id}/memberships', body: '{"clubCode":"music"}' }, { customerId: 'gd' }],
      [withdraw as Handler, { method: 'DELETE', path: '/api/v1/customers/{id}/memberships/film' }, { customerId: 'gd', clubCode: 'film' }],
      [register as Handler, { method: 'POST', path: '/api/v1/registrations', body: '{}', key: 'unauthenticated-1' }, {}],
      [cancel as Handler, { method: 'POST', path: '/api/v1/registrations/{id}/cancel', key: 'unauthenticated-2' }, { registrationId: 'registration' }],
      [listEvents as Handler, { method: 'GET', path: '/api/v1/events' }, {}],
    ];
    const sample = (params: Record<string, string>) =>
      Object.fromEntries(Object.entries(params).map(([k, v]) => [k, v === 'gd' ? String(world.gdCustomer) : v === 'registration' ? String(world.gdRegistration) : v]));
    await property(fc.tuple(fc.constantFrom(...calls), authorization), async ([[handler, call, params], auth]) => {
      const response = await handler(request({ ...call, authorization: auth }), context(sample(params)));
      const writes = await writesOf();
      expect(response.status, auth).toBe(401);
      await expectRefusal(response, call);
      expect(writes).toEqual({});
    });
  });
});
