import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { withTransaction } from '@/db/client';
import { charges, customers } from '@/db/schema';
import { HOUR } from '@/lib/domain/time';
import { createApiToken } from '@/lib/server/api-tokens';
import { createApiTokenInput } from '@/lib/validation/api-tokens';
import { HOSTILE_SEED, hostileString } from '@/tests/hostile-input';
import { withTempDatabase } from '@/tests/temp-database';
import { GET as listCharges, POST as postCharges } from './billing/charges/route';
import { GET as openApi } from './openapi.json/route';

withTempDatabase();

const cli = { kind: 'system', via: 'cli' } as const;
const tokens = { gd: '', hq: '' };
const customerIds = { gd: 0, bj: 0 };

type Line = { id: number; kind: string; reversesId: number | null; mobile: string; provinceCode: string; amountFen: number; cycle: string; createdAt: string };
type Page = { charges: Line[]; nextCursor: string; more: boolean };

const call = (query: string, token?: string) =>
  listCharges(new Request(`http://localhost/api/v1/billing/charges${query}`, { headers: token ? { authorization: `Bearer ${token}` } : {} }), { params: Promise.resolve({} as Record<string, never>) });

async function expectProblem(response: Response, status: number, code: string) {
  expect(response.headers.get('content-type')).toBe('application/problem+json');
  expect(response.status).toBe(status);
  const body = (await response.json()) as { code: string; errors?: Record<string, string> };
  expect(body.code).toBe(code);
  return body;
}

/** Lines written an hour ago: settled, so served at once. */
async function addCharges(customerId: number, amounts: number[], reverses: number | null = null): Promise<number[]> {
  return withTransaction(async (tx) => {
    const ids: number[] = [];
    for (const amountFen of amounts) {
      const [row] = await tx
        .insert(charges)
        .values({ customerId, amountFen, reversesChargeId: reverses, description: amountFen > 0 ? '活动报名费' : '活动报名费退还', createdAt: Date.now() - HOUR })
        .returning({ id: charges.id });
      ids.push(row!.id);
    }
    return ids;
  });
}

beforeAll(async () => {
  const gd = await createApiToken(cli, createApiTokenInput.parse({ name: '广东计费拉取', channel: 'hall', scope: '440000' }));
  const hq = await createApiToken(cli, createApiTokenInput.parse({ name: '总部计费拉取', channel: 'online', scope: 'HQ' }));
  Object.assign(tokens, { gd: gd.token, hq: hq.token });
  await withTransaction(async (tx) => {
    const [a] = await tx.insert(customers).values({ mobile: '18600000001', name: '陈静', segment: 'postpaid', provinceCode: '440000' }).returning({ id: customers.id });
    const [b] = await tx.insert(customers).values({ mobile: '13900000003', name: '刘洋', segment: 'postpaid', provinceCode: '110000' }).returning({ id: customers.id });
    Object.assign(customerIds, { gd: a!.id, bj: b!.id });
  });
});

describe('GET /api/v1/billing/charges', () => {
  it('pages through the token’s province in id order, each line once, while new lines arrive between pages', async () => {
    const [first] = await addCharges(customerIds.gd, [5000, 3000, 1200]);
    await addCharges(customerIds.bj, [800]);
    const pulled: Line[] = [];
    let cursor = '';
    let page: Page;
    let round = 0;
    do {
      const response = await call(`?limit=2${cursor ? `&cursor=${cursor}` : ''}`, tokens.gd);
      expect(response.status).toBe(200);
      page = (await response.json()) as Page;
      pulled.push(...page.charges);
      cursor = page.nextCursor;
      if (round++ === 0) {
        await addCharges(customerIds.gd, [-5000], first!);
        await addCharges(customerIds.bj, [600]);
        await addCharges(customerIds.gd, [990]);
      }
    } while (page.more || page.charges.length > 0);
    expect(pulled.map((l) => [l.amountFen, l.kind])).toEqual([
      [5000, 'charge'],
      [3000, 'charge'],
      [1200, 'charge'],
      [-5000, 'reversal'],
      [990, 'charge'],
    ]);
    expect(pulled.every((l) => l.provinceCode === '440000' && l.mobile === '18600000001' && /^\d{4}-\d{2}$/.test(l.cycle))).toBe(true);
    expect(pulled[3]!.reversesId).toBe(first);
    expect(pulled.map((l) => l.id)).toEqual([...pulled.map((l) => l.id)].sort((a, b) => a - b));
    // Asking again from any cursor gives the same lines.
    const again = (await (await call(`?limit=1000`, tokens.gd)).json()) as Page;
    expect(again.charges).toEqual(pulled);
    expect(again.more).toBe(false);
    const hq = (await (await call(`?limit=1000`, tokens.hq)).json()) as Page;
    expect(hq.charges.map((l) => l.provinceCode).filter((p) => p === '110000')).toHaveLength(2);
    expect(hq.charges).toHaveLength(7);
  });

  it('refuses a missing token, a forged cursor, a page too large, and other methods', async () => {
    await expectProblem(await call(''), 401, 'unauthenticated');
    const forged = await expectProblem(await call('?cursor=not-ours', tokens.gd), 422, 'invalid_cursor');
    expect(forged.errors).toEqual({ cursor: 'invalid_cursor' });
    const tooMany = await expectProblem(await call('?limit=1001', tokens.gd), 422, 'invalid_input');
    expect(tooMany.errors).toEqual({ limit: 'invalid_limit' });
    const post = await postCharges();
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toContain('GET');
  });

  it('answers any cursor or page size with a page or a 422, never a server error', async () => {
    await fc.assert(
      fc.asyncProperty(hostileString, fc.oneof(hostileString, fc.integer().map(String)), async (cursor, limit) => {
        const response = await call(`?${new URLSearchParams({ cursor, limit })}`, tokens.gd);
        expect([200, 422], `${cursor} ${limit}`).toContain(response.status);
        if (response.status === 422) expect(response.headers.get('content-type')).toBe('application/problem+json');
      }),
      { seed: HOSTILE_SEED, numRuns: 150 },
    );
  });

  it('is in the OpenAPI document with its examples and its 4XX answers', async () => {
    const document = (await openApi().json()) as {
      paths: Record<string, { get: { operationId: string; tags: string[]; responses: Record<string, { description: string; content?: Record<string, { example?: unknown; examples?: Record<string, unknown> }> }> } }>;
    };
    const operation = document.paths['/api/v1/billing/charges']!.get;
    expect(operation.operationId).toBe('listBillingCharges');
    expect(operation.tags).toEqual(['billing']);
    expect(Object.keys(operation.responses).sort()).toEqual(['200', '400', '401', '413', '422', '500']);
    expect(Object.keys(operation.responses['422']!.content!['application/problem+json']!.examples!)).toEqual(['invalid_input', 'invalid_cursor']);
    expect(operation.responses['200']!.content!['application/json']!.example).toMatchObject({ nextCursor: 'YzEuMTMx' });
  });
});
