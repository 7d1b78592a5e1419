import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';

/**
 * The end-to-end server's database (see playwright.config.ts), for reading what the UI cannot
 * show: DATABASE_URL's value, the SQLite file or (E2E_DATABASE=postgres) a PostgreSQL database.
 */
export const E2E_DATABASE = process.env.E2E_DATABASE_URL ?? path.join(process.cwd(), '.data', `e2e-${process.env.E2E_PORT ?? 3100}.db`);

const onPostgres = /^postgres(ql)?:\/\//.test(E2E_DATABASE);

/** The SQLite file itself, for the specs that run on SQLite only. */
export function withE2eDatabase<T>(fn: (db: Database.Database) => T): T {
  if (onPostgres) throw new Error('withE2eDatabase opens the SQLite file: use queryE2e, which reads either database');
  const db = new Database(E2E_DATABASE);
  db.pragma('busy_timeout = 5000');
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

// Integers (bigint on PostgreSQL, counts) as numbers, as SQLite gives them.
const types = {
  getTypeParser: (oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.INT8 || oid === pg.types.builtins.NUMERIC ? Number : pg.types.getTypeParser(oid, format),
};

/**
 * One statement on the server's database, either engine: `?` placeholders, aliases in double
 * quotes where their case matters (PostgreSQL folds the others to lower case).
 */
export async function queryE2e<T = Record<string, unknown>>(statement: string, params: unknown[] = []): Promise<T[]> {
  if (!onPostgres) return withE2eDatabase((db) => db.prepare(statement).all(...params) as T[]);
  const client = new pg.Client({ connectionString: E2E_DATABASE, types });
  await client.connect();
  try {
    let n = 0;
    return (await client.query(statement.replace(/\?/g, () => `$${++n}`), params)).rows as T[];
  } finally {
    await client.end();
  }
}
