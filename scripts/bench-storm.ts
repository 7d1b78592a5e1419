import fs from 'node:fs';
import autocannon from 'autocannon';
import { checkStormOutcome } from '@/db/seed/bench';

export interface StormRound {
  eventId: number;
  customerIds: number[];
}

export interface StormOptions {
  base: string;
  token: string;
  /** An event of its own for the warm-up, and who registers for it. */
  warmup: StormRound;
  /** Each round: the ceiling again, then every contender registering once for its event. */
  rounds: StormRound[];
  seats: number;
  connections: number;
  /** DATABASE_URL's value: the SQLite file, or the PostgreSQL database. */
  databaseFile: string;
  /** The process `npm start` runs (scripts/start.mjs); the server is its child. */
  startPid: number;
}

/**
 * CPU time (ms) the server's main thread and its other threads (write worker, read workers, V8's
 * helpers) have used so far, and how long the main thread was ready to run but waited for a CPU,
 * from /proc. Per request, it says what each path costs the thread that serves every request,
 * which the machine's noise moves far less than a rate.
 */
function serverCpu(startPid: number): { main: number; others: number; mainWaiting: number } {
  // Not simply the first child: after a build, start.mjs also has esbuild's service process.
  const children = fs.readFileSync(`/proc/${startPid}/task/${startPid}/children`, 'utf8').trim().split(/\s+/);
  const pid = children.find((child) => fs.readFileSync(`/proc/${child}/comm`, 'utf8').startsWith('next-server'));
  if (!pid) throw new Error('the server process was not found');
  const ms = (tid: string) => {
    const stat = fs.readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime + stime, in clock ticks of 10 ms
    return (Number(fields[11]) + Number(fields[12])) * 10;
  };
  const main = ms(pid);
  const all = fs.readdirSync(`/proc/${pid}/task`).reduce((sum, tid) => sum + ms(tid), 0);
  // schedstat: time on a CPU, time runnable but waiting for one (ns), timeslices
  const mainWaiting = Number(fs.readFileSync(`/proc/${pid}/task/${pid}/schedstat`, 'utf8').split(' ')[1]) / 1e6;
  return { main, others: all - main, mainWaiting };
}

/** Runs `fn` and returns its result with the server's CPU time spent meanwhile, and this process's (the load's client, ms). */
async function measuredCpu<T>(startPid: number, fn: () => Promise<T>): Promise<T & { cpu: { main: number; others: number; mainWaiting: number; client: number } }> {
  const before = serverCpu(startPid);
  const clientBefore = process.cpuUsage();
  const result = await fn();
  const client = process.cpuUsage(clientBefore);
  const after = serverCpu(startPid);
  return {
    ...result,
    cpu: { main: after.main - before.main, others: after.others - before.others, mainWaiting: after.mainWaiting - before.mainWaiting, client: (client.user + client.system) / 1000 },
  };
}

/** Runs autocannon; `lastResponseAt` is when the last answer came (its own duration rounds up to a one-second tick). */
function run(options: autocannon.Options): Promise<autocannon.Result & { lastResponseAt: number }> {
  return new Promise((resolve, reject) => {
    let lastResponseAt = performance.now();
    const instance = autocannon(options, (error, result) => (error ? reject(error) : resolve({ ...result, lastResponseAt })));
    instance.on('response', () => {
      lastResponseAt = performance.now();
    });
  });
}

/** Every contender registers once for the event through the channel API, `connections` at a time. */
export async function stormOnce(o: { base: string; token: string; connections: number }, eventId: number, customerIds: number[]) {
  let next = 0;
  const started = performance.now();
  const result = await run({
    url: `${o.base}/api/v1/registrations`,
    method: 'POST',
    connections: o.connections,
    amount: customerIds.length,
    headers: { authorization: `Bearer ${o.token}`, 'content-type': 'application/json' },
    requests: [
      {
        setupRequest: (request) => {
          const customerId = customerIds[next++ % customerIds.length]!;
          return {
            ...request,
            headers: { ...request.headers, 'idempotency-key': `storm-${eventId}-${customerId}` },
            body: JSON.stringify({ customerId, eventId, waitlist: true }),
          };
        },
      },
    ],
  });
  const seconds = (result.lastResponseAt - started) / 1000;
  return { total: result.requests.total, seconds, rate: result.requests.total / seconds, p50: result.latency.p50, p99: result.latency.p99, non2xx: result.non2xx, errors: result.errors };
}

/** The middle value (the upper one of an even count). */
export const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** Rate and latency of several storms, each the median over them. */
export function medianStorm(storms: { rate: number; p50: number; p99: number }[]) {
  return { rate: median(storms.map((s) => s.rate)), p50: median(storms.map((s) => s.p50)), p99: median(storms.map((s) => s.p99)) };
}

/** A pause before each measured run: whatever the previous run left running (deliveries, GC) settles first. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 2000));

/**
 * Warm-ups of both paths (the trivial JSON route, and a small storm on another event), then
 * rounds of: every contender registering once for the round's event through the channel API, and
 * the database checked. The ceiling (the trivial route, same server, same concurrency) is measured
 * before the first storm and after each one: a round's ceiling is the mean of the runs on either
 * side of its storm, as the machine's speed drifts by a fifth within a minute. Medians of the
 * rounds are reported.
 */
export async function runStorm(o: StormOptions): Promise<{ rate: number; p50: number; p99: number; ceiling: number }> {
  // Both paths warm up before either is measured: the JIT settles on the server's hot code.
  await run({ url: `${o.base}/api/v1/health`, connections: o.connections, duration: 5 });
  await stormOnce(o, o.warmup.eventId, o.warmup.customerIds);
  const trivialRun = async () => {
    await settle();
    const r = await measuredCpu(o.startPid, () => run({ url: `${o.base}/api/v1/health`, connections: o.connections, duration: 5 }));
    return { rate: r.requests.total / (r.duration || 1), cpuPerRequest: r.cpu.main / r.requests.total, clientPerRequest: r.cpu.client / r.requests.total };
  };
  let before = await trivialRun();
  const ceilings: number[] = [];
  const storms: Awaited<ReturnType<typeof stormOnce>>[] = [];
  const cpu = {
    trivial: [before.cpuPerRequest],
    registration: [] as number[],
    others: [] as number[],
    busy: [] as number[],
    waiting: [] as number[],
    clientTrivial: [before.clientPerRequest],
    clientStorm: [] as number[],
  };
  let ok = true;
  for (const [i, round] of o.rounds.entries()) {
    await settle();
    const storm = await measuredCpu(o.startPid, () => stormOnce(o, round.eventId, round.customerIds));
    const after = await trivialRun();
    const ceiling = (before.rate + after.rate) / 2;
    cpu.trivial.push(after.cpuPerRequest);
    cpu.registration.push(storm.cpu.main / storm.total);
    cpu.others.push(storm.cpu.others / storm.total);
    cpu.clientTrivial.push(after.clientPerRequest);
    cpu.clientStorm.push(storm.cpu.client / storm.total);
    cpu.busy.push(storm.cpu.main / (storm.seconds * 1000));
    cpu.waiting.push(storm.cpu.mainWaiting / (storm.seconds * 1000));
    const outcome = await checkStormOutcome(o.databaseFile, round.eventId);
    const exact = outcome.confirmed === o.seats && outcome.confirmed + outcome.waitlisted === round.customerIds.length;
    const clean = exact && outcome.customersRegisteredTwice + outcome.chargedTwice + outcome.balancesOff === 0;
    ok &&= clean && storm.non2xx === 0 && storm.errors === 0;
    ceilings.push(ceiling);
    storms.push(storm);
    console.log(
      `  round ${i + 1}: ceiling ${ceiling.toFixed(0).padStart(5)} req/s (${before.rate.toFixed(0)} before, ${after.rate.toFixed(0)} after); storm ${storm.rate.toFixed(0).padStart(5)} registrations/s (${storm.total} in ${storm.seconds.toFixed(2)} s), ${((storm.rate / ceiling) * 100).toFixed(0)}%, p50 ${storm.p50} ms, p99 ${storm.p99} ms, non-2xx ${storm.non2xx}, errors ${storm.errors}; ` +
        `${outcome.confirmed} confirmed of ${o.seats} seats, ${outcome.waitlisted} waitlisted, registered twice ${outcome.customersRegisteredTwice}, charged twice ${outcome.chargedTwice}, balances off their ledgers ${outcome.balancesOff} -> ${clean ? 'OK' : 'FAILED'}`,
    );
    before = after;
  }
  const result = { ...medianStorm(storms), ceiling: median(ceilings) };
  console.log(`  ceiling: GET /api/v1/health              ${result.ceiling.toFixed(0).padStart(6)} req/s (median of ${ceilings.length} rounds, each the mean of the 5-s runs before and after its storm, ${o.connections} connections)`);
  console.log(`  storm:   POST /api/v1/registrations      ${result.rate.toFixed(0).padStart(6)} registrations/s (median of ${storms.length} storms)`);
  console.log(`           latency p50 ${result.p50} ms, p99 ${result.p99} ms (medians)`);
  console.log(`  ratio:   ${((result.rate / result.ceiling) * 100).toFixed(1)}% of the trivial route (target: at least 75%)`);
  const [trivial, registration, others] = [cpu.trivial, cpu.registration, cpu.others].map((v) => median(v).toFixed(2));
  console.log(`  CPU:     the server's main thread spends ${trivial} ms per trivial request and ${registration} ms per registration; its other threads ${others} ms per registration (medians)`);
  const [clientTrivial, clientStorm] = [cpu.clientTrivial, cpu.clientStorm].map((v) => median(v).toFixed(2));
  console.log(`           the load's client (this process, on the same two CPUs) ${clientTrivial} ms per trivial request, ${clientStorm} ms per registration (medians)`);
  console.log(`           the main thread ran ${(median(cpu.busy) * 100).toFixed(0)}% of each storm's time and waited for a free CPU ${(median(cpu.waiting) * 100).toFixed(0)}% (medians)`);
  console.log(`  check:   every round exactly ${o.seats} confirmed, the rest waitlisted, nobody registered or charged twice, balances equal their ledgers -> ${ok ? 'OK' : 'FAILED'}`);
  return result;
}
