import path from 'node:path';
import { parseDatabaseUrl } from './database-url.mjs';

export { ACCEPTED_DATABASE_URLS, DatabaseUrlError, DEFAULT_DATABASE_PATH, parseDatabaseUrl } from './database-url.mjs';

/** Resolves DATABASE_URL to the SQLite file's path: a plain path or a `file:` URL (for what only SQLite has: its file). */
export function resolveDatabasePath(url = process.env.DATABASE_URL): string {
  const target = parseDatabaseUrl(url);
  if (target.engine === 'postgres') throw new Error('DATABASE_URL names PostgreSQL: this command works on the SQLite file only.');
  return target.file;
}

/** The database as messages name it: the SQLite file's path, or the PostgreSQL URL without its password. */
export function databaseName(url = process.env.DATABASE_URL): string {
  const target = parseDatabaseUrl(url);
  return target.engine === 'postgres' ? target.shown : target.file;
}

/**
 * A file that belongs with the database (its demo password): beside the SQLite file, or for
 * PostgreSQL under .data/, named after the server and the database.
 */
export function besideDatabase(suffix: string, url = process.env.DATABASE_URL): string {
  const target = parseDatabaseUrl(url);
  if (target.engine === 'sqlite') return `${target.file}${suffix}`;
  const name = `postgres-${target.host || 'local'}-${target.port || '5432'}-${target.database || 'postgres'}`.replace(/[^\w.-]/g, '_');
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
