import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { startCheckpointer, stopCheckpointer } from './checkpointer';
import { DIALECT } from './dialect';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'club-hub-checkpoint-'));
const savedUrl = process.env.DATABASE_URL;

afterEach(async () => {
  await stopCheckpointer();
  process.env.DATABASE_URL = savedUrl;
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A database whose writer never checkpoints itself, with `rows` rows committed to its log. */
function databaseWithLog(name: string, rows: number) {
  const file = path.join(dir, name);
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('wal_autocheckpoint = 0');
  db.exec('create table notes (id integer primary key, body text not null)');
  const insert = db.prepare('insert into notes (body) values (?)');
  db.transaction(() => {
    for (let i = 0; i < rows; i++) insert.run(`第${i}条 ${'x'.repeat(200)}`);
  })();
  return { file, db };
}

// SQLite's write-ahead log only; PostgreSQL checkpoints by itself.
describe.skipIf(DIALECT === 'postgres')('the background checkpointer', () => {
  it('copies what the writers committed to the log into the database file, while the writer goes on', async () => {
    const { file, db } = databaseWithLog('busy.db', 5000);
    const before = fs.statSync(file).size;
    expect(before).toBeLessThan(64 * 1024);
    process.env.DATABASE_URL = file;
    startCheckpointer(20);
    await expect.poll(() => fs.statSync(file).size, { timeout: 5000 }).toBeGreaterThan(1024 * 1024);
    // The writer is not locked out by it.
    db.prepare('insert into notes (body) values (?)').run('最后一条');
    expect(db.prepare('select count(*) as n from notes').get()).toEqual({ n: 5001 });
    db.close();
  });

  // The control: the file grows above because of the checkpointer, not of the writer.
  it('leaves the log alone when it does not run', async () => {
    const { file, db } = databaseWithLog('idle.db', 5000);
    const before = fs.statSync(file).size;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(fs.statSync(file).size).toBe(before);
    db.close();
  });
});
