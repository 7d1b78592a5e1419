import path from 'node:path';

/** The default database file, under the project and ignored by git. */
export const DEFAULT_DATABASE_PATH = path.join(process.cwd(), '.data', 'club-hub.db');

const POSTGRES_URL = /^postgres(ql)?:\/\//i;
const ANY_URL = /^[a-z][a-z0-9+.-]*:\/\//i;

/**
 * DATABASE_URL, checked: a path or a `file:` URL (the embedded SQLite file), or a `postgres://` /
 * `postgresql://` URL. Any other URL (mysql://, http://…) is refused rather than taken for a file name.
 */
export function checkDatabaseUrl(url = process.env.DATABASE_URL): void {
  if (url && ANY_URL.test(url) && !POSTGRES_URL.test(url) && !url.startsWith('file:')) {
    throw new Error(`DATABASE_URL: "${url.split('://')[0]}://" is not supported; use a SQLite file path (or file: URL) or a postgres:// URL.`);
  }
}

/** Resolves DATABASE_URL to the SQLite file's path: a plain path or a `file:` URL (for what only SQLite has: its file). */
export function resolveDatabasePath(url = process.env.DATABASE_URL): string {
  if (!url) return DEFAULT_DATABASE_PATH;
  checkDatabaseUrl(url);
  if (POSTGRES_URL.test(url)) throw new Error('DATABASE_URL names PostgreSQL: this command works on the SQLite file only.');
  const file = url.startsWith('file:') ? url.slice('file:'.length).replace(/^\/\/(?=\/)/, '') : url;
  return path.resolve(file);
}

/** The database as messages name it: the SQLite file's path, or the PostgreSQL URL without its password. */
export function databaseName(url = process.env.DATABASE_URL): string {
  if (!url || !POSTGRES_URL.test(url)) return resolveDatabasePath(url);
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '****';
  return parsed.href;
}

/**
 * A file that belongs with the database (its demo password): beside the SQLite file, or for
 * PostgreSQL under .data/, named after the server and the database.
 */
export function besideDatabase(suffix: string, url = process.env.DATABASE_URL): string {
  if (!url || !POSTGRES_URL.test(url)) return `${resolveDatabasePath(url)}${suffix}`;
  const { hostname, port, pathname } = new URL(url);
  const name = `postgres-${hostname || 'local'}-${port || '5432'}-${decodeURIComponent(pathname.slice(1)) || 'postgres'}`.replace(/[^\w.-]/g, '_');
  return path.join(process.cwd(), '.data', `${name}${suffix}`);
}

/**
 * How SQLite syncs commits (SQLITE_SYNCHRONOUS). `normal`, the default in WAL mode: a crash of the
 * process loses nothing acknowledged; a power cut or a kernel crash may lose the last commits
 * (never corrupts the file). `full`: every commit is on disk before it is acknowledged, at the
 * cost of an fsync per commit (per group of commits here, see withTransaction).
 */
export function synchronousMode(value = process.env.SQLITE_SYNCHRONOUS): 'NORMAL' | 'FULL' {
  const mode = (value ?? 'normal').trim().toLowerCase();
  if (mode === 'normal' || mode === 'full') return mode === 'full' ? 'FULL' : 'NORMAL';
  throw new Error(`SQLITE_SYNCHRONOUS: expected normal or full, got "${value}".`);
}

/**
 * How long a transaction waits for the database's write lock while another process holds it (a
 * backup, `sqlite3` in a shell, a second script) before it is refused as busy: SQLITE_BUSY_TIMEOUT_MS,
 * 5000 by default.
 */
export function busyTimeoutMs(value = process.env.SQLITE_BUSY_TIMEOUT_MS): number {
  if (value === undefined || value.trim() === '') return 5000;
  const ms = Number(value);
  if (!Number.isSafeInteger(ms) || ms < 0) throw new Error(`SQLITE_BUSY_TIMEOUT_MS: expected a whole number of milliseconds, got "${value}".`);
  return ms;
}
