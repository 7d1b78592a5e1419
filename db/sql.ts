import { sql, type SQL } from 'drizzle-orm';
import { getReader } from './client';
import { DIALECT } from './dialect';

/**
 * The few things the two engines spell differently, for the queries the query builder cannot
 * write. Raw SQL itself runs the same way on both (`await db.all(sql\`…\`)`, db/postgres.ts).
 */

/** The codes each engine gives a write refused by a unique index or primary key. */
const UNIQUE_VIOLATION = new Set(['SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_CONSTRAINT_PRIMARYKEY', '23505']);

/**
 * Whether a write failed on a unique index (drizzle wraps the driver's error as its cause). On
 * SQLite, where one writer runs at a time, a use-case's check before its insert sees any earlier
 * row; on PostgreSQL two transactions may both pass that check, and the second insert fails here:
 * the use-case then refuses as its check would have. On PostgreSQL the transaction is aborted by
 * then, so the refusal must end it (throw), not carry on in it.
 */
export function isUniqueViolation(error: unknown): boolean {
  for (let e = error; e instanceof Error; e = e.cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && UNIQUE_VIOLATION.has(code)) return true;
  }
  return false;
}

/** Whether the database has a table of this name yet (a database not yet migrated has none). */
export async function tableExists(name: string): Promise<boolean> {
  const query =
    DIALECT === 'postgres'
      ? sql`select 1 from pg_tables where schemaname = current_schema() and tablename = ${name}`
      : sql`select 1 from sqlite_master where type = 'table' and name = ${name}`;
  return (await getReader().all(query)).length > 0;
}

/**
 * A planner hint for the few reads where SQLite's planner picks worse than it should: SQLite's
 * `INDEXED BY` (an error there if the index is gone, so a renamed index is caught by the tests);
 * nothing on PostgreSQL, whose planner weighs the indexes from its own statistics (ANALYZE).
 */
export function indexedBy(index: string): SQL {
  return DIALECT === 'postgres' ? sql`` : sql.raw(`indexed by "${index}"`);
}

/**
 * Rows a subquery picks for update are locked, and rows another transaction has locked are passed
 * over (PostgreSQL's `FOR UPDATE SKIP LOCKED`): several servers claiming work each get their own.
 * Nothing on SQLite, which runs one write transaction at a time.
 */
export function forUpdateSkipLocked(): SQL {
  return DIALECT === 'postgres' ? sql.raw('for update skip locked') : sql``;
}
