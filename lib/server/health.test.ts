import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { closeDatabase } from '@/db/client';
import { DIALECT } from '@/db/dialect';
import { codeMigrations } from '@/db/migration-state';
import packageJson from '@/package.json';
import { openOutside, queryOutside } from '@/tests/outside-connection';
import { withTempDatabase } from '@/tests/temp-database';
import { checkHealth } from './health';

const database = withTempDatabase({ referenceData: false });
const migrations = codeMigrations();
const expected = migrations.length;
const newest = Math.max(...migrations);
// drizzle keeps its record in a schema of its own on PostgreSQL. Its `id SERIAL` is no rowid alias
// in SQLite (it stays null): there rows are told apart by rowid.
const RECORDS = DIALECT === 'postgres' ? 'drizzle.__drizzle_migrations' : '__drizzle_migrations';
const ROW = DIALECT === 'postgres' ? 'id' : 'rowid';

/** A statement from another process's connection, as an operator's shell or a second script would run it. */
const outside = (statement: string, params: unknown[] = []) => queryOutside(database.path, statement, params);

describe('checkHealth', () => {
  afterEach(async () => {
    await outside(`delete from ${RECORDS} where created_at > ?`, [newest]);
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
    const [last] = await outside(`select ${ROW} as row, hash, created_at from ${RECORDS} order by created_at desc limit 1`);
    await outside(`delete from ${RECORDS} where ${ROW} = ?`, [last!.row]);
    try {
      expect(await checkHealth()).toMatchObject({ status: 'unavailable', database: 'ok', migrations: { applied: expected - 1, expected, state: 'behind' } });
    } finally {
      await outside(`insert into ${RECORDS} (hash, created_at) values (?, ?)`, [last!.hash, last!.created_at]);
    }
    expect((await checkHealth()).status).toBe('ok');
  });

  it('counts a migration older than the newest applied one but never run as missing (drizzle would skip it)', async () => {
    const merged = Math.min(...migrations) + 1;
    expect(await checkHealth([...migrations, merged])).toMatchObject({ status: 'unavailable', migrations: { applied: expected, expected: expected + 1, state: 'behind' } });
  });

  it('is unavailable when the database is newer than the code', async () => {
    await outside(`insert into ${RECORDS} (hash, created_at) values (?, ?)`, ['from-a-newer-release', newest + 60_000]);
    expect(await checkHealth()).toMatchObject({ status: 'unavailable', database: 'ok', migrations: { applied: expected, expected, state: 'ahead' } });
  });

  it('answers at once while another connection holds the write lock', async () => {
    const other = await openOutside(database.path);
    try {
      await other.lockWrites();
      await other.query(`insert into ${RECORDS} (hash, created_at) values (?, ?)`, ['uncommitted', newest + 1]);
      const started = performance.now();
      const report = await checkHealth();
      expect(performance.now() - started).toBeLessThan(200);
      // What the other connection has not committed is not seen.
      expect(report).toMatchObject({ status: 'ok', migrations: { state: 'current' } });
      await other.query('rollback');
    } finally {
      await other.close();
    }
  });

  it('is unavailable, without details, when the database cannot be read', async () => {
    const previous = process.env.DATABASE_URL!;
    let unreadable: string;
    if (DIALECT === 'postgres') {
      const url = new URL(previous);
      url.pathname = '/club_hub_no_such_database';
      unreadable = url.href;
    } else {
      unreadable = path.join(path.dirname(database.path), 'not-a-database.db');
      fs.writeFileSync(unreadable, 'this is not an SQLite file, but it is long enough to have a header. '.repeat(20));
    }
    await closeDatabase();
    process.env.DATABASE_URL = unreadable;
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
