import { randomUUID } from 'node:crypto';
import { IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import type { Logger } from 'pino';
import { maskMobilesIn } from '@/lib/server/log';
import { PROBLEM_CONTENT_TYPE, problemDocument } from '@/lib/server/problem-document';
import { primaryCookie, readsAfterWrite, writesMaybe } from '@/lib/server/read-after-write';
import { runWithRequestContext, type RequestContext } from '@/lib/server/request-context';
import { bodyLimitFor, readsUnsizedBodies } from './body-limits';
import { resolveClientAddress, type TrustedProxies } from './client-address';
import { isServerActionPost, isWellFormedActionId, serverActionBodyProblem } from './form-body';
import {
  answerKindOf,
  API_CONTENT_SECURITY_POLICY,
  COMMON_SECURITY_HEADERS,
  createNonce,
  pageContentSecurityPolicy,
  STRICT_TRANSPORT_SECURITY,
} from './security-headers';

export interface EdgeOptions {
  trustedProxies: TrustedProxies;
  /** The app's public URL (NEXTAUTH_URL) is https: browsers reach it over TLS, whatever the last hop. */
  publicHttps: boolean;
  log: Logger;
  /** The access log (createAccessLogger): one line per answer. */
  accessLog: Logger;
  /** A read replica is configured (DATABASE_REPLICA_URL): requests after a write read the primary (read-after-write.ts). */
  replica?: boolean;
  /** Next's request handler. */
  next: (req: IncomingMessage, res: ServerResponse) => Promise<void>;
}

/** The methods Next serves; any other is refused here (Next would answer it with a 500). */
const METHODS = ['GET', 'HEAD', 'OPTIONS', 'POST', 'PUT', 'PATCH', 'DELETE'];
const KNOWN_METHODS = new Set(METHODS);
const REQUEST_ID = /^[\w.:-]{1,128}$/;
/** Forwarded headers other than X-Forwarded-For, believed only from a trusted proxy. */
const FORWARDED = ['x-forwarded-proto', 'x-forwarded-host', 'x-forwarded-port', 'forwarded', 'x-real-ip'];
/** A dot segment or an encoded slash or backslash: a path that means something else once decoded. */
const AMBIGUOUS_PATH = /(?:^|\/)(?:\.|%2e){1,2}(?:\/|$)|%2f|%5c|\\/i;

/** How long, and how much more, a connection whose body was refused unread still takes (and drops) of what the client sends. */
const LINGER_MS = 1000;
const LINGER_BYTES = 8 * 1024 * 1024;

/**
 * Ends a connection whose request body is refused unread without resetting it at once: a socket
 * closed while data still arrives makes the kernel send a reset, which can destroy the answer
 * before the client has read it. The answer goes out, this side of the connection closes, and
 * what the client still sends is read and dropped, for a second or 8 MB at most.
 */
function lingerOnClose(socket: Socket): void {
  socket.destroySoon = function (this: Socket) {
    this.end();
    // The HTTP parser reads the socket directly (no 'data' events): its byte count is watched.
    const until = this.bytesRead + LINGER_BYTES;
    const deadline = Date.now() + LINGER_MS;
    const watch = setInterval(() => {
      if (this.bytesRead > until || Date.now() >= deadline) this.destroy();
    }, 20);
    watch.unref();
    this.once('close', () => clearInterval(watch));
  };
}

function sendProblem(res: ServerResponse, status: number, code: string, detail: string, headers: Record<string, string> = {}): void {
  const body = JSON.stringify(problemDocument(status, code, { detail }));
  res.writeHead(status, { ...headers, 'content-type': PROBLEM_CONTENT_TYPE, 'content-length': String(Buffer.byteLength(body)), 'cache-control': 'no-store' });
  res.end(body);
}

/**
 * Adds a cookie to the answer when its headers are written, beside those Next sets (Node writes
 * the headers through writeHead, also when a handler only sets statusCode and writes the body).
 */
function addCookieToAnswer(res: ServerResponse, cookie: string): void {
  const writeHead = res.writeHead;
  res.writeHead = function (this: ServerResponse, ...args: Parameters<ServerResponse['writeHead']>) {
    const given = args.find((a, i) => i > 0 && typeof a === 'object' && a !== null && !Array.isArray(a)) as Record<string, string | string[] | number> | undefined;
    const holder = given && Object.keys(given).some((k) => k.toLowerCase() === 'set-cookie') ? undefined : this;
    if (holder) {
      const existing = holder.getHeader('set-cookie');
      const list = existing === undefined ? [] : Array.isArray(existing) ? existing : [String(existing)];
      holder.setHeader('set-cookie', [...list, cookie]);
    } else {
      const key = Object.keys(given!).find((k) => k.toLowerCase() === 'set-cookie')!;
      const existing = given![key]!;
      given![key] = [...(Array.isArray(existing) ? existing : [String(existing)]), cookie];
    }
    return writeHead.apply(this, args);
  } as ServerResponse['writeHead'];
}

/** The whole body (its length was checked against the path's limit), read before Next sees the request. */
async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new Error('body over its limit');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** The same request with a body already read: Next reads it from this one. */
function replayRequest(req: IncomingMessage, body: Buffer): IncomingMessage {
  const copy = new IncomingMessage(req.socket);
  copy.method = req.method;
  copy.url = req.url;
  copy.httpVersion = req.httpVersion;
  copy.httpVersionMajor = req.httpVersionMajor;
  copy.httpVersionMinor = req.httpVersionMinor;
  copy.headers = req.headers;
  copy.rawHeaders = req.rawHeaders;
  copy.complete = true;
  copy.push(body);
  copy.push(null);
  return copy;
}

function decodes(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

function firstValue(header: string | string[] | undefined): string | undefined {
  return (Array.isArray(header) ? header[0] : header)?.split(',')[0]?.trim();
}

/**
 * What stops a request before Next reads any of it: a method nobody serves, a declared body
 * larger than its path takes, a body without a declared length where nothing counts it, a
 * server action id that cannot be one, an API path whose meaning changes once decoded or that
 * does not decode.
 */
function refusal(req: IncomingMessage, pathname: string): { status: number; code: string; detail: string; headers?: Record<string, string> } | null {
  if (!KNOWN_METHODS.has(req.method ?? '')) {
    return { status: 405, code: 'method_not_allowed', detail: 'This method is not served.', headers: { allow: METHODS.join(', ') } };
  }
  const limit = bodyLimitFor(pathname);
  const declared = req.headers['content-length'];
  if (declared !== undefined && Number(declared) > limit) {
    // The body is never read: the connection closes after the answer.
    return { status: 413, code: 'payload_too_large', detail: `The body may be at most ${limit} bytes here.`, headers: { connection: 'close' } };
  }
  if (declared === undefined && req.headers['transfer-encoding'] !== undefined && !readsUnsizedBodies(pathname)) {
    return { status: 411, code: 'length_required', detail: 'A body needs a Content-Length here.', headers: { connection: 'close' } };
  }
  if (!isWellFormedActionId(req.headers['next-action'])) return { status: 400, code: 'invalid_action', detail: 'No server action has this id.' };
  if (pathname.startsWith('/api/')) {
    if (AMBIGUOUS_PATH.test(pathname)) return { status: 404, code: 'not_found', detail: 'No such resource.' };
    if (pathname.includes('%') && !decodes(pathname)) return { status: 400, code: 'invalid_path', detail: 'The path is not valid percent-encoded UTF-8.' };
  }
  return null;
}

/**
 * The server's side of every request, before and after Next: the client's address (X-Forwarded-For
 * replaced by the one address it resolves to, other forwarded headers dropped unless a trusted
 * proxy sent them), a request id, the security headers, the body limits, and one access log line
 * when the answer is done (who, what, status, duration). `expectsContinue`: the client waits for
 * 100 Continue before it sends the body, so a refused body is not even sent.
 */
export function createRequestListener(options: EdgeOptions) {
  const { trustedProxies, publicHttps, log, accessLog } = options;
  return function handleRequest(req: IncomingMessage, res: ServerResponse, expectsContinue = false): void {
    const started = performance.now();
    const headers = req.headers;
    const client = resolveClientAddress(req.socket.remoteAddress, headers['x-forwarded-for'], trustedProxies);
    const incomingId = client.viaTrustedProxy ? firstValue(headers['x-request-id']) : undefined;
    const requestId = incomingId && REQUEST_ID.test(incomingId) ? incomingId : randomUUID();
    const https = publicHttps || (req.socket as TLSSocket).encrypted === true || (client.viaTrustedProxy && firstValue(headers['x-forwarded-proto'])?.toLowerCase() === 'https');
    const url = req.url ?? '/';
    const query = url.indexOf('?');
    const pathname = query === -1 ? url : url.slice(0, query);

    headers['x-forwarded-for'] = client.address;
    headers['x-request-id'] = requestId;
    if (!client.viaTrustedProxy) for (const name of FORWARDED) delete headers[name];
    // Only this server says which nonce a page's scripts carry.
    delete headers['content-security-policy'];
    delete headers['content-security-policy-report-only'];

    for (const [name, value] of COMMON_SECURITY_HEADERS) res.setHeader(name, value);
    res.setHeader('x-request-id', requestId);
    if (https) res.setHeader('strict-transport-security', STRICT_TRANSPORT_SECURITY);
    const kind = answerKindOf(pathname);
    if (kind === 'page') {
      const policy = pageContentSecurityPolicy(createNonce(), https);
      headers['content-security-policy'] = policy;
      res.setHeader('content-security-policy', policy);
    } else if (kind === 'api' || kind === 'image') {
      res.setHeader('content-security-policy', API_CONTENT_SECURITY_POLICY);
    }
    // Pages and the API answer about people: nothing is kept (Next keeps a header set here over
    // the handler's own). Next marks its hashed build files immutable itself; the covers' handler
    // says how long a picture keeps.
    if (kind === 'page' || kind === 'api') res.setHeader('cache-control', 'no-store');

    const context: RequestContext = { requestId, readAfterWrite: options.replica === true && readsAfterWrite(req.method, headers.cookie) };
    if (options.replica && writesMaybe(req.method)) addCookieToAnswer(res, primaryCookie(Date.now(), https));
    res.once('close', () => {
      const fields = {
        reqId: requestId,
        method: req.method,
        route: maskMobilesIn(pathname.length > 512 ? `${pathname.slice(0, 512)}…` : pathname),
        status: res.statusCode,
        ms: Math.round((performance.now() - started) * 10) / 10,
        actor: context.actor,
        ip: client.address,
        ...(res.writableFinished ? {} : { aborted: true }),
      };
      if (res.statusCode >= 500) accessLog.error(fields, 'request');
      else accessLog.info(fields, 'request');
    });

    const refused = refusal(req, pathname);
    if (refused) {
      if (refused.headers?.connection === 'close') lingerOnClose(req.socket);
      sendProblem(res, refused.status, refused.code, refused.detail, refused.headers);
      return;
    }
    if (expectsContinue) res.writeContinue();
    if (headers['content-length'] === undefined && headers['transfer-encoding'] !== undefined) {
      // A handler that stops reading a body without a length at its limit answers 413; the
      // connection then closes instead of reading the rest of the body to throw it away.
      const writeHead = res.writeHead;
      res.writeHead = function (this: ServerResponse, ...args: Parameters<ServerResponse['writeHead']>) {
        if (args[0] === 413) {
          this.shouldKeepAlive = false;
          lingerOnClose(req.socket);
        }
        return writeHead.apply(this, args);
      } as ServerResponse['writeHead'];
    }
    const dispatch = (request: IncomingMessage) =>
      runWithRequestContext(context, () => options.next(request, res)).catch((error: unknown) => {
        log.error({ err: error, reqId: requestId }, 'request failed');
        if (!res.headersSent) sendProblem(res, 500, 'internal_error', 'Something went wrong.');
        else res.destroy();
      });
    if (!isServerActionPost(req.method, pathname, headers)) {
      void dispatch(req);
      return;
    }
    readBody(req, bodyLimitFor(pathname)).then(
      async (body) => {
        const problem = await serverActionBodyProblem(headers['content-type'], body, headers['next-action'] !== undefined);
        if (problem) sendProblem(res, 400, problem, 'The body of this server action cannot be decoded.');
        else await dispatch(replayRequest(req, body));
      },
      // The client went away while sending.
      () => res.destroy(),
    );
  };
}
