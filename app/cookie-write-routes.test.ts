import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Every route handler outside the bearer-token API writes with the session cookie, so each of its
 * write methods must refuse other origins and other media types before it does anything. Found by
 * walking app/, so that a handler added later without the check fails here.
 */
const APP_DIR = path.join(process.cwd(), 'app');
const WRITE_METHODS = ['POST', 'PUT', 'PATCH', 'DELETE'] as const;

function routeFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return full === path.join(APP_DIR, 'api') ? [] : routeFiles(full);
    return entry.name === 'route.ts' ? [full] : [];
  });
}

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

async function writeHandlers() {
  const found: { name: string; handler: Handler }[] = [];
  for (const file of routeFiles(APP_DIR)) {
    const mod = (await import(file)) as Partial<Record<(typeof WRITE_METHODS)[number], Handler>>;
    for (const method of WRITE_METHODS) {
      const handler = mod[method];
      if (handler) found.push({ name: `${method} ${path.relative(APP_DIR, path.dirname(file))}`, handler });
    }
  }
  return found;
}

// Any segment value does: the refusal comes before the path is read.
const context = { params: Promise.resolve(new Proxy({}, { get: () => '1' }) as Record<string, string>) };

function send(headers: Record<string, string>, body: string) {
  return new Request('http://localhost:3000/ops/checkin/1/scans', { method: 'POST', headers: { host: 'localhost:3000', ...headers }, body });
}

async function expectProblem(response: Response, status: number, code: string) {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toBe('application/problem+json');
  expect(await response.json()).toMatchObject({ status, code });
}

describe('cookie-authenticated route handlers that write', () => {
  it('include the door’s scans and undo', async () => {
    const names = (await writeHandlers()).map((h) => h.name);
    expect(names).toEqual(expect.arrayContaining(['POST ops/checkin/[eventId]/scans', 'POST ops/checkin/[eventId]/undo']));
  });

  it('refuse a text/plain body from another origin with 403', async () => {
    for (const { name, handler } of await writeHandlers()) {
      const response = await handler(send({ origin: 'https://evil.example', 'content-type': 'text/plain' }, '{"scans":[]}'), context);
      await expectProblem(response, 403, 'cross_origin_request').catch((error: unknown) => {
        throw new Error(`${name}: ${String(error)}`);
      });
    }
  });

  it('refuse a body that is not JSON from the app’s own origin with 415', async () => {
    for (const { name, handler } of await writeHandlers()) {
      const response = await handler(send({ origin: 'http://localhost:3000', 'content-type': 'text/plain' }, '{"registrationId":1}'), context);
      await expectProblem(response, 415, 'json_required').catch((error: unknown) => {
        throw new Error(`${name}: ${String(error)}`);
      });
    }
  });
});
