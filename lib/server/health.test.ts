import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { closeDatabase } from '@/db/client';
import journal from '@/db/migrations/meta/_journal.json';
import packageJson from '@/package.json';
import { withTempDatabase } from '@/tests/temp-database';
import { checkHealth } from './health';

const database = withTempDatabase({ referenceData: false });
const expected = journal.entries.length;
const newest = Math.max(...journal.entries.map((e) => e.when));

/** Another process's connection to the same file, as an operator's shell or a second script would have. */
function outside<T>(fn: (db: Database.Database) => T): T {
  const db = new Database(database.path);
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

describe('checkHealth', () => {
  afterEach(() => {
    outside((db) => db.prepare('delete from __drizzle_migrations where created_at > ?').run(newest));
  });

  it('is ok when the database answers and holds exactly the code migrations', async () => {
    expect(await checkHealth()).toEqual({
      status: 'ok',
      database: 'ok',
      migrations: { applied: expected, expected, state: 'current' },
      version: packageJson.version,
    });
  });

  it('is unavailable when a migration of the code is missing', async () => {
    // drizzle's `id SERIAL` is no rowid alias in SQLite (it stays null): rows are told apart by rowid.
    const last = outside((db) => db.prepare('select rowid, hash, created_at from __drizzle_migrations order by created_at desc limit 1').get()) as { rowid: number; hash: string; created_at: number };
    outside((db) => db.prepare('delete from __drizzle_migrations where rowid = ?').run(last.rowid));
    try {
      expect(await checkHealth()).toMatchObject({ status: 'unavailable', database: 'ok', migrations: { applied: expected - 1, expected, state: 'behind' } });
    } finally {
      outside((db) => db.prepare('insert into __drizzle_migrations (hash, created_at) values (?, ?)').run(last.hash, last.created_at));
    }
    expect((await checkHealth()).status).toBe('ok');
  });

  it('counts a migration older than the newest applied one but never run as missing (drizzle would skip it)', async () => {
    const merged = Math.min(...journal.entries.map((e) => e.when)) + 1;
    expect(await checkHealth([...journal.entries.map((e) => e.when), merged])).toMatchObject({ status: 'unavailable', migrations: { applied: expected, expected: expected + 1, state: 'behind' } });
  });

  it('is unavailable when the database is newer than the code', async () => {
    outside((db) => db.prepare('insert into __drizzle_migrations (hash, created_at) values (?, ?)').run('from-a-newer-release', newest + 60_000));
    expect(await checkHealth()).toMatchObject({ status: 'unavailable', database: 'ok', migrations: { applied: expected, expected, state: 'ahead' } });
  });

  it('answers at once while another connection holds the write lock', async () => {
    const other = new Database(database.path);
    try {
      other.pragma('busy_timeout = 0');
      other.exec('BEGIN IMMEDIATE');
      other.prepare('insert into __drizzle_migrations (hash, created_at) values (?, ?)').run('uncommitted', newest + 1);
      const started = performance.now();
      const report = await checkHealth();
      expect(performance.now() - started).toBeLessThan(200);
      // What the other connection has not committed is not seen.
      expect(report).toMatchObject({ status: 'ok', migrations: { state: 'current' } });
      other.exec('ROLLBACK');
    } finally {
      other.close();
    }
  });

  it('is unavailable, without details, when the database file cannot be read', async () => {
    const previous = process.env.DATABASE_URL;
    const garbage = path.join(path.dirname(database.path), 'not-a-database.db');
    fs.writeFileSync(garbage, 'this is not an SQLite file, but it is long enough to have a header. '.repeat(20));
    await closeDatabase();
    process.env.DATABASE_URL = garbage;
    try {
      const report = await checkHealth();
      expect(report).toEqual({ status: 'unavailable', database: 'unavailable', migrations: null, version: packageJson.version });
    } finally {
      await closeDatabase();
      process.env.DATABASE_URL = previous;
    }
    expect((await checkHealth()).status).toBe('ok');
  });
});
