import { sql } from 'drizzle-orm';
import type { Db } from './client';
import { DIALECT, type Dialect } from './dialect';
import sqliteJournal from './migrations/meta/_journal.json';
import postgresJournal from './migrations-pg/meta/_journal.json';

/** The migrations this code has for an engine, by the time drizzle records for each (the journal's `when`). */
export function codeMigrations(dialect: Dialect = DIALECT): readonly number[] {
  return (dialect === 'postgres' ? postgresJournal : sqliteJournal).entries.map((e) => e.when);
}

/** The migrations this code has for the engine DATABASE_URL names. */
export const CODE_MIGRATIONS: readonly number[] = codeMigrations();

/**
 * Where drizzle records the migrations it applied: a table beside the app's on SQLite, in a schema
 * of its own (`drizzle`) on PostgreSQL.
 */
const RECORDS = {
  sqlite: {
    exists: sql`select 1 as found from sqlite_master where type = 'table' and name = '__drizzle_migrations'`,
    read: sql`select created_at as at from __drizzle_migrations`,
  },
  postgres: {
    exists: sql`select 1 as found from pg_tables where schemaname = 'drizzle' and tablename = '__drizzle_migrations'`,
    read: sql`select created_at as at from drizzle.__drizzle_migrations`,
  },
} as const;

/**
 * When each migration applied to the database was made (drizzle's `__drizzle_migrations.created_at`,
 * the journal's `when`); none when the database was never migrated. `reader` may answer at once
 * (a bare better-sqlite3 connection) or later (the app's readers).
 */
export async function readAppliedMigrations(reader: Pick<Db, 'all'>, dialect: Dialect = DIALECT): Promise<number[]> {
  const records = RECORDS[dialect];
  const [table] = await reader.all(records.exists);
  if (!table) return [];
  return (await reader.all<{ at: number | string }>(records.read)).map((r) => Number(r.at));
}

export interface MigrationComparison {
  /** The code's migrations the database has. */
  found: number;
  /** The database's migrations the code does not know (a newer version made them). */
  unknown: number;
  /** `ahead` when the database has a migration the code does not know, `behind` when it lacks one of the code's. */
  state: 'current' | 'behind' | 'ahead';
}

/**
 * A database's migrations against the code's. Compared as sets, not by the latest: a migration
 * merged with an older timestamp than one already applied is one drizzle skips, and it counts as
 * missing here.
 */
export function compareMigrations(applied: readonly number[], expected: readonly number[] = CODE_MIGRATIONS): MigrationComparison {
  const inDatabase = new Set(applied);
  const inCode = new Set(expected);
  const found = expected.filter((m) => inDatabase.has(m)).length;
  const unknown = applied.filter((m) => !inCode.has(m)).length;
  return { found, unknown, state: unknown > 0 ? 'ahead' : found < expected.length ? 'behind' : 'current' };
}
