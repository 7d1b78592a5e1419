import type { IncomingHttpHeaders } from 'node:http';
import { actionReplyProblem } from './action-reply';

/**
 * Server actions: a browser posts a form (multipart) or a fetch action (the `Next-Action` header,
 * its arguments as multipart or as JSON text) to a page's path. Next answers a body it cannot
 * decode with a 500, as if the server had failed; this server reads such a body first (it is
 * small: the path's limit was checked), refuses one that does not parse with a 400, and hands
 * Next the bytes it read.
 */
export function isServerActionPost(method: string | undefined, pathname: string, headers: IncomingHttpHeaders): boolean {
  if (method !== 'POST' || pathname.startsWith('/api/')) return false;
  return headers['next-action'] !== undefined || /^multipart\/form-data/i.test(headers['content-type'] ?? '');
}

/** A server action's id: hex, as Next writes them (42 characters today). */
const ACTION_ID = /^[0-9a-f]{40,64}$/i;

/** Whether the `Next-Action` header, if any, could name a server action (Next logs every other one as an error). */
export function isWellFormedActionId(header: string | string[] | undefined): boolean {
  return header === undefined || (typeof header === 'string' && ACTION_ID.test(header));
}

/**
 * Why a server action's body cannot be decoded (a problem code), or null when it can. A fetch
 * action's arguments (`fetchAction`: the request has a `Next-Action` header) must also resolve
 * (actionReplyProblem); a form posted without script carries no arguments of that kind.
 */
export async function serverActionBodyProblem(contentType: string | undefined, body: Buffer, fetchAction: boolean): Promise<string | null> {
  if (/^multipart\/form-data/i.test(contentType ?? '')) {
    if (!/;\s*boundary=/i.test(contentType!)) return 'invalid_body';
    let form: FormData;
    try {
      form = await new Response(new Uint8Array(body), { headers: { 'content-type': contentType! } }).formData();
    } catch {
      return 'invalid_body';
    }
    return fetchAction ? actionReplyProblem((name) => form.get(name)) : null;
  }
  // A fetch action's arguments without files are one row of JSON text.
  const text = body.toString('utf8');
  return actionReplyProblem((name) => (name === '0' ? text : null));
}
