/**
 * `npm run cluster`: the deployment of several app servers, on one machine. PostgreSQL (primary
 * and a streaming replica), N app servers (2 by default) on ports of their own, and HAProxy in
 * front of them on one port, health-checking each; the release step (migrations, reference and
 * demo data) runs once before any server starts. Everything runs in the foreground; Ctrl-C stops
 * it all. `npm start` remains the one-process embedded default.
 *
 *   npm run cluster [-- --servers N] [--port P]      (--help for more)
 *
 * HAProxy and PostgreSQL come from Debian's packages (installed when missing and we are root).
 * The servers share one NEXTAUTH_SECRET, kept under the cluster's folder: a session, ticket or
 * SMS code signed by one is accepted by every other, with no sticky routing. The cluster tests
 * (tests/cluster) and the benchmark's `cluster` section start the same topology through
 * startCluster.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildIfStale, HTTP_SERVER } from './build.mjs';
import { freshDatabase, startPostgres, startReplica, stopPostgres } from './postgres.mjs';
import { parseCommandLine, usageError, usageText } from './cli.mjs';

const ROOT = path.resolve(import.meta.dirname, '..');

export interface ClusterOptions {
  /** App servers behind the balancer. */
  servers?: number;
  /** The balancer's port; the servers take the ones after it, PostgreSQL its own two. */
  port?: number;
  primaryPort?: number;
  /** Made empty first when `fresh`; otherwise kept (and brought up to date) between runs. */
  database?: string;
  fresh?: boolean;
  /** SEED for the release step: demo data when the database is empty (default), or none. */
  seed?: 'demo' | 'none';
  /** More environment for every app server (SCHEDULER_TICK_MS, SMS_GATEWAY_URL, …). */
  env?: Record<string, string>;
  /** The release step's output and where the servers' logs go are printed (npm run cluster). */
  verbose?: boolean;
}

export interface AppServer {
  name: string;
  port: number;
  base: string;
  process: ChildProcess;
  /** Starts the server again after it stopped or was killed; resolves when it answers. */
  restart(): Promise<void>;
}

export interface Cluster {
  /** The balancer's URL: what users and the tests talk to. */
  base: string;
  servers: AppServer[];
  primaryUrl: string;
  replicaUrl: string;
  secret: string;
  balancer: ChildProcess;
  dir: string;
  stop(): Promise<void>;
}

function ensureHaproxy(): string {
  const binary = ['/usr/sbin/haproxy', '/usr/bin/haproxy'].find((b) => fs.existsSync(b));
  if (binary) return binary;
  if (process.getuid?.() === 0 && fs.existsSync('/usr/bin/apt-get')) {
    const result = spawnSync('sh', ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq haproxy'], { stdio: 'inherit' });
    if (result.status === 0 && fs.existsSync('/usr/sbin/haproxy')) return '/usr/sbin/haproxy';
  }
  throw new Error('HAProxy is needed for the cluster: apt-get install haproxy (as root).');
}

/**
 * HAProxy's configuration: round robin over the servers, each checked every second on its health
 * route and taken out after two failures; a request whose connection to a server fails (a server
 * just killed) is sent to another (retry-on conn-failure: only when nothing reached the server, so
 * that no write is sent twice by the balancer); the client's address is forwarded.
 */
export function haproxyConfig(port: number, servers: { name: string; port: number }[]): string {
  return [
    'global',
    '  maxconn 8000',
    'defaults',
    '  mode http',
    '  timeout connect 2s',
    '  timeout client 120s',
    '  timeout server 120s',
    '  retries 3',
    '  retry-on conn-failure',
    '  option redispatch',
    'frontend club_hub',
    `  bind 127.0.0.1:${port}`,
    '  option forwardfor',
    '  default_backend app_servers',
    'backend app_servers',
    '  balance roundrobin',
    '  option httpchk',
    '  http-check send meth GET uri /api/v1/health',
    '  http-check expect status 200',
    '  default-server inter 1s fall 2 rise 2',
    ...servers.map((s) => `  server ${s.name} 127.0.0.1:${s.port} check`),
    '',
  ].join('\n');
}

async function waitUntilServing(base: string, child: ChildProcess | null, seconds = 120): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) throw new Error(`${base}: the process exited (${child.exitCode})`);
    try {
      if ((await fetch(`${base}/api/v1/health`, { signal: AbortSignal.timeout(2000) })).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${base} did not answer within ${seconds} s`);
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv, verbose: boolean): void {
  const result = spawnSync(command, args, { cwd: ROOT, env, stdio: verbose ? 'inherit' : 'pipe' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${result.stderr?.toString() ?? ''}${result.stdout?.toString() ?? ''}`);
}

const stopped = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

async function stopChild(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (stopped(child)) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill(signal);
  await exited;
}

export async function startCluster(options: ClusterOptions = {}): Promise<Cluster> {
  const count = options.servers ?? 2;
  const port = options.port ?? 3500;
  const primaryPort = options.primaryPort ?? 5546;
  const name = options.database ?? 'club_hub';
  const verbose = options.verbose ?? false;
  const dir = path.join(os.tmpdir(), `club-hub-cluster-${port}`);
  fs.mkdirSync(dir, { recursive: true });
  const haproxy = ensureHaproxy();

  // The database: the primary, the database, then a replica copied from it.
  startPostgres(primaryPort);
  const primaryUrl = options.fresh ? freshDatabase(name, primaryPort) : await ensureDatabase(name, primaryPort);
  const replicaUrl = startReplica(primaryPort, primaryPort + 1).replace(/\/postgres$/, `/${name}`);

  // One secret for every server, kept between runs.
  const secretFile = path.join(dir, 'nextauth-secret');
  if (!fs.existsSync(secretFile)) fs.writeFileSync(secretFile, randomBytes(32).toString('base64url'), { mode: 0o600 });
  const secret = fs.readFileSync(secretFile, 'utf8').trim();
  const base = `http://localhost:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: primaryUrl,
    DATABASE_REPLICA_URL: replicaUrl,
    NEXTAUTH_SECRET: secret,
    NEXTAUTH_URL: base,
    TRUSTED_PROXIES: '127.0.0.1',
    SEED: options.seed ?? 'demo',
  };

  if (!(await buildIfStale())) throw new Error('the build failed');
  // The release step: migrations (under PostgreSQL's advisory lock), reference data, demo data.
  run(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'scripts/db.ts', 'setup'], { ...env, DATABASE_REPLICA_URL: '' }, verbose);

  const servers: AppServer[] = [];
  for (let i = 0; i < count; i++) {
    const serverPort = port + 1 + i;
    const serverName = `app${i + 1}`;
    const logFile = path.join(dir, `${serverName}.log`);
    const launch = () => {
      const log = fs.openSync(logFile, 'a');
      const child = spawn(process.execPath, ['--max-semi-space-size=32', HTTP_SERVER], {
        cwd: ROOT,
        env: { ...env, ...options.env, PORT: String(serverPort), NODE_ENV: 'production', WRITE_WORKER: 'off' },
        stdio: ['ignore', log, log],
      });
      fs.closeSync(log);
      return child;
    };
    const server: AppServer = {
      name: serverName,
      port: serverPort,
      base: `http://localhost:${serverPort}`,
      process: launch(),
      async restart() {
        await stopChild(server.process);
        server.process = launch();
        await waitUntilServing(server.base, server.process);
      },
    };
    servers.push(server);
  }
  await Promise.all(servers.map((s) => waitUntilServing(s.base, s.process)));

  const config = path.join(dir, 'haproxy.cfg');
  fs.writeFileSync(config, haproxyConfig(port, servers));
  const balancer = spawn(haproxy, ['-db', '-f', config], { stdio: ['ignore', 'ignore', verbose ? 'inherit' : 'ignore'] });
  await waitUntilServing(base, balancer, 30);

  return {
    base,
    servers,
    primaryUrl,
    replicaUrl,
    secret,
    balancer,
    dir,
    async stop() {
      await stopChild(balancer);
      await Promise.all(servers.map((s) => stopChild(s.process)));
      stopPostgres(primaryPort + 1);
      stopPostgres(primaryPort);
    },
  };
}

/** The database NAME on the server, created when missing (its data is kept between runs). */
async function ensureDatabase(name: string, port: number): Promise<string> {
  const { default: pg } = await import('pg');
  const admin = new pg.Client({ connectionString: `postgres://postgres@localhost:${port}/postgres` });
  await admin.connect();
  try {
    const exists = await admin.query('select 1 from pg_database where datname = $1', [name]);
    if (exists.rowCount === 0) await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  return `postgres://postgres@localhost:${port}/${name}`;
}

const USAGE = usageText({
  synopsis: ['npm run cluster [-- --servers N] [--port P]'],
  description: [
    'Several app servers on one machine, as deployed: PostgreSQL (primary and a streaming replica, its own, on 5550),',
    'N app servers on the ports after P, and HAProxy in front of them on P. Runs in the foreground; Ctrl-C stops it all.',
    'HAProxy and PostgreSQL come from Debian\'s packages (installed when missing and run as root). Builds the app when stale.',
  ].join('\n'),
  options: [
    ['--servers N', 'app servers behind the balancer (default 2)'],
    ['--port P', "the balancer's port (default 3500)"],
  ],
  environment: [['(the app\'s)', 'passed on to every app server (SMS_GATEWAY_URL, SCHEDULER_TICK_MS, …); DATABASE_URL is the cluster\'s own']],
  examples: ['npm run cluster', 'npm run cluster -- --servers 3 --port 8080'],
});

/** A whole number from 1 to `max` given for `--name`, or exit 2. */
function wholeNumber(name: string, value: string | undefined, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || n > max) usageError(`--${name} must be a whole number from 1 to ${max}, got "${value}"`);
  return n;
}

/** `npm run cluster`: starts it all and keeps it running until Ctrl-C. */
async function main(): Promise<void> {
  const { values } = parseCommandLine({ usage: USAGE, options: { servers: { type: 'string' }, port: { type: 'string' } } });
  const servers = wholeNumber('servers', values.servers, 16);
  const port = wholeNumber('port', values.port, 65_000);
  try {
    const cluster = await startCluster({ servers, port, verbose: true });
    console.log(
      [
        '',
        `Club Hub cluster on ${cluster.base} (HAProxy, round robin, health checks each second)`,
        ...cluster.servers.map((s) => `  ${s.name}   ${s.base}   pid ${s.process.pid}, log ${path.join(cluster.dir, `${s.name}.log`)}`),
        `  primary ${cluster.primaryUrl}`,
        `  replica ${cluster.replicaUrl} (statistics and exports)`,
        'Ctrl-C stops the servers, the balancer and PostgreSQL.',
      ].join('\n'),
    );
    let stopping = false;
    const stop = () => {
      if (stopping) return;
      stopping = true;
      cluster.stop().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    for (const s of cluster.servers) s.process.on('exit', (code, signal) => !stopping && console.error(`${s.name} stopped (${signal ?? code}); the others keep serving`));
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) void main();
