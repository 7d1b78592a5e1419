import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { closeDatabase, migrateDatabase } from '@/db/client';
import { besideDatabase } from '@/db/config';
import { DIALECT } from '@/db/dialect';
import { ensureReferenceData } from '@/db/seed';
import { adminQuery, databaseUrl, templateName } from './postgres-setup';

/**
 * Points this test file at a fresh database with migrations and reference data applied, and
 * removes it afterwards: a temporary SQLite file, or on PostgreSQL (TEST_DATABASE=postgres) a
 * database copied from the migrated template (tests/postgres-setup.ts). Each vitest file runs in
 * its own process, so the database handle is its own. `path` is the SQLite file (undefined on
 * PostgreSQL: a test that opens the file itself is about SQLite only).
 */
export function withTempDatabase(options: { referenceData?: boolean } = {}): { path: string } {
  const database = DIALECT === 'postgres' ? postgresDatabase() : sqliteDatabase();
  beforeAll(async () => {
    await closeDatabase();
    process.env.DATABASE_URL = await database.create();
    await migrateDatabase();
    if (options.referenceData !== false) await ensureReferenceData();
  });
  afterAll(async () => {
    await closeDatabase();
    await database.remove();
  });
  return { path: database.path };
}

function sqliteDatabase() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'club-hub-test-'));
  const file = path.join(dir, 'test.db');
  return { path: file, create: async () => file, remove: async () => fs.rmSync(dir, { recursive: true, force: true }) };
}

let databases = 0;

function postgresDatabase() {
  const server = process.env.TEST_POSTGRES_URL!;
  const name = `club_hub_test_${process.pid}_${++databases}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = (statement: string) => adminQuery(server, statement);
  return {
    path: undefined as unknown as string,
    create: async () => {
      await admin(`create database ${name} template ${templateName()}`);
      return databaseUrl(server, name);
    },
    remove: async () => {
      await admin(`drop database if exists ${name} with (force)`);
      // What lives beside it, under .data/ for a PostgreSQL database (its demo password).
      fs.rmSync(besideDatabase('.demo-password', databaseUrl(server, name)), { force: true });
    },
  };
}

/**
 * Another database of the test's own, empty (not migrated), for tests that set several up: a file
 * in `dir` on SQLite, a new database on the test server on PostgreSQL. `url` is what DATABASE_URL
 * says for it; `remove` deletes it (a no-op for the file: `dir` goes with the test).
 */
export async function createEmptyDatabase(dir: string, name: string): Promise<{ url: string; remove: () => Promise<void> }> {
  if (DIALECT !== 'postgres') return { url: path.join(dir, name), remove: async () => {} };
  const server = process.env.TEST_POSTGRES_URL!;
  const database = `club_hub_test_${process.pid}_${++databases}_${name.replace(/\W/g, '_')}`;
  await adminQuery(server, `create database ${database}`);
  const url = databaseUrl(server, database);
  return {
    url,
    remove: async () => {
      await adminQuery(server, `drop database if exists ${database} with (force)`);
      fs.rmSync(besideDatabase('.demo-password', url), { force: true });
    },
  };
}
