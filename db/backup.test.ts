import { fork, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { closeDatabase, getReader, withTransaction } from '@/db/client';
import { DIALECT } from '@/db/dialect';
import { MIGRATIONS_FOLDER } from '@/db/sqlite';
import { customers, events, memberships, pointsLedger, registrations } from '@/db/schema';
import { filmPremiere } from '@/tests/events';
import { expectDerivedNumbersConsistent } from '@/tests/invariants';
import { adminQuery, databaseUrl } from '@/tests/postgres-setup';
import { queryOutside } from '@/tests/outside-connection';
import { withTempDatabase } from '@/tests/temp-database';
import { backupDatabase, backupTarget, DatabaseFileRefused, fileTimestamp, restoreDatabase, type RefusalReason } from './backup';
import { backupPostgres, restorePostgres } from './backup-postgres';
import { CONSISTENCY_CHECKS } from './consistency';

const live = withTempDatabase();
const NOW = Date.UTC(2027, 2, 1, 4);
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'club-hub-backup-'));
const customerIds: number[] = [];
let eventId = 0;
let files = 0;
const newFile = (name: string) => path.join(work, `${++files}-${name}`);

beforeAll(async () => {
  await withTransaction(async (tx) => {
    for (let i = 0; i < 20; i++) {
      const [row] = await tx.insert(customers).values({ mobile: `1860000${String(i).padStart(4, '0')}`, name: `客户${i}`, segment: 'postpaid', provinceCode: '440000' }).returning({ id: customers.id });
      await tx.insert(pointsLedger).values({ customerId: row!.id, delta: 1_000_000, reason: 'grant' });
      await tx.insert(memberships).values({ customerId: row!.id, clubCode: 'film', provinceCode: '440000', joinedAt: 0, joinChannel: 'hall' });
      customerIds.push(row!.id);
    }
    const [event] = await tx
      .insert(events)
      .values(filmPremiere(NOW, { capacity: 1000, pricePoints: 300, vipOpensAt: null }))
      .returning({ id: events.id });
    eventId = event!.id;
  });
});

afterAll(() => {
  fs.rmSync(work, { recursive: true, force: true });
});

/**
 * The write load of tests/write-load.ts in a child process, through the app's code. `committed`
 * fills with the ids of registrations as their transactions commit; `commits(n)` waits for n more.
 */
function startWriteLoad() {
  const committed: number[] = [];
  const waiting: { until: number; resolve: () => void }[] = [];
  const child = fork(path.join(process.cwd(), 'tests', 'write-load.ts'), {
    execArgv: ['--conditions=react-server', '--import', 'tsx'],
    env: { ...process.env, DATABASE_URL: live.path ?? process.env.DATABASE_URL, WRITE_WORKER: 'off', WRITE_LOAD: JSON.stringify({ customerIds, eventId, now: NOW }) },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.on('message', (message: { registrationId: number }) => {
    committed.push(message.registrationId);
    for (const w of waiting.filter((x) => committed.length >= x.until)) w.resolve();
  });
  return {
    child,
    committed,
    commits: (n: number) => new Promise<void>((resolve) => waiting.push({ until: committed.length + n, resolve })),
    stop: async () => {
      child.send('stop');
      await exited;
    },
    kill: async () => {
      child.kill('SIGKILL');
      await exited;
    },
  };
}

function readIds(file: string): number[] {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare('select id from registrations order by id').all() as { id: number }[]).map((r) => r.id);
  } finally {
    db.close();
  }
}

function leftovers(dir: string): string[] {
  return fs.readdirSync(dir).filter((f) => /\.(partial|restoring)-/.test(f));
}

// The SQLite file's own backup API, its checks and its locks; PostgreSQL's tools are tested below.
const onSqlite = DIALECT === 'sqlite';

describe.runIf(onSqlite)('backup', () => {
  it('copies one consistent snapshot while registrations commit, with every row committed before it began', async () => {
    const load = startWriteLoad();
    try {
      await load.commits(30);
      const before = [...load.committed];
      const target = newFile('during-load.db');
      // One page per step, and none until 30 more registrations committed: the copy is made while they do.
      let startedAt = -1;
      const remaining: number[] = [];
      const result = await backupDatabase(live.path, target, {
        onProgress: (progress) => {
          remaining.push(progress.remainingPages);
          if (startedAt < 0) startedAt = load.committed.length;
          return load.committed.length - startedAt >= 30 ? 1 : 0;
        },
      });
      const copied = readIds(target);
      const after = load.committed.length;
      await load.stop();

      expect(result.inspection).toMatchObject({ problems: [], checksRun: CONSISTENCY_CHECKS.length, migrationsBehind: 0, migrationsAhead: 0 });
      expect(result.pages).toBeGreaterThan(100);
      // Never restarted by the commits (a copy that restarts on each one never ends under a steady load).
      const restarts = remaining.filter((pages, i) => i > 0 && pages > remaining[i - 1]!).length;
      expect(restarts).toBe(0);
      expect(after - before.length).toBeGreaterThanOrEqual(30);
      expect(copied).toEqual(expect.arrayContaining(before));
      // A snapshot: every registration up to the newest copied one, none of the later ones.
      const newest = copied.at(-1)!;
      const liveIds = readIds(live.path);
      expect(copied).toEqual(liveIds.filter((id) => id <= newest));
      expect(liveIds.at(-1)!).toBeGreaterThan(newest);
      // A single file of the server's user only, nothing half-written beside it.
      expect(fs.statSync(target).mode & 0o777).toBe(0o600);
      expect(fs.existsSync(`${target}-wal`)).toBe(false);
      expect(leftovers(work)).toEqual([]);
    } finally {
      await load.kill();
    }
    await expectDerivedNumbersConsistent();
  });

  it('names the file after the time in a folder, and never overwrites one', async () => {
    const at = new Date(Date.UTC(2027, 2, 1, 4, 5, 6));
    expect(fileTimestamp(at)).toBe('20270301-040506');
    expect(backupTarget(`${work}/hourly/`, at)).toBe(path.join(work, 'hourly', 'club-hub-20270301-040506.db'));
    expect(backupTarget(work, at)).toBe(path.join(work, 'club-hub-20270301-040506.db'));
    expect(backupTarget(path.join(work, 'x.db'), at)).toBe(path.join(work, 'x.db'));
    const target = newFile('once.db');
    await backupDatabase(live.path, target);
    await expect(backupDatabase(live.path, target)).rejects.toMatchObject({ reason: 'exists' });
    await expect(backupDatabase(live.path, live.path)).rejects.toMatchObject({ reason: 'same_file' });
  });

  it('stops when told to, leaving nothing half-written', async () => {
    const target = newFile('interrupted.db');
    const interrupt = new AbortController();
    const copying = backupDatabase(live.path, target, {
      pagesPerStep: 1,
      signal: interrupt.signal,
      onProgress: () => interrupt.abort(),
    });
    await expect(copying).rejects.toMatchObject({ name: 'AbortError' });
    expect(fs.existsSync(target)).toBe(false);
    expect(leftovers(work)).toEqual([]);
  });

  it('reports a database that fails its checks, and keeps the faithful copy', async () => {
    const source = newFile('edited.db');
    await backupDatabase(live.path, source);
    const db = new Database(source);
    db.exec('drop trigger prepaid_balance_guard');
    db.prepare('update customers set prepaid_balance_fen = 100 where id = ?').run(customerIds[5]);
    db.close();
    const copy = newFile('of-edited.db');
    const result = await backupDatabase(source, copy);
    expect(result.inspection.problems).toEqual([{ reason: 'inconsistent', detail: expect.stringMatching(new RegExp(`^ledgers: 1 row\\(s\\).*"id":${customerIds[5]}`)) }]);
    expect(fs.existsSync(copy)).toBe(true);
  });
});

describe.runIf(onSqlite)('restore', () => {
  /** A copy of a fresh backup, changed by `spoil` on a connection of its own. */
  async function spoiledBackup(spoil: (db: Database.Database) => void): Promise<string> {
    const file = newFile('spoiled.db');
    await backupDatabase(live.path, file);
    const db = new Database(file);
    try {
      spoil(db);
    } finally {
      db.close();
    }
    return file;
  }

  /** A database to restore onto, the way a server leaves one, that nobody has open. */
  async function idleTarget(): Promise<{ file: string; inode: number }> {
    const file = newFile('target.db');
    await backupDatabase(live.path, file);
    return { file, inode: fs.statSync(file).ino };
  }

  async function expectRefused(backup: string, reason: RefusalReason, message: RegExp): Promise<void> {
    const target = await idleTarget();
    const refusal = await restoreDatabase(backup, target.file).then(
      () => null,
      (error: unknown) => error,
    );
    expect(refusal).toBeInstanceOf(DatabaseFileRefused);
    expect(refusal).toMatchObject({ reason, message: expect.stringMatching(message) });
    // Nothing replaced, nothing left behind.
    expect(fs.statSync(target.file).ino).toBe(target.inode);
    expect(fs.readdirSync(work).filter((f) => f.startsWith(path.basename(target.file)) && f !== path.basename(target.file))).toEqual([]);
    expect(leftovers(work)).toEqual([]);
  }

  it('refuses a damaged file', async () => {
    const damaged = newFile('damaged.db');
    await backupDatabase(live.path, damaged);
    const db = new Database(damaged, { readonly: true });
    const { rootpage } = db.prepare(`select rootpage from sqlite_master where name = 'registrations'`).get() as { rootpage: number };
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    db.close();
    const fd = fs.openSync(damaged, 'r+');
    fs.writeSync(fd, Buffer.alloc(pageSize, 0xa5), 0, pageSize, (rootpage - 1) * pageSize);
    fs.closeSync(fd);
    await expectRefused(damaged, 'corrupt', /damaged|integrity_check/);
  });

  it('refuses a file that is no database', async () => {
    const text = newFile('notes.txt');
    fs.writeFileSync(text, 'mobile,name\n18600000000,someone\n'.repeat(500));
    await expectRefused(text, 'not_a_database', /not an SQLite database/);
  });

  it('refuses a file whose balances disagree with their ledgers', async () => {
    const spoiled = await spoiledBackup((db) => {
      // The trigger refuses any change of a balance but through its ledger: only a damaged or edited file gets here.
      db.exec('drop trigger points_balance_guard');
      db.prepare('update customers set points_balance = points_balance + 7 where id = ?').run(customerIds[3]);
    });
    await expectRefused(spoiled, 'inconsistent', new RegExp(`ledgers: 1 row\\(s\\) break the rule.*"id":${customerIds[3]}`));
  });

  it('refuses a file written by newer code', async () => {
    const newer = await spoiledBackup((db) => db.prepare('insert into __drizzle_migrations (hash, created_at) values (?, ?)').run('from-the-future', Date.UTC(2100, 0, 1)));
    await expectRefused(newer, 'newer_code', /newer code: 1 of its migrations/);
  });

  it('refuses while another process has the database open, and replaces nothing', async () => {
    const backup = newFile('good.db');
    await backupDatabase(live.path, backup);
    const target = await idleTarget();
    const holder = spawn(process.execPath, ['-e', `const db = new (require('better-sqlite3'))(${JSON.stringify(target.file)}); db.pragma('journal_mode = WAL'); db.prepare('select count(*) from customers').get(); console.log('open'); setInterval(() => {}, 1000);`], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      await new Promise<void>((resolve) => holder.stdout.once('data', () => resolve()));
      await expect(restoreDatabase(backup, target.file)).rejects.toMatchObject({ reason: 'in_use', message: expect.stringMatching(/is in use/) });
      expect(fs.statSync(target.file).ino).toBe(target.inode);
      expect(leftovers(work)).toEqual([]);
    } finally {
      holder.kill('SIGKILL');
    }
  });

  /** A database migrated with this code's migrations but some: as an older version, or a bad merge, left it. */
  function migratedWithout(name: string, leaveOut: (entries: unknown[]) => unknown[]): { file: string; total: number } {
    const folder = path.join(work, `${name}-migrations`);
    fs.cpSync(MIGRATIONS_FOLDER, folder, { recursive: true });
    const journalFile = path.join(folder, 'meta', '_journal.json');
    const journal = JSON.parse(fs.readFileSync(journalFile, 'utf8')) as { entries: unknown[] };
    fs.writeFileSync(journalFile, JSON.stringify({ ...journal, entries: leaveOut(journal.entries) }));
    const file = newFile(`${name}.db`);
    const db = new Database(file);
    migrate(drizzle({ client: db }), { migrationsFolder: folder });
    db.close();
    return { file, total: journal.entries.length };
  }

  it('brings a backup of older code up to date with this code’s migrations before checking it', async () => {
    const { file: backup, total } = migratedWithout('older', (entries) => entries.slice(0, -3));
    const target = await idleTarget();
    const result = await restoreDatabase(backup, target.file);
    expect(result.inspection).toMatchObject({ problems: [], migrationsAppliedNow: 3, migrationsApplied: total, checksRun: CONSISTENCY_CHECKS.length });
    const restored = new Database(target.file, { readonly: true });
    expect(restored.prepare('select count(*) n from __drizzle_migrations').get()).toEqual({ n: total });
    restored.close();
  });

  it('refuses a file that lacks a migration the migrator would skip', async () => {
    // An index nothing after it needs, so that the later migrations run without it.
    const { file: gap } = migratedWithout('gap', (entries) => entries.filter((e) => (e as { tag: string }).tag !== '0018_attended_customers_index'));
    await expectRefused(gap, 'migrations_skipped', /1 of this code's migrations cannot be applied/);
  });

  it('moves aside a write-ahead log left without its database, so that it cannot be replayed into the restored file', async () => {
    const backup = newFile('for-empty-place.db');
    await backupDatabase(live.path, backup);
    // A valid log of another database, as a deleted database's would be.
    const other = newFile('other.db');
    const writer = new Database(other);
    writer.pragma('journal_mode = WAL');
    writer.pragma('wal_autocheckpoint = 0');
    writer.exec('create table customers (id integer primary key, name text)');
    writer.prepare('insert into customers (name) values (?)').run('not from the backup');
    const target = newFile('deleted.db');
    fs.copyFileSync(`${other}-wal`, `${target}-wal`);
    writer.close();

    const result = await restoreDatabase(backup, target);
    expect(result.keptAs).not.toBeNull();
    expect(fs.existsSync(`${result.keptAs}-wal`)).toBe(true);
    const restored = new Database(target, { readonly: true });
    expect(restored.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(restored.prepare('select count(*) n from customers').get()).toEqual({ n: customerIds.length });
    restored.close();
  });

  it('replaces an idle database after a crash, keeps the old one whole with its log folded in, and the app reads the restored data', async () => {
    const backup = newFile('before-crash.db');
    await backupDatabase(live.path, backup);
    const inBackup = readIds(backup);

    // A server killed mid-write: its last commits are only in the write-ahead log, beside the file.
    const load = startWriteLoad();
    await load.commits(20);
    await closeDatabase();
    await load.kill();
    const lost = load.committed.at(-1)!;
    expect(fs.statSync(`${live.path}-wal`).size).toBeGreaterThan(0);

    const at = new Date(Date.UTC(2027, 2, 1, 4));
    const result = await restoreDatabase(backup, live.path, { at });
    expect(result.keptAs).toBe(`${live.path}.before-restore-20270301-040000`);
    expect(readIds(result.keptAs!)).toContain(lost);
    for (const suffix of ['-wal', '-shm']) {
      expect(fs.existsSync(live.path + suffix)).toBe(false);
      expect(fs.existsSync(result.keptAs! + suffix)).toBe(false);
    }
    expect(fs.statSync(live.path).mode & 0o777).toBe(0o600);

    // The app's own connections, opened again, see the backup's data.
    const [restored] = await getReader().select({ n: count() }).from(registrations);
    expect(restored!.n).toBe(inBackup.length);
    expect(readIds(live.path)).not.toContain(lost);
    await expectDerivedNumbersConsistent();
  });
});

describe.runIf(onSqlite)('the command line', () => {
  const cli = (...args: string[]) =>
    new Promise<{ code: number | null; out: string }>((resolve) => {
      const child = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'scripts/db-backup.ts', ...args], {
        env: { ...process.env, DATABASE_URL: live.path },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
      child.on('exit', (code) => resolve({ code, out }));
    });

  it('backs up into a folder, refuses to restore while the app has the database open, and refuses a file that is no backup', async () => {
    const folder = path.join(work, 'cli');
    const backedUp = await cli('backup', `${folder}/`);
    expect(backedUp).toMatchObject({ code: 0, out: expect.stringMatching(new RegExp(`quick_check ok, ${CONSISTENCY_CHECKS.length} consistency checks ok`)) });
    expect(fs.readdirSync(folder)).toEqual([expect.stringMatching(/^club-hub-\d{8}-\d{6}\.db$/)]);

    // This process's own connections, as a running server's.
    await getReader().select({ n: count() }).from(customers);
    const inUse = await cli('restore', path.join(folder, fs.readdirSync(folder)[0]!));
    expect(inUse).toMatchObject({ code: 3, out: expect.stringMatching(/is in use[\s\S]*Nothing was replaced/) });

    await closeDatabase();
    const notABackup = await cli('restore', path.join(process.cwd(), 'package.json'));
    expect(notABackup).toMatchObject({ code: 4, out: expect.stringMatching(/not an SQLite database[\s\S]*Nothing was replaced/) });
  });
});

describe.runIf(DIALECT === 'postgres')('backup and restore on PostgreSQL (pg_dump, pg_restore)', () => {
  const server = () => process.env.TEST_POSTGRES_URL!;
  const liveUrl = () => process.env.DATABASE_URL!;
  const created: string[] = [];
  let databases = 0;
  /** A database name of this test's own on the test server (created by a restore, dropped afterwards). */
  const newDatabase = (label: string) => {
    const name = `club_hub_test_${process.pid}_${label}_${++databases}`;
    created.push(name);
    return { name, url: databaseUrl(server(), name) };
  };
  afterAll(async () => {
    for (const name of created) await adminQuery(server(), `drop database if exists ${name} with (force)`);
  });

  const registrationIds = async (url: string) =>
    (await query<{ id: number }>(url, 'select id from registrations order by id')).map((r) => Number(r.id));
  async function query<T>(url: string, statement: string, params: unknown[] = []): Promise<T[]> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query(statement, params)).rows as T[];
    } finally {
      await client.end();
    }
  }
  const databaseNames = async (prefix: string) =>
    (await query<{ datname: string }>(databaseUrl(server(), 'postgres'), 'select datname from pg_database where datname like $1', [`${prefix}%`])).map((r) => r.datname);

  /** A backup of the live database while `spoil` holds (undone right after the dump). */
  async function spoiledBackup(spoil: string[], undo: string[]): Promise<string> {
    // Past the triggers that refuse such edits: only a hand-edited database gets here.
    const asReplica = (statements: string[]) => ['set session_replication_role = replica', ...statements].join('; ');
    await queryOutside(live.path, asReplica(spoil));
    try {
      const file = newFile('spoiled.dump');
      await backupPostgres(liveUrl(), file);
      return file;
    } finally {
      await queryOutside(live.path, asReplica(undo));
    }
  }

  async function expectRefused(backup: string, reason: RefusalReason, message: RegExp): Promise<void> {
    const target = newDatabase('target');
    await restorePostgres(good, target.url);
    const before = await registrationIds(target.url);
    const refusal = await restorePostgres(backup, target.url).then(
      () => null,
      (error: unknown) => error,
    );
    expect(refusal).toBeInstanceOf(DatabaseFileRefused);
    expect(refusal).toMatchObject({ reason, message: expect.stringMatching(message) });
    // Nothing replaced, nothing left behind.
    expect(await registrationIds(target.url)).toEqual(before);
    expect(await databaseNames(`${target.name}_`)).toEqual([]);
  }

  let good = '';

  it('dumps one consistent snapshot while registrations commit, checked in that snapshot, and it restores whole', async () => {
    const load = startWriteLoad();
    let result;
    let before: number[];
    try {
      await load.commits(20);
      before = [...load.committed];
      good = newFile('during-load.dump');
      result = await backupPostgres(liveUrl(), good);
      await load.commits(10);
    } finally {
      await load.stop();
    }
    expect(result.inspection).toMatchObject({ integrityCheck: 'pg_restore', problems: [], checksRun: CONSISTENCY_CHECKS.length, migrationsBehind: 0, migrationsAhead: 0 });
    expect(fs.statSync(good).mode & 0o777).toBe(0o600);
    expect(leftovers(work)).toEqual([]);

    const copy = newDatabase('copy');
    expect(await restorePostgres(good, copy.url)).toMatchObject({ keptAs: null, inspection: { problems: [], checksRun: CONSISTENCY_CHECKS.length } });
    const copied = await registrationIds(copy.url);
    expect(copied).toEqual(expect.arrayContaining(before));
    // A snapshot: every registration up to the newest copied one, none of the later ones.
    const newest = copied.at(-1)!;
    const liveIds = await registrationIds(liveUrl());
    expect(copied).toEqual(liveIds.filter((id) => id <= newest));
    expect(liveIds.at(-1)!).toBeGreaterThan(newest);
    await expectDerivedNumbersConsistent();
  });

  it('names the archive after the time in a folder, and never overwrites one', async () => {
    const at = new Date(Date.UTC(2027, 2, 1, 4, 5, 6));
    expect(backupTarget(`${work}/hourly/`, at, '.dump')).toBe(path.join(work, 'hourly', 'club-hub-20270301-040506.dump'));
    await expect(backupPostgres(liveUrl(), good)).rejects.toMatchObject({ reason: 'exists' });
    await expect(backupPostgres(databaseUrl(server(), 'club_hub_no_such_database'), newFile('none.dump'))).rejects.toMatchObject({ reason: 'missing' });
  });

  it('refuses a file that is no backup: text, or an SQLite file', async () => {
    const text = newFile('notes.txt');
    fs.writeFileSync(text, 'mobile,name\n18600000000,someone\n'.repeat(500));
    await expectRefused(text, 'not_a_database', /not a PostgreSQL backup/);
    const sqliteFile = newFile('sqlite.db');
    const sqlite = new Database(sqliteFile);
    sqlite.exec('create table customers (id integer primary key)');
    sqlite.close();
    await expectRefused(sqliteFile, 'not_a_database', /not a PostgreSQL backup/);
  });

  it('reports a database whose balances disagree with their ledgers, and refuses to restore it', async () => {
    const [customer] = customerIds;
    const spoiled = await spoiledBackup([`update customers set points_balance = points_balance + 7 where id = ${customer}`], [`update customers set points_balance = points_balance - 7 where id = ${customer}`]);
    await expectRefused(spoiled, 'inconsistent', new RegExp(`ledgers: 1 row\\(s\\) break the rule.*"id":${customer}`));
  });

  it('refuses a backup written by newer code', async () => {
    const newer = await spoiledBackup(
      [`insert into drizzle.__drizzle_migrations (hash, created_at) values ('from-the-future', ${Date.UTC(2100, 0, 1)})`],
      [`delete from drizzle.__drizzle_migrations where hash = 'from-the-future'`],
    );
    await expectRefused(newer, 'newer_code', /newer code: 1 of its migrations/);
  });

  it('refuses while another connection has the database, then replaces an idle one and keeps the old one aside', async () => {
    const target = newDatabase('swap');
    await restorePostgres(good, target.url);
    const holder = new pg.Client({ connectionString: target.url });
    await holder.connect();
    try {
      await expect(restorePostgres(good, target.url)).rejects.toMatchObject({ reason: 'in_use', message: expect.stringMatching(/is in use/) });
    } finally {
      await holder.end();
    }
    expect(await databaseNames(`${target.name}_`)).toEqual([]);

    await query(target.url, `insert into provinces (code, name_zh, name_en, sort_order) values ('990001', '旧', 'Old', 1)`);
    const result = await restorePostgres(good, target.url, { at: new Date(Date.UTC(2027, 2, 1, 4)) });
    expect(result.keptAs).toBe(`${target.name}_before_restore_20270301_040000`);
    created.push(result.keptAs!);
    expect(await query(target.url, `select code from provinces where code = '990001'`)).toEqual([]);
    expect(await query(databaseUrl(server(), result.keptAs!), `select code from provinces where code = '990001'`)).toEqual([{ code: '990001' }]);
  });

  it('backs up and restores from the command line, with the same refusals', async () => {
    const cli = (...args: string[]) =>
      new Promise<{ code: number | null; out: string }>((resolve) => {
        const child = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'scripts/db-backup.ts', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
        child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
        child.on('exit', (code) => resolve({ code, out }));
      });
    const folder = path.join(work, 'cli-pg');
    const backedUp = await cli('backup', `${folder}/`);
    expect(backedUp).toMatchObject({ code: 0, out: expect.stringMatching(new RegExp(`archive read back by pg_restore, ${CONSISTENCY_CHECKS.length} consistency checks ok`)) });
    expect(fs.readdirSync(folder)).toEqual([expect.stringMatching(/^club-hub-\d{8}-\d{6}\.dump$/)]);

    // This process's own connections, as a running server's.
    await getReader().select({ n: count() }).from(customers);
    const inUse = await cli('restore', path.join(folder, fs.readdirSync(folder)[0]!));
    expect(inUse).toMatchObject({ code: 3, out: expect.stringMatching(/is in use[\s\S]*Nothing was replaced/) });

    const notABackup = await cli('restore', path.join(process.cwd(), 'package.json'));
    expect(notABackup).toMatchObject({ code: 4, out: expect.stringMatching(/not a PostgreSQL backup[\s\S]*Nothing was replaced/) });
  });
});
