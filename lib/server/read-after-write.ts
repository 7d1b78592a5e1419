/**
 * Reading one's own writes with a read replica (DATABASE_REPLICA_URL). Statistics and exports read
 * the replica, which applies the primary's changes a moment later. A request that writes (any
 * method but GET, HEAD and OPTIONS: server actions, API writes) reads the primary, and its answer
 * sets a cookie that keeps the same browser's requests on the primary for a while after it, on
 * whichever app server they land: a page shown right after a check-in, an import or a
 * registration counts it. Clients without cookies (API tokens) read the replica after their writes.
 */
export const PRIMARY_COOKIE = 'club-hub-primary';

/** How long after a write the browser's reads stay on the primary: far longer than a healthy replica lags. */
export const PRIMARY_AFTER_WRITE_MS = 10_000;

const READS_ONLY = new Set(['GET', 'HEAD', 'OPTIONS']);
const COOKIE = new RegExp(`(?:^|;\\s*)${PRIMARY_COOKIE}=(\\d{1,15})(?:;|$)`);

export const writesMaybe = (method: string | undefined) => !READS_ONLY.has((method ?? 'GET').toUpperCase());

/** Whether a request must read the primary: it may write, or its cookie says a write was made lately. */
export function readsAfterWrite(method: string | undefined, cookieHeader: string | undefined, now = Date.now()): boolean {
  if (writesMaybe(method)) return true;
  const until = Number(COOKIE.exec(cookieHeader ?? '')?.[1] ?? 0);
  return until > now && until <= now + PRIMARY_AFTER_WRITE_MS;
}

/** The cookie a write's answer carries: until when the browser's reads stay on the primary. */
export function primaryCookie(now = Date.now(), secure = false): string {
  const until = now + PRIMARY_AFTER_WRITE_MS;
  return `${PRIMARY_COOKIE}=${until}; Path=/; Max-Age=${PRIMARY_AFTER_WRITE_MS / 1000}; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;
}
