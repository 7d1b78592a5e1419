import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { besideDatabase, busyTimeoutMs, checkDatabaseUrl, databaseName, resolveDatabasePath, synchronousMode } from './config';
import { closeDatabase, migrateDatabase, withTransaction } from './client';
import { DIALECT } from './dialect';
import { provinces } from './schema';

describe('database settings from the environment', () => {
  it('syncs commits NORMAL by default and FULL on request, and refuses anything else', () => {
    expect(synchronousMode(undefined)).toBe('NORMAL');
    expect(synchronousMode('normal')).toBe('NORMAL');
    expect(synchronousMode(' FULL ')).toBe('FULL');
    expect(() => synchronousMode('off')).toThrow(/SQLITE_SYNCHRONOUS/);
    expect(() => synchronousMode('extra')).toThrow(/SQLITE_SYNCHRONOUS/);
  });

  it("waits 5 s for another process's write lock by default, or the whole milliseconds given", () => {
    expect(busyTimeoutMs(undefined)).toBe(5000);
    expect(busyTimeoutMs('')).toBe(5000);
    expect(busyTimeoutMs('250')).toBe(250);
    expect(busyTimeoutMs('0')).toBe(0);
    for (const bad of ['-1', '1.5', 'soon', '1e3x']) expect(() => busyTimeoutMs(bad), bad).toThrow(/SQLITE_BUSY_TIMEOUT_MS/);
  });

  it('takes a path, a file: URL or a PostgreSQL URL, and refuses any other URL', () => {
    expect(resolveDatabasePath('file:/tmp/x.db')).toBe('/tmp/x.db');
    expect(resolveDatabasePath('/tmp/y.db')).toBe('/tmp/y.db');
    expect(() => resolveDatabasePath('postgres://db/club')).toThrow(/SQLite file only/);
    expect(() => checkDatabaseUrl('postgresql://db/club')).not.toThrow();
    for (const other of ['mysql://db/club', 'http://example.com/db']) expect(() => checkDatabaseUrl(other), other).toThrow(/is not supported/);
  });

  it('names a PostgreSQL database without its password, and keeps its files under .data', () => {
    expect(databaseName('postgres://club:secret@db.example.cn:5433/club_hub')).toBe('postgres://club:****@db.example.cn:5433/club_hub');
    expect(databaseName('/tmp/y.db')).toBe('/tmp/y.db');
    expect(besideDatabase('.demo-password', '/tmp/y.db')).toBe('/tmp/y.db.demo-password');
    expect(besideDatabase('.demo-password', 'postgres://club@db.example.cn/club_hub')).toBe(path.join(process.cwd(), '.data', 'postgres-db.example.cn-5432-club_hub.demo-password'));
  });
});

// The file and its folder are SQLite's; PostgreSQL's server keeps its own files.
describe.skipIf(DIALECT === 'postgres')('a new database', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'club-hub-perm-'));
  afterAll(async () => {
    await closeDatabase();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('is created readable by its owner only (file and log 0600, new folder 0700)', async () => {
    const file = path.join(root, 'new', 'folder', 'club.db');
    await closeDatabase();
    process.env.DATABASE_URL = file;
    await migrateDatabase();
    await withTransaction((tx) => tx.insert(provinces).values({ code: '990001', nameZh: '测试', nameEn: 'Test', sortOrder: 1 }));
    const mode = (p: string) => fs.statSync(p).mode & 0o777;
    expect(mode(path.dirname(file))).toBe(0o700);
    expect(mode(file)).toBe(0o600);
    expect(mode(`${file}-wal`)).toBe(0o600);
    expect(mode(`${file}-shm`)).toBe(0o600);
  });
});
