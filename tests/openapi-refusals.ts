import { expect } from 'vitest';
import { getOpenApiDocument } from '@/lib/server/openapi';

type Operation = { operationId?: string; responses?: Record<string, { content?: Record<string, { examples?: Record<string, unknown> }> }> };

const templates = Object.entries(getOpenApiDocument().paths ?? {}).map(([template, item]) => ({
  template,
  pattern: new RegExp(`^${template.replace(/[.]/g, '\\.').replace(/\{\w+\}/g, '[^/]+')}$`),
  item: item as Record<string, Operation>,
}));

/**
 * Checks a refusal the API answered against the OpenAPI document: the operation at this method
 * and path lists the status, and the code among its examples. The route tests call it on every
 * problem they receive, so an answer the document leaves out fails the test that provoked it.
 */
export function expectDocumentedRefusal(method: string, url: string, status: number, code: string) {
  const pathname = new URL(url, 'http://localhost').pathname;
  const match = templates.find((t) => t.pattern.test(pathname) && t.item[method.toLowerCase()]);
  // No operation has this path (an empty segment): the server's catch-all answers it, 404.
  if (!match) return void expect(`${status} ${code}`).toBe('404 not_found');
  const operation = match.item[method.toLowerCase()]!;
  const documented = Object.keys(operation.responses?.[String(status)]?.content?.['application/problem+json']?.examples ?? {});
  expect(documented, `${operation.operationId} answered ${status} ${code}, which the OpenAPI document does not list`).toContain(code);
}

/** The request each recorded handler's response answered. */
const requestOf = new WeakMap<Response, Request>();

/** A route handler whose responses remember their request, for expectRefusalDocumented. */
export function recorded<C>(handler: (request: Request, context: C) => Promise<Response>) {
  return async (request: Request, context: C) => {
    const response = await handler(request, context);
    requestOf.set(response, request);
    return response;
  };
}

/** A refusal from a recorded handler is listed under its operation (see expectDocumentedRefusal). */
export function expectRefusalDocumented(response: Response, status: number, code: string) {
  const request = requestOf.get(response);
  if (request) expectDocumentedRefusal(request.method, request.url, status, code);
}
