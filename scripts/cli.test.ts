import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import { DIALECT } from '@/db/dialect';
import { queryOutside } from '@/tests/outside-connection';
import { createEmptyDatabase } from '@/tests/temp-database';
import packageJson from '@/package.json';

/**
 * The npm scripts as package.json runs them, spawned as child processes with their real node
 * arguments (tsx, conditions): `--help`, refusals and read-only commands need no database, and must
 * leave none behind.
 */
const SCRIPTS = ['db:setup', 'db:migrate', 'db:reseed', 'user', 'token', 'seed:large', 'bench', 'backup', 'restore', 'cluster', 'start', 'build', 'test'] as const;
type Script = (typeof SCRIPTS)[number];

const root = process.cwd();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'club-hub-cli-'));
const children = new Set<ChildProcess>();
afterAll(() => {
  for (const child of children) child.kill('SIGKILL');
  fs.rmSync(dir, { recursive: true, force: true });
});

function commandOf(script: Script): string[] {
  const [program, ...args] = (packageJson.scripts as Record<string, string>)[script]!.split(' ');
  expect(program).toBe('node');
  return args;
}

interface Outcome {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs an npm script with more arguments and these variables (DATABASE_URL unset unless given). */
function run(script: Script, args: string[], env: Record<string, string> = {}): Promise<Outcome> {
  const base: NodeJS.ProcessEnv = { ...process.env, ...env };
  if (!('DATABASE_URL' in env)) delete base.DATABASE_URL;
  delete base.DEMO_PASSWORD;
  const child = spawn(process.execPath, [...commandOf(script), ...args], { cwd: root, env: base });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('close', (status) => resolve({ status, stdout, stderr })));
}

/** Runs them two at a time (the machine's cores), answering in their order. */
async function runAll<T>(items: readonly T[], fn: (item: T) => Promise<Outcome>): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      outcomes[i] = await fn(items[i]!);
    }
  };
  await Promise.all([lane(), lane()]);
  return outcomes;
}

/** A folder for one test's missing database: it must stay empty. */
function emptyFolder(name: string): string {
  const folder = path.join(dir, name);
  fs.mkdirSync(folder);
  return folder;
}

// What a command line says does not depend on the engine: once, on SQLite.
describe.skipIf(DIALECT === 'postgres')('every npm script', () => {
  it('prints its usage for --help, with the variables it reads and examples, without opening a database', async () => {
    const folder = emptyFolder('help');
    const missing = path.join(folder, 'data', 'club.db');
    const outcomes = await runAll(SCRIPTS, (script) => run(script, ['--help'], { DATABASE_URL: missing }));
    SCRIPTS.forEach((script, i) => {
      const { status, stdout, stderr } = outcomes[i]!;
      expect({ script, status, stderr }).toEqual({ script, status: 0, stderr: '' });
      expect(stdout, script).toMatch(/^usage: /);
      expect(stdout, script).toContain('-h, --help');
      expect(stdout, script).toMatch(/\nexamples:\n {2}\S/);
    });
    expect(outcomes[SCRIPTS.indexOf('db:setup')]!.stdout).toMatch(/environment:\n {2}DATABASE_URL/);
    expect(fs.readdirSync(folder)).toEqual([]);
  }, 120_000);

  it('answers an unknown option in words with exit code 2, never a stack trace', async () => {
    const outcomes = await runAll(SCRIPTS, (script) => run(script, ['--frobnicate']));
    SCRIPTS.forEach((script, i) => {
      const { status, stdout, stderr } = outcomes[i]!;
      expect({ script, status, stderr, stdout }).toEqual({ script, status: 2, stderr: 'unknown option --frobnicate; see --help\n', stdout: '' });
    });
  }, 120_000);

  it('answers an unknown command, a missing value or a bad number in words with exit code 2', async () => {
    const cases: Array<[Script, string[], RegExp]> = [
      ['token', ['lost'], /^unknown command "lost" \(create, list or revoke\); see --help\n$/],
      ['token', ['revoke', '--id', 'seven'], /^revoke needs --id N, a whole number, got "seven"; see --help\n$/],
      ['user', ['create', '--username', 'zj.admin', '--role'], /^option --role needs a value; see --help\n$/],
      ['user', ['create', '--username', 'zj.admin'], /^create needs --password, --role; see --help\n$/],
      ['user', ['create', '--username', 'a', '--password', 'b', '--role', 'boss'], /^--role must be one of .*got "boss"; see --help\n$/],
      ['db:setup', ['now'], /^unexpected argument "now"; see --help\n$/],
      ['build', ['--port'], /^unknown option --port; see --help\n$/],
      ['db:setup', ['--yes'], /^--yes is for db:reseed only; see --help\n$/],
      ['backup', [], /^backup needs a FILE or FOLDER\/ to write; see --help\n$/],
      ['bench', ['membres'], /^unknown section "membres" \(matrix, members, .*\); see --help\n$/],
      ['cluster', ['--servers', '0'], /^--servers must be a whole number from 1 to 16, got "0"; see --help\n$/],
    ];
    const outcomes = await runAll(cases, ([script, args]) => run(script, args, { DATABASE_URL: path.join(dir, 'never', 'club.db') }));
    cases.forEach(([script, args, message], i) => {
      const { status, stderr } = outcomes[i]!;
      expect({ script, args, status }).toEqual({ script, args, status: 2 });
      expect(stderr, `${script} ${args.join(' ')}`).toMatch(message);
    });
    expect(fs.existsSync(path.join(dir, 'never'))).toBe(false);
  }, 120_000);

  it('refuses a DATABASE_URL of another scheme, naming the variable and the schemes it takes, and creates nothing', async () => {
    const cases: Array<[Script, string[]]> = [
      ['db:setup', []],
      ['db:migrate', []],
      ['db:reseed', []],
      ['user', ['create', '--username', 'zj.admin', '--password', 'plum-harbor-lantern-42', '--role', 'admin']],
      ['token', ['list']],
      ['backup', [path.join(dir, 'backups') + path.sep]],
      ['restore', [path.join(dir, 'nothing.db')]],
      ['seed:large', []],
      ['start', []],
    ];
    const urls = ['mysql://club:secret@db.example.cn/club_hub', 'sqlite:///tmp/club.db', 'http://db.example.cn/club'];
    const outcomes = await runAll(
      cases.map((c, i) => [...c, urls[i % urls.length]!] as const),
      ([script, args, url]) => run(script, args, { DATABASE_URL: url }),
    );
    cases.forEach(([script], i) => {
      const { status, stdout, stderr } = outcomes[i]!;
      const scheme = urls[i % urls.length]!.split('//')[0];
      expect({ script, status }).toEqual({ script, status: 2 });
      expect(stderr, script).toBe(`DATABASE_URL "${scheme}" is not supported; it takes a file path or a file: URL (the SQLite file), or a postgres:// or postgresql:// URL (PostgreSQL).\n`);
      expect(stdout, script).not.toMatch(/ready|migrated|Building|Starting/);
    });
    // What a URL taken for a path used to create: a folder named after its scheme, in the project.
    for (const url of urls) expect(fs.existsSync(path.join(root, url.split('/')[0]!)), url).toBe(false);
    expect(fs.existsSync(path.join(dir, 'backups'))).toBe(false);
  }, 120_000);
});

describe.skipIf(DIALECT === 'postgres')('commands that only read', () => {
  it('refuse a missing SQLite file, naming it and the command that creates it, and create neither it nor its folder', async () => {
    const folder = emptyFolder('read-only');
    const missing = path.join(folder, 'data', 'club.db');
    const cases: Array<[Script, string[], string]> = [
      ['token', ['list'], 'npm run token -- list'],
      ['token', ['revoke', '--id', '1'], 'npm run token -- revoke'],
      ['backup', [path.join(folder, 'backups') + path.sep], 'npm run backup'],
    ];
    const outcomes = await runAll(cases, ([script, args]) => run(script, args, { DATABASE_URL: missing }));
    cases.forEach(([script, , command], i) => {
      const { status, stdout, stderr } = outcomes[i]!;
      expect({ script, status, stdout }).toEqual({ script, status: 2, stdout: '' });
      expect(stderr).toBe(`No database at ${missing}: \`${command}\` only works on one and creates none. \`npm run db:setup\` creates it (or set DATABASE_URL to the database you meant).\n`);
    });
    expect(fs.readdirSync(folder)).toEqual([]);
  }, 60_000);
});

/**
 * Another process that has the database open, as a running server has: the SQLite file in WAL mode
 * with a writer and a reader connection, or a PostgreSQL session. It makes a table of its own.
 */
async function holdDatabase(url: string): Promise<ChildProcess> {
  const sqlite = `const { default: Database } = await import('better-sqlite3');
    const db = new Database(process.env.HELD); db.pragma('journal_mode = WAL');
    db.exec('create table held (x integer)'); db.exec('insert into held values (1)');
    new Database(process.env.HELD, { readonly: true }).prepare('select count(*) from held').get();`;
  const postgres = `const { default: pg } = await import('pg');
    const client = new pg.Client({ connectionString: process.env.HELD }); await client.connect();
    await client.query('create table held (x integer)'); await client.query('insert into held values (1)');`;
  const holder = spawn(process.execPath, ['--input-type=module', '-e', `${DIALECT === 'postgres' ? postgres : sqlite} console.log('holding'); setInterval(() => {}, 1000);`], {
    cwd: root,
    env: { ...process.env, HELD: url },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.add(holder);
  for await (const line of createInterface({ input: holder.stdout! })) if (line === 'holding') break;
  return holder;
}

const tables = async (url: string) =>
  (await queryOutside<{ name: string }>(url, DIALECT === 'postgres' ? `select tablename as name from pg_tables where schemaname = 'public'` : `select name from sqlite_master where type = 'table'`)).map((t) => t.name);

describe('npm run db:reseed', () => {
  it('refuses while another process has the database open, reseeds with --yes after a warning, and alone once that process is killed', async () => {
    const { url, remove } = await createEmptyDatabase(dir, 'held.db');
    try {
      const holder = await holdDatabase(url);

      const refused = await run('db:reseed', [], { DATABASE_URL: url, SEED: 'none' });
      expect(refused.status).toBe(3);
      expect(refused.stderr).toMatch(/^Refused: .* is in use \(.+\)\. Stop the server first; `npm run db:reseed -- --yes` deletes it anyway/);
      expect(refused.stdout).toBe('');
      expect(await tables(url)).toEqual(['held']);

      const forced = await run('db:reseed', ['--yes'], { DATABASE_URL: url, SEED: 'none' });
      expect(forced.status, forced.stderr).toBe(0);
      expect(forced.stderr).toMatch(/^Warning: .* is in use \(.+\); reseeding anyway \(--yes\)/);
      expect(forced.stdout).toMatch(/is ready/);
      const reseeded = await tables(url);
      expect(reseeded).toContain('provinces');
      expect(reseeded).not.toContain('held');

      // A server killed outright leaves no lock behind (the system releases it with the process).
      holder.kill('SIGKILL');
      await new Promise((resolve) => holder.once('exit', resolve));
      children.delete(holder);
      const alone = await run('db:reseed', [], { DATABASE_URL: url, SEED: 'none' });
      expect(alone.status, alone.stderr).toBe(0);
      expect(alone.stderr).toBe('');
      expect(alone.stdout).toMatch(/is ready/);
    } finally {
      await remove();
    }
  }, 120_000);
});
