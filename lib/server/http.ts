import 'server-only';
import { z } from 'zod';
import type { ChannelActor } from '@/lib/domain/access';
import { DomainError } from '@/lib/domain/errors';
import { authenticateApiToken } from './api-tokens';
import { fieldErrors } from './action';

const PROBLEM_TYPE = 'https://club-hub.example/problems/';

/**
 * An RFC 9457 problem document: `type` and `code` are stable per error, `title` is the code in
 * words for a developer, `errors` carries per-field codes for invalid input.
 */
export function problem(
  status: number,
  code: string,
  extra: { detail?: string; errors?: Record<string, string>; params?: Record<string, string | number>; headers?: Record<string, string> } = {},
): Response {
  const body = {
    type: `${PROBLEM_TYPE}${code}`,
    title: code.replace(/_/g, ' '),
    status,
    code,
    ...(extra.detail ? { detail: extra.detail } : {}),
    ...(extra.params && Object.keys(extra.params).length > 0 ? { params: extra.params } : {}),
    ...(extra.errors ? { errors: extra.errors } : {}),
  };
  return Response.json(body, { status, headers: { ...extra.headers, 'content-type': 'application/problem+json' } });
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
  console.error('[api] unexpected error', error);
  return problem(500, 'internal_error');
}

/** The JSON body validated by a schema; bad JSON and invalid input become DomainErrors (400 / 422). */
export async function readJson<S extends z.ZodType>(request: Request, schema: S): Promise<z.output<S>> {
  let body: unknown;
  try {
    body = await request.json();
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
      const actor = await authenticateApiToken(request.headers.get('authorization'));
      if (!actor) return problem(401, 'unauthenticated', { detail: 'A valid bearer token is required.' });
      return await handler(request, actor, await context.params);
    } catch (error) {
      return problemFrom(error);
    }
  };
}
