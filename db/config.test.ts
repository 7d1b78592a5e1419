import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { besideDatabase, busyTimeoutMs, DatabaseUrlError, databaseName, DEFAULT_DATABASE_PATH, parseDatabaseUrl, resolveDatabasePath, synchronousMode } from './config';
import { closeDatabase, migrateDatabase, withTransaction } from './client';
import { DIALECT, dialectOf } from './dialect';
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

  it('takes a path or a file: URL for the SQLite file, resolved against the working directory', () => {
    const cwd = process.cwd();
    expect(parseDatabaseUrl(undefined)).toEqual({ engine: 'sqlite', file: DEFAULT_DATABASE_PATH });
    expect(parseDatabaseUrl('  ')).toEqual({ engine: 'sqlite', file: DEFAULT_DATABASE_PATH });
    expect(resolveDatabasePath('/tmp/y.db')).toBe('/tmp/y.db');
    expect(resolveDatabasePath('.data/large.db')).toBe(path.join(cwd, '.data', 'large.db'));
    expect(resolveDatabasePath('./odd:name.db')).toBe(path.join(cwd, 'odd:name.db'));
    expect(resolveDatabasePath('file:/tmp/x.db')).toBe('/tmp/x.db');
    expect(resolveDatabasePath('file:///tmp/x.db')).toBe('/tmp/x.db');
    expect(resolveDatabasePath('file://localhost/tmp/x.db')).toBe('/tmp/x.db');
    expect(resolveDatabasePath('file:///tmp/with%20space.db')).toBe('/tmp/with space.db');
    expect(resolveDatabasePath('FILE:data/z.db')).toBe(path.join(cwd, 'data', 'z.db'));
    expect(resolveDatabasePath('file:data/z.db')).toBe(path.join(cwd, 'data', 'z.db'));
    expect(() => resolveDatabasePath('file://fileserver/share/club.db')).toThrow(/DATABASE_URL .*not a file URL of this machine/);
  });

  it('takes a Windows path (a drive letter) for a file, not for a URL scheme', () => {
    for (const windows of ['C:\\data\\club.db', 'D:/club-hub/club.db']) {
      const target = parseDatabaseUrl(windows);
      expect(target.engine, windows).toBe('sqlite');
      expect(target.engine === 'sqlite' && target.file.endsWith('club.db'), windows).toBe(true);
    }
  });

  it('takes postgres:// and postgresql://, with a percent-encoded password of special characters', () => {
    expect(parseDatabaseUrl('postgresql://db/club').engine).toBe('postgres');
    const url = 'postgres://club:p%40ss%23w%2Fd%3A%3F@db.example.cn:5433/club_hub';
    const target = parseDatabaseUrl(url);
    expect(target).toMatchObject({ engine: 'postgres', url, host: 'db.example.cn', port: '5433', database: 'club_hub' });
    // The driver reads the same URL: the password arrives decoded, whole.
    expect(new pg.Client({ connectionString: url })).toMatchObject({ user: 'club', password: 'p@ss#w/d:?', host: 'db.example.cn', database: 'club_hub' });
    expect(databaseName(url)).toBe('postgres://club:****@db.example.cn:5433/club_hub');
    expect(databaseName(url)).not.toContain('p%40ss');
    // A raw @ in the password is unambiguous (the last one ends it); a raw #, / or ? cuts the URL short.
    expect(parseDatabaseUrl('postgres://club:p@ss@db.example.cn/club_hub')).toMatchObject({ host: 'db.example.cn', database: 'club_hub' });
    for (const raw of ['postgres://club:p#ss@db/club_hub', 'postgres://club:p/ss@db/club_hub', 'postgresql://club:p?ss@db/club_hub']) {
      expect(() => parseDatabaseUrl(raw), raw).toThrow(/percent-encode special characters/);
    }
  });

  it('refuses any other scheme, naming DATABASE_URL and the schemes it takes', () => {
    for (const other of ['mysql://db/club', 'sqlite:///tmp/club.db', 'http://example.com/db', 'MySQL://db/club', 'redis:club']) {
      let refusal: unknown;
      try {
        parseDatabaseUrl(other);
      } catch (error) {
        refusal = error;
      }
      expect(refusal, other).toBeInstanceOf(DatabaseUrlError);
      expect(String((refusal as Error).message)).toMatch(/^DATABASE_URL ".*:" is not supported; it takes a file path or a file: URL .*postgres:\/\/ or postgresql:\/\//);
    }
    expect(() => resolveDatabasePath('postgres://db/club')).toThrow(/SQLite file only/);
    expect(dialectOf('mysql://db/club')).toBe('sqlite');
    expect(dialectOf(' postgresql://db/club ')).toBe('postgres');
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
