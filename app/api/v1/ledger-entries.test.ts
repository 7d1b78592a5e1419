import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getReader, withTransaction } from '@/db/client';
import { customers, events, idempotencyKeys, memberships, pointsLedger, prepaidLedger } from '@/db/schema';
import { DAY, HOUR } from '@/lib/domain/time';
import { createApiToken } from '@/lib/server/api-tokens';
import { createApiTokenInput } from '@/lib/validation/api-tokens';
import { expectRefusalDocumented, recorded } from '@/tests/openapi-refusals';
import { withTempDatabase } from '@/tests/temp-database';
import { POST as postLedgerEntries } from './ledger-entries/route';
import { POST as register } from './registrations/route';

withTempDatabase();

const cli = { kind: 'system', via: 'cli' } as const;
const tokens = { gd: '', bj: '' };
const ids = { gdCustomer: 0, gdPrepaid: 0, bjCustomer: 0 };
let keyCounter = 0;
const newKey = () => `ledger-api-key-${++keyCounter}`;
const noParams = { params: Promise.resolve({} as Record<string, never>) };

function post(path: string, init: { token: string; body?: unknown; raw?: string; key?: string }) {
  const headers = new Headers({ authorization: `Bearer ${init.token}`, 'content-type': 'application/json' });
  if (init.key) headers.set('idempotency-key', init.key);
  return new Request(`http://localhost${path}`, { method: 'POST', headers, body: init.raw ?? JSON.stringify(init.body) });
}
const send = (init: Parameters<typeof post>[1]) => recorded(postLedgerEntries)(post('/api/v1/ledger-entries', init), noParams);

async function expectProblem(response: Response, status: number, code: string) {
  expect(response.headers.get('content-type')).toBe('application/problem+json');
  const body = await response.json();
  expect(body).toMatchObject({ status, code });
  expect(response.status).toBe(status);
  expectRefusalDocumented(response, status, code);
  return body as { code: string; errors?: Record<string, string>; params?: Record<string, string | number> };
}

const balances = async (id: number) => (await getReader().select({ points: customers.pointsBalance, prepaidFen: customers.prepaidBalanceFen }).from(customers).where(eq(customers.id, id)))[0]!;
const ledgerRows = async () =>
  (await getReader().select({ n: sql<number>`count(*)` }).from(pointsLedger))[0]!.n + (await getReader().select({ n: sql<number>`count(*)` }).from(prepaidLedger))[0]!.n;

let refs = 0;
const entry = (over: Record<string, unknown> = {}) => ({
  externalRef: `JF2026120${++refs}`,
  kind: 'points_accrual',
  mobile: '18605000001',
  amount: 1200,
  occurredAt: new Date(Date.now() - HOUR).toISOString().replace('Z', '+00:00'),
  note: '11月消费积分',
  ...over,
});

beforeAll(async () => {
  const gd = await createApiToken(cli, createApiTokenInput.parse({ name: '广东计费系统', channel: 'online', scope: '440000' }));
  const bj = await createApiToken(cli, createApiTokenInput.parse({ name: '北京计费系统', channel: 'online', scope: '110000' }));
  Object.assign(tokens, { gd: gd.token, bj: bj.token });
  await withTransaction(async (tx) => {
    const rows = await tx
      .insert(customers)
      .values([
        { mobile: '18605000001', name: '陈嘉怡', segment: 'postpaid', provinceCode: '440000' },
        { mobile: '13005000002', name: '刘子轩', segment: 'prepaid', provinceCode: '440000' },
        { mobile: '15605000003', name: '王思琪', segment: 'postpaid', provinceCode: '110000' },
      ])
      .returning({ id: customers.id });
    [ids.gdCustomer, ids.gdPrepaid, ids.bjCustomer] = rows.map((r) => r.id) as [number, number, number];
  });
});

describe('POST /api/v1/ledger-entries', () => {
  it('applies a batch once: 201 with each entry, the same body for the same key, 200 already_applied for another key', async () => {
    const before = { points: await balances(ids.gdCustomer), prepaid: await balances(ids.gdPrepaid) };
    const batch = [entry(), entry({ kind: 'prepaid_topup', mobile: '13005000002', amount: 5000, note: undefined })];
    const key = newKey();
    const first = await send({ token: tokens.gd, key, body: { entries: batch } });
    expect(first.status).toBe(201);
    const body = await first.json();
    expect(body.entries).toEqual([
      { entryId: expect.any(Number), externalRef: batch[0]!.externalRef, kind: 'points_accrual', customerId: ids.gdCustomer, amount: 1200, occurredAt: new Date(Date.parse(batch[0]!.occurredAt)).toISOString(), note: '11月消费积分', recordedAt: expect.any(String), status: 'applied' },
      expect.objectContaining({ kind: 'prepaid_topup', customerId: ids.gdPrepaid, amount: 5000, note: null, status: 'applied' }),
    ]);
    const rows = await ledgerRows();

    const replay = await send({ token: tokens.gd, key, body: { entries: batch } });
    expect(replay.status).toBe(201);
    expect(await replay.json()).toEqual(body);
    const again = await send({ token: tokens.gd, key: newKey(), body: { entries: batch } });
    expect(again.status).toBe(200);
    expect((await again.json()).entries).toEqual(body.entries.map((e: object) => ({ ...e, status: 'already_applied' })));

    expect(await ledgerRows()).toBe(rows);
    expect(await balances(ids.gdCustomer)).toEqual({ ...before.points, points: before.points.points + 1200 });
    expect(await balances(ids.gdPrepaid)).toEqual({ ...before.prepaid, prepaidFen: before.prepaid.prepaidFen + 5000 });
  });

  it('answers 409 ledger_entry_conflict when a reference comes back with other content, writing nothing', async () => {
    const stored = entry();
    await send({ token: tokens.gd, key: newKey(), body: { entries: [stored] } });
    const rows = await ledgerRows();
    const problem = await expectProblem(await send({ token: tokens.gd, key: newKey(), body: { entries: [entry(), { ...stored, amount: 1300 }] } }), 409, 'ledger_entry_conflict');
    expect(problem.params).toEqual({ index: 1, externalRef: stored.externalRef });
    expect(await ledgerRows()).toBe(rows);
  });

  it('answers 409 balance_below_zero and keeps no answer under the key, so the retry after a top-up is served', async () => {
    const { prepaidFen } = await balances(ids.gdPrepaid);
    const key = newKey();
    const debit = { entries: [entry({ kind: 'prepaid_adjustment', mobile: '13005000002', amount: -(prepaidFen + 1000), note: '增值业务月费扣减' })] };
    const refused = await expectProblem(await send({ token: tokens.gd, key, body: debit }), 409, 'balance_below_zero');
    expect(refused.params).toMatchObject({ index: 0, balance: prepaidFen, amount: -(prepaidFen + 1000) });
    expect(await getReader().select().from(idempotencyKeys).where(eq(idempotencyKeys.key, key))).toEqual([]);
    await send({ token: tokens.gd, key: newKey(), body: { entries: [entry({ kind: 'prepaid_topup', mobile: '13005000002', amount: 1000 })] } });
    expect((await send({ token: tokens.gd, key, body: debit })).status).toBe(201);
    expect((await balances(ids.gdPrepaid)).prepaidFen).toBe(0);
  });

  it('keeps a province token to its customers and the segment policy to points', async () => {
    await expectProblem(await send({ token: tokens.gd, key: newKey(), body: { entries: [entry({ mobile: '15605000003' })] } }), 404, 'customer_not_found');
    expect((await send({ token: tokens.bj, key: newKey(), body: { entries: [entry({ mobile: '15605000003' })] } })).status).toBe(201);
    await expectProblem(await send({ token: tokens.gd, key: newKey(), body: { entries: [entry({ mobile: '13005000002' })] } }), 422, 'points_not_earned');
  });

  it('refuses invalid input per field and a missing key, writing nothing', async () => {
    const rows = await ledgerRows();
    const invalid = await expectProblem(
      await send({
        token: tokens.gd,
        key: newKey(),
        body: { entries: [entry({ externalRef: 'has space', kind: 'bonus', mobile: '123', amount: 1.5, occurredAt: '2026-12-01 10:00', note: 'a\u202Eb', extra: 1 })] },
      }),
      422,
      'invalid_input',
    );
    expect(invalid.errors).toMatchObject({
      'entries.0.externalRef': 'invalid_external_ref',
      'entries.0.kind': 'unknown_kind',
      'entries.0.mobile': 'invalid_mobile',
      'entries.0.amount': 'invalid_amount',
      'entries.0.occurredAt': 'invalid_occurred_at',
      'entries.0.extra': 'unknown_field',
    });
    const signs = await expectProblem(
      await send({ token: tokens.gd, key: newKey(), body: { entries: [entry({ amount: -5 }), entry({ occurredAt: new Date(Date.now() + DAY).toISOString() })] } }),
      422,
      'invalid_input',
    );
    expect(signs.errors).toEqual({ 'entries.0.amount': 'invalid_amount', 'entries.1.occurredAt': 'invalid_occurred_at' });
    expect((await expectProblem(await send({ token: tokens.gd, key: newKey(), body: { entries: [] } }), 422, 'invalid_input')).errors).toEqual({ entries: 'invalid_entries' });
    await expectProblem(await send({ token: tokens.gd, body: { entries: [entry()] } }), 422, 'idempotency_key_required');
    await expectProblem(await send({ token: tokens.gd, key: newKey(), raw: '{"entries": [' }), 400, 'invalid_json');
    expect(await ledgerRows()).toBe(rows);
  });
});

describe('idempotent replays (issue 26, item 7)', () => {
  it('serves a hall system that retries its key after registration opens, instead of replaying registration_not_open', async () => {
    const now = Date.now();
    const [event] = await withTransaction((tx) =>
      tx
        .insert(events)
        .values({
          clubCode: 'film',
          provinceCode: '440000',
          kind: 'film_premiere',
          titleZh: '新片抢先看',
          venue: '广州飞扬影城',
          startsAt: now + 10 * DAY,
          endsAt: now + 10 * DAY + 2 * HOUR,
          capacity: 10,
          regOpensAt: now + HOUR,
          regClosesAt: now + 9 * DAY,
          priceType: 'free',
          eligibleSegments: ['prepaid', 'postpaid', 'postpaid_vip'],
          status: 'published',
          publishedAt: now - DAY,
        })
        .returning({ id: events.id }),
    );
    await withTransaction((tx) => tx.insert(memberships).values({ customerId: ids.gdCustomer, clubCode: 'film', provinceCode: '440000', joinedAt: 0, joinChannel: 'hall' }));
    const key = newKey();
    const attempt = () => recorded(register)(post('/api/v1/registrations', { token: tokens.gd, key, body: { customerId: ids.gdCustomer, eventId: event!.id } }), noParams);
    await expectProblem(await attempt(), 422, 'registration_not_open');
    await expectProblem(await attempt(), 422, 'registration_not_open');

    await withTransaction((tx) => tx.update(events).set({ regOpensAt: now - 60_000 }).where(eq(events.id, event!.id)));
    const served = await attempt();
    expect(served.status).toBe(201);
    const body = await served.json();
    expect(body).toMatchObject({ status: 'confirmed' });
    // Once served, the answer is kept: a further retry replays it.
    const replayed = await attempt();
    expect(replayed.status).toBe(201);
    expect(await replayed.json()).toEqual(body);
  });
});
