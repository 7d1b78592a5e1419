/**
 * The production HTTP server (`npm start` runs its bundle, .next/server.mjs): Next's request
 * handler behind a Node HTTP server of our own (Next's documented custom server). `next start`
 * would keep a client's X-Forwarded-For, so that the socket's address is lost, and nothing in
 * Next sees an answer's final status and duration; this server resolves the client's address,
 * sets the security headers and body limits, and writes the access log (request-listener.ts).
 * Next's instrumentation (scheduler, checkpointer) runs as under `next start`.
 */
import http from 'node:http';
import { accessLog, log } from '@/lib/server/log';
import { parseTrustedProxies, type TrustedProxies } from './client-address';
import { createRequestListener } from './request-listener';

// Benchmarks find the server among the processes by this name (as `next start` names itself).
process.title = 'next-server (club-hub)';

const port = Number(process.env.PORT ?? 3000);

let trustedProxies: TrustedProxies;
try {
  trustedProxies = parseTrustedProxies(process.env.TRUSTED_PROXIES);
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}

const started = Date.now();
// Imported only now: Next reads NODE_ENV (production) as it loads.
const { default: next } = await import('next');
const app = next({ dev: false, dir: process.cwd(), port, hostname: 'localhost' });
await app.prepare();
const handle = app.getRequestHandler();

const listener = createRequestListener({
  trustedProxies,
  publicHttps: (process.env.NEXTAUTH_URL ?? '').startsWith('https:'),
  log,
  accessLog,
  replica: Boolean(process.env.DATABASE_REPLICA_URL?.trim()),
  next: (req, res) => handle(req, res),
});

const server = http.createServer();
server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => listener(req, res));
// Without this listener Node would answer 100 Continue itself, before the body's size is checked.
server.on('checkContinue', (req: http.IncomingMessage, res: http.ServerResponse) => listener(req, res, true));
server.on('error', (error) => {
  log.fatal({ err: error }, 'the server cannot listen');
  process.exit(1);
});
// All interfaces, as `next start` listens.
server.listen(port, () => {
  process.stdout.write(`✓ Ready on http://localhost:${port} in ${Date.now() - started} ms\n`);
  log.info({ port, trustedProxies: process.env.TRUSTED_PROXIES ?? '' }, 'listening');
});

let stopping = false;
/** Stops taking connections, lets the requests under way finish (10 s at most), then exits. */
function stop(signal: NodeJS.Signals): void {
  if (stopping) return;
  stopping = true;
  const code = signal === 'SIGINT' ? 130 : 143;
  setTimeout(() => process.exit(code), 10_000).unref();
  server.close(() => {
    app
      .close()
      .catch((error: unknown) => log.error({ err: error }, 'closing Next failed'))
      .finally(() => process.exit(code));
  });
  server.closeIdleConnections();
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
