import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { readJson, problemFrom } from '@/lib/server/http';
import { createAccessLogger, createLogger } from '@/lib/server/log';
import { PRIMARY_COOKIE } from '@/lib/server/read-after-write';
import { currentRequestContext, recordActor } from '@/lib/server/request-context';
import { parseTrustedProxies, type TrustedProxies } from './client-address';
import { createRequestListener } from './request-listener';

/*
 * The HTTP server in front of Next, on a real socket, with a stand-in for Next that answers what
 * it was handed: the headers after the edge rewrote them, and the body it could read.
 */

type Seen = { headers: Record<string, string | string[] | undefined>; body: string };
const lines: Record<string, unknown>[] = [];
const destination = { write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>) };
const log = createLogger(destination);
const accessLog = createAccessLogger(destination);
let nextCalls = 0;

async function fakeNext(req: IncomingMessage, res: ServerResponse): Promise<void> {
  nextCalls += 1;
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (url.pathname === '/api/v1/fail') throw new Error('boom 18612345678');
  if (url.pathname === '/api/v1/reads') {
    // A handler that sets a cookie of its own, as Next does on a sign-in.
    res.setHeader('set-cookie', 'session=abc; Path=/');
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ readAfterWrite: currentRequestContext()?.readAfterWrite ?? null }));
    return;
  }
  if (url.pathname === '/api/v1/json') {
    // The channel API's body reader, on the request as Next would hand it to a route handler.
    const headers = Object.entries(req.headers).filter((e): e is [string, string] => typeof e[1] === 'string');
    const request = new Request(url, { method: req.method, headers, body: Readable.toWeb(req) as ReadableStream, duplex: 'half' } as RequestInit);
    let answer: Response;
    try {
      answer = Response.json(await readJson(request, z.unknown()));
    } catch (error) {
      answer = problemFrom(error);
    }
    res.writeHead(answer.status, Object.fromEntries(answer.headers));
    res.end(Buffer.from(await answer.arrayBuffer()));
    return;
  }
  recordActor({ kind: 'staff', role: 'operator', staffId: 3, provinceCode: '440000', clubCodes: null, name: 'x' });
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) chunks.push(chunk);
  const seen: Seen = { headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify(seen));
}

let trusted: TrustedProxies = parseTrustedProxies('');
let replica = false;
let port = 0;
const server = http.createServer();

beforeAll(async () => {
  server.on('request', (req: IncomingMessage, res: ServerResponse) => createRequestListener({ trustedProxies: trusted, publicHttps: false, log, accessLog, replica, next: fakeNext })(req, res));
  server.on('checkContinue', (req: IncomingMessage, res: ServerResponse) =>
    createRequestListener({ trustedProxies: trusted, publicHttps: false, log, accessLog, next: fakeNext })(req, res, true),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  trusted = parseTrustedProxies('');
  replica = false;
  lines.length = 0;
  nextCalls = 0;
});

type Answer = { status: number; headers: http.IncomingHttpHeaders; body: string; continued: boolean; clientError?: string };

/** One request on its own connection; `body` may be a stream, `localAddress` picks the client's loopback address. */
function send(path: string, init: { method?: string; headers?: Record<string, string | number>; body?: string | Buffer | Readable; localAddress?: string } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    let continued = false;
    let clientError: string | undefined;
    // The path as written: a URL would resolve its dot segments and backslashes first.
    const request = http.request({ host: '127.0.0.1', port, path, method: init.method ?? 'GET', headers: init.headers, localAddress: init.localAddress, agent: false });
    request.on('continue', () => {
      continued = true;
    });
    request.on('response', (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const done = () => resolve({ status: response.statusCode!, headers: response.headers, body: Buffer.concat(chunks).toString('utf8'), continued, clientError });
        // A connection the server closes: whether the client could send the rest first, or met a reset.
        const socket = request.socket;
        if (response.headers.connection !== 'close' || !socket || socket.destroyed) done();
        else socket.once('close', () => setImmediate(done));
      });
    });
    // A refused upload is cut off: the answer that came first is what counts.
    request.on('error', (error) => {
      clientError = (error as NodeJS.ErrnoException).code ?? error.message;
      setTimeout(() => reject(error), 200);
    });
    if (init.body instanceof Readable) init.body.pipe(request);
    else request.end(init.body);
  });
}

/** A body of `count` megabytes of spaces, made as it is read; `offered` says how much was. */
function megabytes(count: number): Readable & { offered: number } {
  const chunk = Buffer.alloc(1024 * 1024, ' ');
  const body = new Readable({
    read() {
      if (body.offered >= count * chunk.length) this.push(null);
      else {
        body.offered += chunk.length;
        this.push(chunk);
      }
    },
  }) as Readable & { offered: number };
  body.offered = 0;
  return body;
}

const seenBy = (answer: Answer) => JSON.parse(answer.body) as Seen;
const accessLine = () => lines.find((line) => line.msg === 'request');

describe('the client address', () => {
  it('is the socket address, whatever X-Forwarded-For a client writes', async () => {
    const seen = new Set<string | string[] | undefined>();
    for (let i = 1; i <= 30; i += 1) {
      const answer = await send('/signin', { headers: { 'x-forwarded-for': `203.0.113.${i}`, 'x-forwarded-proto': 'https', 'x-forwarded-host': 'evil.example' }, localAddress: '127.0.0.9' });
      const { headers } = seenBy(answer);
      seen.add(headers['x-forwarded-for']);
      expect(headers['x-forwarded-proto']).toBeUndefined();
      expect(headers['x-forwarded-host']).toBeUndefined();
      expect(answer.headers['strict-transport-security']).toBeUndefined();
    }
    expect([...seen]).toEqual(['127.0.0.9']);
  });

  it('is what a trusted proxy reports (the nearest untrusted hop), with its other forwarded headers', async () => {
    trusted = parseTrustedProxies('127.0.0.1');
    const answer = await send('/signin', { headers: { 'x-forwarded-for': '6.6.6.6, 198.51.100.4', 'x-forwarded-proto': 'https', 'x-forwarded-host': 'clubs.example' } });
    const { headers } = seenBy(answer);
    expect(headers['x-forwarded-for']).toBe('198.51.100.4');
    expect(headers['x-forwarded-proto']).toBe('https');
    expect(headers['x-forwarded-host']).toBe('clubs.example');
    expect(answer.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    expect(answer.headers['content-security-policy']).toContain('upgrade-insecure-requests');
    expect(accessLine()).toMatchObject({ ip: '198.51.100.4' });
  });

  it('ignores a proxy the deployment does not trust', async () => {
    trusted = parseTrustedProxies('10.0.0.0/8');
    const { headers } = seenBy(await send('/signin', { headers: { 'x-forwarded-for': '198.51.100.4' } }));
    expect(headers['x-forwarded-for']).toBe('127.0.0.1');
  });
});

describe('the request id', () => {
  it('is made here, answered, and handed to Next', async () => {
    const first = await send('/signin', { headers: { 'x-request-id': 'chosen-by-client' } });
    const second = await send('/signin');
    const id = first.headers['x-request-id'];
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(second.headers['x-request-id']).not.toBe(id);
    expect(seenBy(first).headers['x-request-id']).toBe(id);
  });

  it('comes from a trusted proxy when it sends a well-formed one', async () => {
    trusted = parseTrustedProxies('127.0.0.1');
    expect((await send('/signin', { headers: { 'x-request-id': 'lb-4711.a' } })).headers['x-request-id']).toBe('lb-4711.a');
    expect((await send('/signin', { headers: { 'x-request-id': 'bad id\u00e9' } })).headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('security headers', () => {
  it('give every page a policy with a nonce of its own, the one Next is handed', async () => {
    const answers = [await send('/events', { headers: { 'content-security-policy': "script-src 'nonce-chosen'" } }), await send('/events')];
    const nonces = answers.map((answer) => {
      const policy = String(answer.headers['content-security-policy']);
      expect(seenBy(answer).headers['content-security-policy']).toBe(policy);
      expect(policy).toContain("frame-ancestors 'none'");
      expect(policy).toContain("object-src 'none'");
      expect(policy).not.toContain('upgrade-insecure-requests');
      return /'nonce-([A-Za-z0-9+/=]+)'/.exec(policy)?.[1];
    });
    expect(nonces[0]).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(nonces[0]).not.toBe(nonces[1]);
    expect(nonces[0]).not.toBe('chosen');
  });

  it('are set on every kind of answer', async () => {
    for (const path of ['/events', '/api/v1/events', '/_next/static/chunks/a.js']) {
      const { headers } = await send(path);
      expect(headers).toMatchObject({
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'DENY',
        'referrer-policy': 'same-origin',
        'permissions-policy': expect.stringContaining('camera=(self)'),
      });
    }
    expect((await send('/api/v1/events')).headers).toMatchObject({ 'content-security-policy': "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'", 'cache-control': 'no-store' });
    expect((await send('/events')).headers['cache-control']).toBe('no-store');
    const cover = await send(`/images/${'a'.repeat(64)}`);
    expect(cover.headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
    expect(cover.headers['cache-control']).toBeUndefined();
    const asset = await send('/_next/static/chunks/a.js');
    expect(asset.headers['content-security-policy']).toBeUndefined();
    expect(asset.headers['cache-control']).toBeUndefined();
  });
});

describe('body limits', () => {
  it('refuse a declared body over the limit before reading it, and close the connection', async () => {
    const body = megabytes(300);
    const answer = await send('/api/v1/registrations', { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': 300 * 1024 * 1024 }, body });
    expect(answer.status).toBe(413);
    // What the client pushed into socket buffers, and the few megabytes read and dropped after the answer.
    expect(body.offered).toBeLessThan(32 * 1024 * 1024);
    expect(answer.headers['content-type']).toBe('application/problem+json');
    expect(answer.headers.connection).toBe('close');
    expect(JSON.parse(answer.body)).toMatchObject({ status: 413, code: 'payload_too_large' });
    expect(nextCalls).toBe(0);
  });

  it('are answered even to a client that sends the whole refused body without waiting', async () => {
    const body = Buffer.alloc(4 * 1024 * 1024, 'a');
    for (let i = 0; i < 5; i += 1) {
      // The connection is not reset under the client while it still sends: it may send all of it.
      expect(await send('/api/v1/registrations', { method: 'POST', body })).toMatchObject({ status: 413, clientError: undefined });
      expect(await send('/ops/events', { method: 'POST', headers: { 'transfer-encoding': 'chunked' }, body: Readable.from([body]) })).toMatchObject({ status: 411, clientError: undefined });
    }
  });

  it('take larger bodies where the path needs them', async () => {
    const body = Buffer.alloc(200 * 1024, 'a');
    expect((await send('/api/v1/registrations', { method: 'POST', body })).status).toBe(413);
    expect((await send('/ops/checkin/7/scans', { method: 'POST', body })).status).toBe(200);
    expect((await send('/ops/events', { method: 'POST', body: Buffer.alloc(1024 * 1024 + 1) })).status).toBe(413);
    expect((await send('/ops/import', { method: 'POST', body: Buffer.alloc(1024 * 1024 + 1) })).status).toBe(200);
  });

  it('say so before a client that waits for 100 Continue sends anything', async () => {
    const refused = await send('/api/v1/registrations', { method: 'POST', headers: { expect: '100-continue', 'content-length': 100_000 }, body: Buffer.alloc(100_000) });
    expect(refused.status).toBe(413);
    expect(refused.continued).toBe(false);
    const taken = await send('/api/v1/json', { method: 'POST', headers: { expect: '100-continue', 'content-type': 'application/json' }, body: '{"a":1}' });
    expect(taken.status).toBe(200);
    expect(taken.continued).toBe(true);
  });

  it('refuse a body without a length where nothing counts it (411)', async () => {
    const answer = await send('/ops/events', { method: 'POST', headers: { 'transfer-encoding': 'chunked' }, body: Readable.from([Buffer.from('a=1')]) });
    expect(answer.status).toBe(411);
    expect(JSON.parse(answer.body)).toMatchObject({ code: 'length_required' });
    expect(nextCalls).toBe(0);
  });

  it('count an API body without a length as it arrives, and stop at the limit: 300 MB are never read', async () => {
    const endless = megabytes(300);
    const rssBefore = process.memoryUsage().rss;
    const answer = await send('/api/v1/json', { method: 'POST', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' }, body: endless });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toMatchObject({ code: 'payload_too_large', params: { limit: 64 * 1024 } });
    expect(answer.headers.connection).toBe('close');
    // What the client could push into the socket buffers before the server stopped reading.
    expect(endless.offered).toBeLessThan(32 * 1024 * 1024);
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(64 * 1024 * 1024);
  });

  it('pass an API body without a length that fits', async () => {
    const answer = await send('/api/v1/json', { method: 'POST', headers: { 'transfer-encoding': 'chunked' }, body: Readable.from([Buffer.from('{"a":'), Buffer.from('[1,2]}')]) });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({ a: [1, 2] });
  });
});

describe('framework-level refusals', () => {
  it('answer a method nobody serves with 405 and Allow', async () => {
    for (const path of ['/api/v1/events', '/events']) {
      const answer = await send(path, { method: 'TRACE' });
      expect(answer.status).toBe(405);
      expect(answer.headers.allow).toBe('GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE');
      expect(JSON.parse(answer.body)).toMatchObject({ code: 'method_not_allowed' });
    }
    expect(nextCalls).toBe(0);
  });

  it.each(['/api/v1/%2e%2e/%2e%2e/etc/passwd', '/api/v1/events/%2E%2E', '/api/v1/events/..', '/api/v1/./events', '/api/v1/customers%2f1', '/api/v1/customers%5c1', '/api/v1/a\\b'])(
    'answer the API path %s with 404 problem+json',
    async (path) => {
      const answer = await send(path);
      expect(answer.status).toBe(404);
      expect(answer.headers['content-type']).toBe('application/problem+json');
      expect(nextCalls).toBe(0);
    },
  );

  it('answer an API path that does not decode with 400', async () => {
    const answer = await send('/api/v1/events%E0%A4%A');
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body)).toMatchObject({ code: 'invalid_path' });
  });
});

describe('server action bodies', () => {
  const action = { 'next-action': '7f00000000000000000000000000000000000000aa' };

  it('refuse a body that does not decode with 400 before Next sees it', async () => {
    const cases: [Record<string, string>, string][] = [
      [{ ...action, 'content-type': 'text/plain;charset=UTF-8' }, 'garbage{'],
      [{ ...action, 'content-type': 'multipart/form-data; boundary=xx' }, 'garbage'],
      [{ ...action, 'content-type': 'multipart/form-data' }, 'garbage'],
      [{ 'content-type': 'multipart/form-data; boundary=xx' }, '--xx\r\nContent-Disposition: form-data; name="a"\r\n\r\n1'],
      [{ ...action, 'content-type': 'text/plain;charset=UTF-8' }, 'null'],
      [{ ...action, 'content-type': 'text/plain;charset=UTF-8' }, '["$Q1"]'],
    ];
    for (const [headers, body] of cases) {
      const answer = await send('/activate', { method: 'POST', headers, body });
      expect(answer.status, body).toBe(400);
      expect(answer.headers['content-type']).toBe('application/problem+json');
    }
    expect(nextCalls).toBe(0);
  });

  it('refuse an action id that cannot be one with 400', async () => {
    const answer = await send('/activate', { method: 'POST', headers: { 'next-action': 'not-an-action', 'content-type': 'text/plain;charset=UTF-8' }, body: '[]' });
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body)).toMatchObject({ code: 'invalid_action' });
    expect(nextCalls).toBe(0);
  });

  it('hand Next a body that decodes, byte for byte', async () => {
    // As React encodes a form action's arguments: row 0 holds them, the form's entries follow.
    const form = new FormData();
    form.append('0', '[{"status":"idle"},"$K1"]');
    form.append('1_mobile', '18612345678');
    form.append('1_file', new Blob(['手机号码,姓名\n']), 'a.csv');
    const encoded = new Response(form);
    const body = Buffer.from(await encoded.arrayBuffer());
    const multipart = await send('/ops/import', { method: 'POST', headers: { ...action, 'content-type': encoded.headers.get('content-type')! }, body });
    expect(multipart.status).toBe(200);
    expect(seenBy(multipart).body).toBe(body.toString('utf8'));
    const json = await send('/activate', { method: 'POST', headers: { ...action, 'content-type': 'text/plain;charset=UTF-8' }, body: '["$K1",{"a":"甲"}]' });
    expect(seenBy(json).body).toBe('["$K1",{"a":"甲"}]');
  });
});

describe('reads after writes, with a read replica', () => {
  const reads = async (method: string, cookie?: string) => {
    const answer = await send('/api/v1/reads', { method, headers: cookie ? { cookie } : {} });
    const cookies = [answer.headers['set-cookie'] ?? []].flat();
    return { primary: (JSON.parse(answer.body) as { readAfterWrite: boolean | null }).readAfterWrite, cookies };
  };

  it('send a write to the primary and keep the same browser there for a while after it', async () => {
    replica = true;
    const write = await reads('POST');
    expect(write.primary).toBe(true);
    // The handler's own cookie is kept beside the one added here.
    expect(write.cookies).toContain('session=abc; Path=/');
    const mark = write.cookies.find((c) => c.startsWith(`${PRIMARY_COOKIE}=`))!;
    expect(mark).toMatch(/Max-Age=10; HttpOnly; SameSite=Lax$/);
    const until = Number(/=(\d+);/.exec(mark)![1]);
    expect(until).toBeGreaterThan(Date.now() + 9_000);
    expect((await reads('GET', `theme=dark; ${PRIMARY_COOKIE}=${until}`)).primary).toBe(true);
    // Without the mark, or once it has passed, or with one further ahead than a write could set: the replica.
    expect((await reads('GET')).primary).toBe(false);
    expect((await reads('GET', `${PRIMARY_COOKIE}=${Date.now() - 1}`)).primary).toBe(false);
    expect((await reads('GET', `${PRIMARY_COOKIE}=${Date.now() + 3_600_000}`)).primary).toBe(false);
    expect((await reads('GET', `x${PRIMARY_COOKIE}=${until}`)).primary).toBe(false);
    expect((await reads('GET')).cookies).toEqual(['session=abc; Path=/']);
  });

  it('change nothing without a replica', async () => {
    const write = await reads('POST');
    expect(write).toEqual({ primary: false, cookies: ['session=abc; Path=/'] });
  });
});

describe('the access log', () => {
  it('writes one line per answer: request id, method, path without query, status, duration, actor, address', async () => {
    const answer = await send('/ops/customers/18612345678?mobile=18612345678', { localAddress: '127.0.0.5' });
    expect(lines.filter((line) => line.msg === 'request')).toHaveLength(1);
    const line = accessLine()!;
    expect(line).toMatchObject({
      level: 'info',
      reqId: answer.headers['x-request-id'],
      method: 'GET',
      route: '/ops/customers/186****5678',
      status: 200,
      actor: 'staff:3',
      ip: '127.0.0.5',
    });
    expect(typeof line.ms).toBe('number');
    expect(new Date(line.time as string).getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect(JSON.stringify(lines)).not.toContain('18612345678');
  });

  it('logs a failure at error level, with the number in its message masked, and answers 500', async () => {
    const answer = await send('/api/v1/fail');
    expect(answer.status).toBe(500);
    expect(JSON.parse(answer.body)).toMatchObject({ code: 'internal_error' });
    expect(accessLine()).toMatchObject({ level: 'error', status: 500 });
    expect(lines.find((line) => line.msg === 'request failed')).toMatchObject({ level: 'error', err: { message: 'boom 186****5678' } });
    expect(JSON.stringify(lines)).not.toContain('18612345678');
  });

  it('logs refusals made before Next too', async () => {
    await send('/api/v1/events', { method: 'TRACE' });
    expect(accessLine()).toMatchObject({ method: 'TRACE', status: 405 });
    expect(accessLine()!.actor).toBeUndefined();
  });
});
