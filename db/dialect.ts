/**
 * Which database engine this process talks to, from DATABASE_URL: `postgres://` or `postgresql://`
 * is PostgreSQL, a path, a `file:` URL or nothing the embedded SQLite file (db/database-url.mjs
 * parses it, and refuses any other scheme). Decided
 * once, when the process loads this module: the schema's column types (db/schema/core.ts) and the
 * connection (db/client.ts) follow it, and a process never switches.
 */
import { parseDatabaseUrl } from './database-url.mjs';

export type Dialect = 'sqlite' | 'postgres';

export function dialectOf(url: string | undefined): Dialect {
  // An unsupported URL is not refused here, when a module is loaded (a stack trace, and no --help):
  // the SQLite engine refuses it with its message where it would first open the file (db/config.ts).
  try {
    return parseDatabaseUrl(url).engine;
  } catch {
    return 'sqlite';
  }
}

export const DIALECT: Dialect = dialectOf(process.env.DATABASE_URL);
