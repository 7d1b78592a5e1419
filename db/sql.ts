import { sql, type SQL } from 'drizzle-orm';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import { getReader, type Db } from './client';
import { DIALECT } from './dialect';

/**
 * The few things the two engines spell differently, for the queries the query builder cannot
 * write: raw queries run through all() on SQLite and execute() on PostgreSQL, and catalogue
 * tables differ. Everything else a use-case writes is the same SQL on both.
 */

/** The rows of a raw query, on either engine. */
export async function rawRows<T>(db: Db, query: SQL): Promise<T[]> {
  if (DIALECT === 'postgres') return (await (db as unknown as NodePgDatabase).execute(query)).rows as T[];
  return db.all<T>(query);
}

/** Whether the database has a table of this name yet (a database not yet migrated has none). */
export async function tableExists(name: string): Promise<boolean> {
  const query =
    DIALECT === 'postgres'
      ? sql`select 1 from pg_tables where schemaname = current_schema() and tablename = ${name}`
      : sql`select 1 from sqlite_master where type = 'table' and name = ${name}`;
  return (await rawRows(getReader(), query)).length > 0;
}
