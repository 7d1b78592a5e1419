import { sql } from 'drizzle-orm';
import type { Db } from './client';

/**
 * When each migration applied to the database was made (drizzle's `__drizzle_migrations.created_at`,
 * the journal's `when`); none when the database was never migrated. SQLite-specific: drizzle keeps
 * the table elsewhere on PostgreSQL.
 */
export function readAppliedMigrations(reader: Db): number[] {
  const [table] = reader.all(sql`select 1 as found from sqlite_master where type = 'table' and name = '__drizzle_migrations'`);
  if (!table) return [];
  return reader.all<{ at: number | string }>(sql`select created_at as at from __drizzle_migrations`).map((r) => Number(r.at));
}
