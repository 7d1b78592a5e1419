// A PostgreSQL server of the project's own, for the tests, the benchmarks and trying the app on
// PostgreSQL without setting one up: Debian's server binaries, a cluster in a temporary folder
// (trust authentication, on localhost only), started on a port of its own. Run alone:
//   node scripts/postgres.mjs start [PORT]   prints the server's URL (starts it unless it runs)
//   node scripts/postgres.mjs stop [PORT]
//   node scripts/postgres.mjs replica PRIMARY_PORT PORT   a streaming replica of the server on PRIMARY_PORT
//   node scripts/postgres.mjs fresh-database NAME [PORT]   starts the server, makes NAME empty
//                                    (dropped first when it exists); prints its URL (the e2e server's)
// When run as root, the cluster belongs to the `postgres` user (PostgreSQL refuses to run as root).
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseCommandLine, usageError, usageText } from './cli.mjs';

export const DEFAULT_PORT = 5544;

/** The newest installed server's binaries (Debian keeps them per major version): also pg_dump and pg_restore. */
export function binDir() {
  const root = '/usr/lib/postgresql';
  const versions = fs.existsSync(root) ? fs.readdirSync(root).filter((v) => fs.existsSync(path.join(root, v, 'bin', 'pg_ctl'))) : [];
  versions.sort((a, b) => Number(b) - Number(a));
  if (versions.length === 0) {
    throw new Error("PostgreSQL's server is not installed: apt-get install postgresql (Debian), or set TEST_POSTGRES_URL to a server of your own.");
  }
  return path.join(root, versions[0], 'bin');
}

const isRoot = () => process.getuid?.() === 0;

/** Runs a server binary, as the postgres user when we are root. */
function run(binary, args, options = {}) {
  const command = path.join(binDir(), binary);
  const result = isRoot() ? spawnSync('runuser', ['-u', 'postgres', '--', command, ...args], options) : spawnSync(command, args, options);
  if (result.status !== 0) {
    throw new Error(`${binary} ${args.join(' ')} failed (${result.status}): ${result.stderr?.toString() ?? ''}${result.stdout?.toString() ?? ''}`);
  }
  return result;
}

const clusterDir = (port) => path.join(os.tmpdir(), `club-hub-postgres-${port}`);
const url = (port) => `postgres://postgres@localhost:${port}/postgres`;

function running(port) {
  const dir = clusterDir(port);
  if (!fs.existsSync(path.join(dir, 'postmaster.pid'))) return false;
  const command = path.join(binDir(), 'pg_ctl');
  const status = isRoot() ? spawnSync('runuser', ['-u', 'postgres', '--', command, 'status', '-D', dir]) : spawnSync(command, ['status', '-D', dir]);
  return status.status === 0;
}

/**
 * Starts the project's PostgreSQL on `port` unless it runs already, and answers its URL. The
 * cluster is for tests and trials: no fsync (a crash of the machine may lose it, which does not
 * matter there), trust on localhost.
 */
export function startPostgres(port = DEFAULT_PORT) {
  const dir = clusterDir(port);
  if (running(port)) return url(port);
  if (!fs.existsSync(path.join(dir, 'PG_VERSION'))) {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { mode: 0o700 });
    if (isRoot()) execFileSync('chown', ['postgres:postgres', dir]);
    run('initdb', ['-D', dir, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C.UTF-8'], { stdio: 'pipe' });
  }
  const options = `-p ${port} -k ${dir} -c listen_addresses=localhost -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`;
  run('pg_ctl', ['-D', dir, '-o', options, '-l', path.join(dir, 'server.log'), '-w', '-t', '60', 'start'], { stdio: 'pipe' });
  return url(port);
}

/**
 * A streaming replica of the project's server on `primaryPort`, on `port`: a fresh base backup of
 * the primary (pg_basebackup -R writes the standby's settings), started as a hot standby that
 * answers read-only queries. Made again each time, so that it always follows the primary as it is.
 */
export function startReplica(primaryPort, port) {
  stopPostgres(port);
  const dir = clusterDir(port);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { mode: 0o700 });
  if (isRoot()) execFileSync('chown', ['postgres:postgres', dir]);
  run('pg_basebackup', ['-h', 'localhost', '-p', String(primaryPort), '-U', 'postgres', '-D', dir, '-R', '-X', 'stream', '-c', 'fast'], { stdio: 'pipe' });
  const options = `-p ${port} -k ${dir} -c listen_addresses=localhost -c fsync=off -c max_connections=200 -c hot_standby_feedback=on`;
  run('pg_ctl', ['-D', dir, '-o', options, '-l', path.join(dir, 'server.log'), '-w', '-t', '60', 'start'], { stdio: 'pipe' });
  return url(port);
}

/** A new, empty database NAME on the project's server (started when needed), dropped first if it exists; answers its URL. */
export function freshDatabase(name, port = DEFAULT_PORT) {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`fresh-database: "${name}" is not a plain lower-case name`);
  const server = startPostgres(port);
  const psql = (statement) => run('psql', ['-h', 'localhost', '-p', String(port), '-U', 'postgres', '-d', 'postgres', '-q', '-v', 'ON_ERROR_STOP=1', '-c', statement], { stdio: 'pipe' });
  psql(`drop database if exists ${name} with (force)`);
  psql(`create database ${name}`);
  return server.replace(/\/postgres$/, `/${name}`);
}

export function stopPostgres(port = DEFAULT_PORT) {
  if (running(port)) run('pg_ctl', ['-D', clusterDir(port), '-m', 'fast', '-w', 'stop'], { stdio: 'pipe' });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { positionals } = parseCommandLine({
    allowPositionals: true,
    usage: usageText({
      synopsis: ['node scripts/postgres.mjs start|stop [PORT]', 'node scripts/postgres.mjs replica PRIMARY_PORT PORT', 'node scripts/postgres.mjs fresh-database NAME [PORT]'],
      description: `A throwaway PostgreSQL cluster of the project's own, from Debian's binaries, for the tests and for trying PostgreSQL\n(default port ${DEFAULT_PORT}); start prints its URL. Safe to call when it runs already.`,
      examples: ['node scripts/postgres.mjs start', 'DATABASE_URL=$(node scripts/postgres.mjs fresh-database club_hub_try) npm run db:setup'],
    }),
  });
  const [command = 'start', ...args] = positionals;
  if (!['start', 'stop', 'replica', 'fresh-database'].includes(command)) usageError(`unknown command "${command}" (start, stop, replica or fresh-database)`);
  const port = args[0] ?? String(DEFAULT_PORT);
  try {
    if (command === 'start') console.log(startPostgres(Number(port)));
    else if (command === 'stop') stopPostgres(Number(port));
    else if (command === 'replica') console.log(startReplica(Number(args[0]), Number(args[1])));
    else console.log(freshDatabase(args[0] ?? '', Number(args[1] ?? DEFAULT_PORT)));
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
