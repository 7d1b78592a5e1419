import type { SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { postgresPool } from './postgres';

/**
 * db/read-pool.ts on PostgreSQL. The server does the work of a heavy read in its own process, so
 * the app's thread only waits: reads run on the pool's connections (a read replica could take them
 * later), several at once, and a large read streams through a server-side cursor (DECLARE …
 * CURSOR, FETCH n) in a read-only transaction on one connection, so that an export of millions of
 * rows holds two chunks in memory at most, as on SQLite.
 */
const dialect = new PgDialect({ casing: 'snake_case' });

function compile(query: SQL) {
  const { sql, params } = dialect.sqlToQuery(query);
  return { text: sql, values: params };
}

export async function readAllPostgres<T extends unknown[][]>(queries: SQL[]): Promise<T> {
  const pool = postgresPool();
  const answers = await Promise.all(queries.map((query) => pool.query(compile(query))));
  return answers.map((a) => a.rows) as T;
}

export async function* readStreamPostgres<T>(query: SQL, size: number): AsyncGenerator<T[]> {
  const client = await postgresPool().connect();
  const { text, values } = compile(query);
  const chunk = Math.max(1, Math.floor(size));
  const fetch = () => client.query(`fetch forward ${chunk} from export_cursor`);
  let failed = false;
  let ahead: ReturnType<typeof fetch> | null = null;
  try {
    // Repeatable read: every chunk comes from the snapshot the export started with.
    await client.query('begin isolation level repeatable read read only');
    await client.query({ text: `declare export_cursor no scroll cursor for ${text}`, values });
    ahead = fetch();
    while (ahead) {
      const rows = (await ahead).rows as T[];
      // The next chunk is asked for before this one is handed over: the server reads while the caller works.
      ahead = rows.length === chunk ? fetch() : null;
      if (rows.length > 0) yield rows;
    }
  } catch (error) {
    failed = true;
    throw error;
  } finally {
    // Abandoned early, the chunk asked for ahead is dropped; the rollback queues behind it and closes the cursor.
    ahead?.catch(() => undefined);
    try {
      await client.query('rollback');
      client.release();
    } catch (error) {
      // A connection that cannot roll back is not given back to the pool.
      client.release(error instanceof Error ? error : true);
      if (!failed) throw error;
    }
  }
}
