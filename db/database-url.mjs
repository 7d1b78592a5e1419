// DATABASE_URL, parsed in one place for the TypeScript (db/config.ts, db/dialect.ts) and for the
// plain node scripts (scripts/start.mjs), so that both take the same values and refuse the same.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The default database file, under the project and ignored by git. */
export const DEFAULT_DATABASE_PATH = path.join(process.cwd(), '.data', 'club-hub.db');

export const ACCEPTED_DATABASE_URLS = 'a file path or a file: URL (the SQLite file), or a postgres:// or postgresql:// URL (PostgreSQL)';

/** DATABASE_URL names nothing this code can open; nothing was created. */
export class DatabaseUrlError extends Error {
  name = 'DatabaseUrlError';
}

const refuse = (why) => new DatabaseUrlError(`DATABASE_URL ${why}; it takes ${ACCEPTED_DATABASE_URLS}.`);

// Two letters at least: `C:\data\club.db` and `D:/club.db` are Windows paths (a drive), not URLs.
const SCHEME = /^([a-z][a-z0-9+.-]+):/i;

function sqliteFile(rest, url) {
  if (!rest.startsWith('//')) return path.resolve(rest);
  try {
    return fileURLToPath(new URL(url));
  } catch {
    throw refuse(`"${url}" is not a file URL of this machine (file:///absolute/path or file:relative/path)`);
  }
}

function postgresUrl(url) {
  let parsed;
  try {
    parsed = new URL(url);
  } catch {
    parsed = null;
  }
  // A raw `#`, `/` or `?` in the password ends the authority early: the URL fails, or the rest of
  // it would be taken for a fragment. Such characters must be percent-encoded.
  if (!parsed || parsed.hash !== '') {
    throw refuse('is not a valid PostgreSQL URL (percent-encode special characters in the user name and password: @ as %40, # as %23, / as %2F, ? as %3F, : as %3A)');
  }
  return parsed;
}

/**
 * Parses DATABASE_URL: unset or empty is the default SQLite file; a path or a `file:` URL is the
 * SQLite file (resolved against the working directory); `postgres://` or `postgresql://` is
 * PostgreSQL. Any other scheme (mysql://, sqlite://, http://…) is refused with a DatabaseUrlError,
 * rather than taken for a file name (it used to create a folder named `mysql:`).
 */
export function parseDatabaseUrl(value) {
  const url = (value ?? '').trim();
  if (url === '') return { engine: 'sqlite', file: DEFAULT_DATABASE_PATH };
  const scheme = SCHEME.exec(url)?.[1]?.toLowerCase();
  if (scheme === undefined) return { engine: 'sqlite', file: path.resolve(url) };
  if (scheme === 'file') return { engine: 'sqlite', file: sqliteFile(url.slice('file:'.length), url) };
  if (scheme === 'postgres' || scheme === 'postgresql') {
    const parsed = postgresUrl(url);
    const shown = new URL(parsed.href);
    if (shown.password) shown.password = '****';
    return { engine: 'postgres', url, shown: shown.href, host: parsed.hostname, port: parsed.port, database: decodeURIComponent(parsed.pathname.slice(1)) };
  }
  throw refuse(`"${url.slice(0, scheme.length + 1)}" is not supported`);
}
