import path from 'node:path';

/** The default database file, under the project and ignored by git. */
export const DEFAULT_DATABASE_PATH = path.join(process.cwd(), '.data', 'club-hub.db');

/**
 * Resolves DATABASE_URL to a SQLite file path. Accepts a plain path or a `file:` URL; a
 * `postgres://` URL is reserved for the planned PostgreSQL backend and refused until it exists.
 */
export function resolveDatabasePath(url = process.env.DATABASE_URL): string {
  if (!url) return DEFAULT_DATABASE_PATH;
  if (/^postgres(ql)?:\/\//.test(url)) {
    throw new Error('DATABASE_URL: PostgreSQL is not supported yet; use a SQLite file path.');
  }
  const file = url.startsWith('file:') ? url.slice('file:'.length).replace(/^\/\/(?=\/)/, '') : url;
  return path.resolve(file);
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
