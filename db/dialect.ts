/**
 * Which database engine this process talks to, from DATABASE_URL: `postgres://` or `postgresql://`
 * is PostgreSQL, anything else (a path, a `file:` URL, nothing) the embedded SQLite file. Decided
 * once, when the process loads this module: the schema's column types (db/schema/core.ts) and the
 * connection (db/client.ts) follow it, and a process never switches.
 */
export type Dialect = 'sqlite' | 'postgres';

export function dialectOf(url: string | undefined): Dialect {
  return url !== undefined && /^postgres(ql)?:\/\//i.test(url.trim()) ? 'postgres' : 'sqlite';
}

export const DIALECT: Dialect = dialectOf(process.env.DATABASE_URL);
