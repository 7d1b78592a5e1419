import { sql } from 'drizzle-orm';
import type { Db } from './client';
import journal from './migrations/meta/_journal.json';

/** The migrations this code has, by the time drizzle records for each (the journal's `when`). */
export const CODE_MIGRATIONS: readonly number[] = journal.entries.map((e) => e.when);

/**
 * When each migration applied to the database was made (drizzle's `__drizzle_migrations.created_at`,
 * the journal's `when`); none when the database was never migrated. SQLite-specific: drizzle keeps
 * the table elsewhere on PostgreSQL.
 */
export function readAppliedMigrations(reader: Pick<Db, 'all'>): number[] {
  const [table] = reader.all(sql`select 1 as found from sqlite_master where type = 'table' and name = '__drizzle_migrations'`);
  if (!table) return [];
  return reader.all<{ at: number | string }>(sql`select created_at as at from __drizzle_migrations`).map((r) => Number(r.at));
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
