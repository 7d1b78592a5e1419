import fs from 'node:fs';
import Database from 'better-sqlite3';
import pg from 'pg';
import { DIALECT } from '@/db/dialect';

/**
 * A connection of its own to the test's database, as another process (an operator's shell, a
 * backup tool, a second script) would have: the SQLite file opened again, or a separate PostgreSQL
 * session on the URL given instead of a file (DATABASE_URL's, when given the file path, which is
 * undefined there). Statements use `?` placeholders on both engines.
 */
export interface OutsideConnection {
  query<T = Record<string, unknown>>(statement: string, params?: unknown[]): Promise<T[]>;
  /**
   * Takes what a writer needs and holds it until release: SQLite's write lock (BEGIN IMMEDIATE), or
   * on PostgreSQL every table of the app's schema in EXCLUSIVE mode, which lets reads through and
   * stops every write, as SQLite's lock does.
   */
  lockWrites(): Promise<void>;
  /** Ends what lockWrites began, committing what ran since. */
  release(): Promise<void>;
  close(): Promise<void>;
}

export async function openOutside(sqlitePath: string): Promise<OutsideConnection> {
  if (DIALECT !== 'postgres') {
    const db = new Database(sqlitePath);
    db.pragma('busy_timeout = 0');
    return {
      query: async <T>(statement: string, params: unknown[] = []) => {
        const prepared = db.prepare(statement);
        return (prepared.reader ? prepared.all(...params) : (prepared.run(...params), [])) as T[];
      },
      lockWrites: async () => void db.exec('BEGIN IMMEDIATE'),
      release: async () => void db.exec('COMMIT'),
      close: async () => void db.close(),
    };
  }
  // A test's database on PostgreSQL is DATABASE_URL's (tests/temp-database.ts), unless named.
  const client = new pg.Client({ connectionString: /^postgres(ql)?:/.test(sqlitePath ?? '') ? sqlitePath : process.env.DATABASE_URL });
  await client.connect();
  const query = async <T>(statement: string, params: unknown[] = []) => {
    let n = 0;
    return (await client.query(statement.replace(/\?/g, () => `$${++n}`), params)).rows as T[];
  };
  return {
    query,
    lockWrites: async () => {
      await client.query('begin');
      const tables = await query<{ name: string }>(`select quote_ident(tablename) as name from pg_tables where schemaname = 'public'`);
      await client.query(`lock table ${tables.map((t) => t.name).join(', ')} in exclusive mode`);
    },
    release: async () => void (await client.query('commit')),
    close: () => client.end(),
  };
}

/** Runs one statement from a connection of its own, opened and closed around it. */
export async function queryOutside<T = Record<string, unknown>>(sqlitePath: string, statement: string, params: unknown[] = []): Promise<T[]> {
  const connection = await openOutside(sqlitePath);
  try {
    return await connection.query<T>(statement, params);
  } finally {
    await connection.close();
  }
}

/**
 * What the database holds, as one value that any write changes: the SQLite file's bytes with its
 * log's, or on PostgreSQL a digest of every table's rows (the server's files are shared).
 */
export async function contentFingerprint(sqlitePath: string): Promise<string> {
  if (DIALECT !== 'postgres') {
    const size = (file: string) => (fs.existsSync(file) ? fs.readFileSync(file).length : 0);
    return String(size(sqlitePath) + size(`${sqlitePath}-wal`));
  }
  const tables = await queryOutside<{ name: string }>(sqlitePath, `select quote_ident(tablename) as name from pg_tables where schemaname = 'public' order by 1`);
  const digests = await Promise.all(
    tables.map(async ({ name }) => (await queryOutside<{ digest: string }>(sqlitePath, `select md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as digest from ${name} t`))[0]!.digest),
  );
  return digests.join(',');
}
