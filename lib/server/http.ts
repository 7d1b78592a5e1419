import 'server-only';
import { z } from 'zod';
import type { ChannelActor } from '@/lib/domain/access';
import { DomainError } from '@/lib/domain/errors';
import { authenticateApiToken } from './api-tokens';
import { fieldErrors } from './action';
import { bodyLimitFor } from './http-server/body-limits';
import { log } from './log';
import { PROBLEM_CONTENT_TYPE, problemDocument } from './problem-document';
import { recordActor } from './request-context';

/** An RFC 9457 problem answer (see problemDocument). */
export function problem(
  status: number,
  code: string,
  extra: { detail?: string; errors?: Record<string, string>; params?: Record<string, string | number>; headers?: Record<string, string> } = {},
): Response {
  return Response.json(problemDocument(status, code, extra), { status, headers: { ...extra.headers, 'content-type': PROBLEM_CONTENT_TYPE } });
}

/** A refusal that may be retried later says when (Retry-After, whole seconds), from its `seconds` parameter. */
function retryHeaders(error: DomainError): Record<string, string> | undefined {
  const seconds = error.params.seconds;
  const retryable = error.category === 'rate_limited' || error.category === 'unavailable';
  return retryable && typeof seconds === 'number' ? { 'retry-after': String(Math.max(1, Math.ceil(seconds))) } : undefined;
}

/** Turns what a use-case threw into a problem response; anything unexpected is a 500 without details. */
export function problemFrom(error: unknown): Response {
  if (error instanceof DomainError) return problem(error.status, error.code, { params: error.params, errors: error.fields, headers: retryHeaders(error) });
  if (error instanceof z.ZodError) return problem(422, 'invalid_input', { errors: fieldErrors(error) });
  log.error({ err: error }, 'unexpected error in a route handler');
  return problem(500, 'internal_error');
}

function tooLarge(limit: number): DomainError {
  return new DomainError('payload_too_large', 'payload_too_large', { limit });
}

/**
 * The body's bytes, or null once they pass `limit`: a body without a Content-Length is counted as
 * it arrives and left unread at the limit, so that it is never held whole.
 */
export async function readBodyUpTo(request: Request, limit: number): Promise<Uint8Array | null> {
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      reader.releaseLock();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/** The body's bytes, refused (413) past the path's limit (bodyLimitFor); a declared length is checked before anything is read. */
async function readCapped(request: Request): Promise<Uint8Array> {
  const limit = bodyLimitFor(new URL(request.url).pathname);
  const declared = request.headers.get('content-length');
  if (declared !== null && Number(declared) > limit) throw tooLarge(limit);
  const bytes = await readBodyUpTo(request, limit);
  if (!bytes) throw tooLarge(limit);
  return bytes;
}

/** The JSON body validated by a schema; bad JSON and invalid input become DomainErrors (400 / 422), a body past its limit 413. */
export async function readJson<S extends z.ZodType>(request: Request, schema: S): Promise<z.output<S>> {
  const bytes = await readCapped(request);
  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw new DomainError('invalid_json', 'bad_request');
  }
  return schema.parse(body);
}

type Context<P> = { params: Promise<P> };

/**
 * A route handler of the channel API: the bearer token is checked first (401 otherwise), then the
 * handler runs with the channel actor; every refusal is answered as problem+json.
 */
export function apiRoute<P = Record<string, never>>(handler: (request: Request, actor: ChannelActor, params: P) => Promise<Response>) {
  return async (request: Request, context: Context<P>): Promise<Response> => {
    try {
      const actor = recordActor(await authenticateApiToken(request.headers.get('authorization')));
      if (!actor) return problem(401, 'unauthenticated', { detail: 'A valid bearer token is required.' });
      return await handler(request, actor, await context.params);
    } catch (error) {
      return problemFrom(error);
    }
  };
}

/** The methods a route handler may export (HEAD Next answers itself, from GET). */
export const ROUTE_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type RouteMethod = (typeof ROUTE_METHODS)[number];
type RouteHandler = () => Promise<Response>;

/**
 * Answers for the methods a route of the channel API does not implement: 405 problem+json with
 * `Allow` naming those it does (Next's own 405 has neither), and OPTIONS with the same `Allow`
 * (Next's own would list every exported method). A route exports them beside its own:
 * `export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });`.
 */
export function otherMethods(implemented: Partial<Record<RouteMethod, unknown>>): Record<RouteMethod | 'OPTIONS', RouteHandler> {
  const methods = ROUTE_METHODS.filter((method) => implemented[method]);
  const allow = [...methods, ...(methods.includes('GET') ? ['HEAD'] : []), 'OPTIONS'].join(', ');
  const refuse: RouteHandler = async () => problem(405, 'method_not_allowed', { detail: `This resource answers ${allow}.`, headers: { allow } });
  const options: RouteHandler = async () => new Response(null, { status: 204, headers: { allow } });
  return { ...(Object.fromEntries(ROUTE_METHODS.map((method) => [method, refuse])) as Record<RouteMethod, RouteHandler>), OPTIONS: options };
}
