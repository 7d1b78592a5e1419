import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { closeDatabase, migrateDatabase } from '@/db/client';
import { ensureReferenceData } from '@/db/seed';

/**
 * Points this test file at a fresh SQLite file with migrations and reference data applied, and
 * removes it afterwards. Each vitest file runs in its own process, so the database handle is its own.
 */
export function withTempDatabase(options: { referenceData?: boolean } = {}): { path: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'club-hub-test-'));
  const file = path.join(dir, 'test.db');
  beforeAll(async () => {
    await closeDatabase();
    process.env.DATABASE_URL = file;
    await migrateDatabase();
    if (options.referenceData !== false) await ensureReferenceData();
  });
  afterAll(async () => {
    await closeDatabase();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return { path: file };
}
