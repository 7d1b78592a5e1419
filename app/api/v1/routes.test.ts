import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { withTransaction } from '@/db/client';
import { createApiToken } from '@/lib/server/api-tokens';
import { ROUTE_METHODS } from '@/lib/server/http';
import { runWithRequestContext, type RequestContext } from '@/lib/server/request-context';
import { createApiTokenInput } from '@/lib/validation/api-tokens';
import { withTempDatabase } from '@/tests/temp-database';
import { GET as listEvents } from './events/route';

withTempDatabase();

/*
 * Every route of the channel API answers every method: its own, 405 problem+json with `Allow`
 * for the others, OPTIONS with the same `Allow`. A route file that forgets the others fails here.
 */

const root = path.join(import.meta.dirname);
const routeFiles = fs
  .readdirSync(root, { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('route.ts') && !file.includes('[[...path]]'))
  .sort();

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response> | Response;
const context = { params: Promise.resolve({}) };

describe('routes of the channel API', () => {
  it('are found', () => {
    expect(routeFiles.length).toBeGreaterThanOrEqual(10);
  });

  it.each(routeFiles)('%s answers every method', async (file) => {
    const source = fs.readFileSync(path.join(root, file), 'utf8');
    const own = ROUTE_METHODS.filter((method) => new RegExp(`^export (const|function|async function) ${method}\\b`, 'm').test(source));
    expect(own.length).toBeGreaterThan(0);
    const allow = [...own, ...(own.includes('GET') ? ['HEAD'] : []), 'OPTIONS'].join(', ');
    const mod = (await import(`./${file.replace(/\.ts$/, '')}`)) as Record<string, Handler | undefined>;
    for (const method of ROUTE_METHODS) {
      expect(typeof mod[method], `${file} exports ${method}`).toBe('function');
      if (own.includes(method)) continue;
      const answer = await mod[method]!(new Request('http://localhost/api/v1/x', { method }), context);
      expect(answer.status).toBe(405);
      expect(answer.headers.get('allow')).toBe(allow);
      expect(answer.headers.get('content-type')).toBe('application/problem+json');
      expect(await answer.json()).toMatchObject({ status: 405, code: 'method_not_allowed' });
    }
    const options = await mod.OPTIONS!(new Request('http://localhost/api/v1/x', { method: 'OPTIONS' }), context);
    expect(options.status).toBe(204);
    expect(options.headers.get('allow')).toBe(allow);
  });
});

describe('a path no route serves', () => {
  it('answers 404 problem+json to every method', async () => {
    const mod = (await import('./[[...path]]/route')) as Record<string, Handler | undefined>;
    for (const method of [...ROUTE_METHODS, 'OPTIONS']) {
      const answer = await mod[method]!(new Request('http://localhost/api/v1/nothing', { method }), context);
      expect(answer.status).toBe(404);
      expect(answer.headers.get('content-type')).toBe('application/problem+json');
      expect(await answer.json()).toMatchObject({ code: 'not_found' });
    }
  });
});

describe('the actor of an API request', () => {
  it("is the token, noted on the request's context for its access log line", async () => {
    const { id, token } = await createApiToken({ kind: 'system', via: 'cli' }, createApiTokenInput.parse({ name: 'log test', channel: 'hotline', scope: '440000' }));
    const context: RequestContext = { requestId: 'r' };
    const answer = await runWithRequestContext(context, () =>
      listEvents(new Request('http://localhost/api/v1/events', { headers: { authorization: `Bearer ${token}` } }), { params: Promise.resolve({}) }),
    );
    expect(answer.status).toBe(200);
    expect(context.actor).toBe(`token:${id}`);
    const refused: RequestContext = { requestId: 's' };
    await runWithRequestContext(refused, () => listEvents(new Request('http://localhost/api/v1/events', { headers: { authorization: 'Bearer nope' } }), { params: Promise.resolve({}) }));
    expect(refused.actor).toBeUndefined();
    // The token's use is written after the answer; transactions run in turn, so this one ends after it.
    await withTransaction(async () => undefined);
  });
});
