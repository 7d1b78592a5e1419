import 'server-only';
import { DomainError } from '@/lib/domain/errors';

/** The origin (scheme://host[:port]) of a URL, or null when it is not one. */
function originOf(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.origin : null;
  } catch {
    return null;
  }
}

/**
 * Whether a request's Origin is the app's own: the public URL it is configured with
 * (NEXTAUTH_URL), or the host the request was sent to. A browser writes Origin itself and a page
 * cannot forge it, so another site's page fails both; the host comparison keeps a deployment
 * behind a TLS-terminating proxy working when NEXTAUTH_URL is not set, since only the host and
 * not the scheme is compared there.
 */
function isOwnOrigin(request: Request, origin: string): boolean {
  const claimed = originOf(origin);
  if (!claimed) return false;
  if (claimed === originOf(process.env.NEXTAUTH_URL)) return true;
  const host = request.headers.get('host');
  return host !== null && new URL(claimed).host === host.toLowerCase();
}

/**
 * For route handlers that write with the session cookie: the request must come from the app's own
 * pages and carry JSON, else 403 (another origin) or 415 (another media type). SameSite=Lax alone
 * lets another site's page post a `text/plain` body that the handler would parse as JSON.
 *
 * Browsers send Origin on every POST, same-origin fetches included; one without it is either not a
 * browser (no ambient cookie to abuse) or says by Sec-Fetch-Site that it is same-origin. A request
 * without either is refused, so that an old or odd client cannot carry a cross-site write through.
 */
export function requireSameOriginJson(request: Request): void {
  const origin = request.headers.get('origin');
  const fetchSite = request.headers.get('sec-fetch-site');
  const sameOrigin = origin === null ? fetchSite === 'same-origin' : isOwnOrigin(request, origin) && (fetchSite === null || fetchSite === 'same-origin');
  if (!sameOrigin) throw new DomainError('cross_origin_request', 'forbidden');
  const mediaType = request.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase();
  if (mediaType !== 'application/json') throw new DomainError('json_required', 'unsupported_media_type');
}
