import { createHash } from 'node:crypto';

/*
 * Conditional GET (RFC 9110 13): calendar apps refetch subscribed feeds every hour or so; with an
 * ETag and a Last-Modified they ask "changed since?" and get an empty 304 when nothing changed.
 */

export interface Validators {
  /** A weak entity tag (W/"…"): the same for every representation that means the same. */
  etag: string;
  /** UTC ms of the last change of what the representation shows. */
  lastModified: number;
}

/**
 * A weak entity tag from what a representation is made of. Weak, because two answers that mean the
 * same need not be the same bytes: a calendar's DTSTAMP is the moment it is written.
 */
export function weakEtag(source: unknown): string {
  return `W/"${createHash('sha256').update(JSON.stringify(source)).digest('base64url').slice(0, 27)}"`;
}

const opaque = (tag: string) => tag.trim().replace(/^W\//, '');

/**
 * Whether the client's copy is current. If-None-Match, when sent, decides alone (weak comparison,
 * as a GET wants); If-Modified-Since counts in whole seconds, the precision of an HTTP date.
 */
export function isNotModified(request: Request, validators: Validators): boolean {
  const ifNoneMatch = request.headers.get('if-none-match');
  if (ifNoneMatch !== null) {
    return ifNoneMatch.trim() === '*' || ifNoneMatch.split(',').map(opaque).includes(opaque(validators.etag));
  }
  const ifModifiedSince = request.headers.get('if-modified-since');
  if (ifModifiedSince === null) return false;
  const since = Date.parse(ifModifiedSince);
  return Number.isFinite(since) && Math.floor(validators.lastModified / 1000) * 1000 <= since;
}

/** The answer to a GET of a representation with validators: 304 without a body when the client's copy is current. */
export function conditionalResponse(request: Request, validators: Validators, body: () => string, headers: Record<string, string>): Response {
  const common = { etag: validators.etag, 'last-modified': new Date(validators.lastModified).toUTCString() };
  if (isNotModified(request, validators)) {
    // A 304 repeats the headers a 200 would have had that a cache must update (RFC 9110 15.4.5).
    const kept = Object.fromEntries(Object.entries(headers).filter(([name]) => ['cache-control', 'expires', 'vary', 'content-location'].includes(name.toLowerCase())));
    return new Response(null, { status: 304, headers: { ...kept, ...common } });
  }
  return new Response(body(), { headers: { ...headers, ...common } });
}
