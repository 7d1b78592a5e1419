import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareCatalogues, readPostgresCatalogue, readSqliteCatalogue, type Catalogue } from '@/tests/schema-catalogue';
import { withTempDatabase } from '@/tests/temp-database';
import { DIALECT } from './dialect';

/**
 * The two engines' migrations (db/migrations, db/migrations-pg) must build the same schema: both
 * are generated from db/schema, but a migration generated for one engine only, or a custom one
 * (triggers, views) written for one, would let them drift. The test migrates a PostgreSQL database
 * (this file's, from the suite's migrated template) and a SQLite file of its own, reads both
 * catalogues and compares them. It needs a PostgreSQL server, so it runs in the PostgreSQL suite
 * (TEST_DATABASE=postgres), which CI runs as well as the SQLite one.
 */
const onPostgres = DIALECT === 'postgres';

describe.skipIf(!onPostgres)('the SQLite and PostgreSQL schemas (needs a PostgreSQL server: runs with TEST_DATABASE=postgres)', () => {
  withTempDatabase({ referenceData: false });
  let dir: string;
  let sqliteFile: string;
  let client: pg.Client;
  let sqlite: Catalogue;
  let postgres: Catalogue;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'club-hub-parity-'));
    sqliteFile = path.join(dir, 'schema.db');
    const db = new Database(sqliteFile);
    try {
      migrate(drizzle({ client: db }), { migrationsFolder: path.join(process.cwd(), 'db', 'migrations') });
      sqlite = readSqliteCatalogue(db);
    } finally {
      db.close();
    }
    client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    postgres = await readPostgresCatalogue(client);
  });

  afterAll(async () => {
    await client?.end();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('have the same tables, columns, keys, constraints, indexes, views and triggers', () => {
    expect(Object.keys(sqlite.tables).length).toBeGreaterThan(30);
    expect(Object.keys(sqlite.triggers).length).toBeGreaterThanOrEqual(22);
    expect(compareCatalogues(sqlite, postgres)).toEqual([]);
  });

  it('differ when a column is added to the SQLite schema only', () => {
    const copy = path.join(dir, 'drifted.db');
    fs.copyFileSync(sqliteFile, copy);
    const db = new Database(copy);
    try {
      db.exec('alter table events add column drift_note text');
      expect(compareCatalogues(readSqliteCatalogue(db), postgres)).toEqual(['column events.drift_note: only in sqlite']);
    } finally {
      db.close();
    }
  });

  it('differ when PostgreSQL alone gains a column, loses a trigger, a check or a procedure, or indexes other columns', async () => {
    await client.query('begin');
    try {
      await client.query('alter table customers add column drift_score bigint');
      await client.query('drop trigger halls_rename on halls');
      await client.query('alter table customers drop constraint customers_points_nonnegative');
      await client.query('drop index events_start');
      await client.query('create index events_start on events (starts_at, capacity)');
      await client.query('drop function participation_recompute');
      const differences = compareCatalogues(sqlite, await readPostgresCatalogue(client));
      expect(differences).toContain('column customers.drift_score: only in postgres');
      expect(differences).toContain('trigger halls_rename: only in sqlite');
      expect(differences.some((d) => d.startsWith('table customers checks: ') && d.includes('customers_points_nonnegative'))).toBe(true);
      expect(differences.some((d) => d.startsWith('index events_start: '))).toBe(true);
      expect(differences).toContain('procedure participation_recompute: only in sqlite');
      expect(differences).toHaveLength(5);
    } finally {
      await client.query('rollback');
    }
  });

  it("put an event's attendance in the same Beijing month (event_months, written for each engine)", async () => {
    // The last and first milliseconds of a Beijing year, and of a quarter; one before 1970.
    const instants = [Date.UTC(2026, 11, 31, 15, 59, 59, 999), Date.UTC(2026, 11, 31, 16), Date.UTC(2027, 2, 31, 15, 59, 59, 999), Date.UTC(2027, 2, 31, 16), Date.UTC(1969, 11, 31, 16) - 1];
    const eventRows = instants.map((at, i) => `(${i + 1}, 'music', '440000', 'music_fan_event', 'e', 'v', ${at}, ${at + 1}, 1, ${at - 2}, ${at - 1}, '[]', 0)`).join(', ');
    const inserts = [
      `insert into provinces (code, name_zh, name_en, sort_order) values ('440000', '广东', 'Guangdong', 1)`,
      `insert into clubs (code, name_zh, name_en, description_zh, description_en, min_events_per_year, allowed_segments, sort_order) values ('music', '音乐', 'Music', '', '', 0, '[]', 1)`,
      `insert into events (id, club_code, province_code, kind, title_zh, venue, starts_at, ends_at, capacity, reg_opens_at, reg_closes_at, eligible_segments, created_at) values ${eventRows}`,
    ];
    const keysQuery = `select event_id, month from event_months order by event_id`;

    const copy = path.join(dir, 'periods.db');
    fs.copyFileSync(sqliteFile, copy);
    const db = new Database(copy);
    let sqliteKeys: unknown[];
    try {
      for (const statement of inserts) db.exec(statement);
      sqliteKeys = db.prepare(keysQuery).all();
    } finally {
      db.close();
    }
    await client.query('begin');
    let postgresKeys: unknown[];
    try {
      for (const statement of inserts) await client.query(statement);
      postgresKeys = (await client.query(keysQuery)).rows.map((r: Record<string, unknown>) => ({ ...r, event_id: Number(r.event_id) }));
    } finally {
      await client.query('rollback');
    }
    expect(sqliteKeys.slice(0, 4)).toEqual([
      { event_id: 1, month: '2026-12' },
      { event_id: 2, month: '2027-01' },
      { event_id: 3, month: '2027-03' },
      { event_id: 4, month: '2027-04' },
    ]);
    expect(postgresKeys).toEqual(sqliteKeys);
  });
});
