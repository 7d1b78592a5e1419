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
