import autocannon from 'autocannon';
import { checkStormOutcome } from '@/db/seed/bench';

export interface StormOptions {
  base: string;
  token: string;
  eventId: number;
  warmupEventId: number;
  customerIds: number[];
  seats: number;
  connections: number;
  databaseFile: string;
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

/**
 * Warm-ups of both paths (the trivial JSON route, and a small storm on another event), then the
 * ceiling (the trivial route, same server, same concurrency), then every contender registering
 * once for the measured event through the channel API, then the database checked.
 */
export async function runStorm(o: StormOptions): Promise<{ rate: number; p50: number; p99: number; ceiling: number }> {
  // Both paths warm up before either is measured: the JIT settles on the server's hot code.
  await run({ url: `${o.base}/api/v1/health`, connections: o.connections, duration: 5 });
  await stormOnce(o, o.warmupEventId, o.customerIds.slice(0, Math.ceil(o.customerIds.length / 5)));
  const ceilingRun = await run({ url: `${o.base}/api/v1/health`, connections: o.connections, duration: 10 });
  const ceiling = ceilingRun.requests.total / (ceilingRun.duration || 1);
  const storm = await stormOnce(o, o.eventId, o.customerIds);
  const outcome = checkStormOutcome(o.databaseFile, o.eventId);
  console.log(`  ceiling: GET /api/v1/health              ${ceiling.toFixed(0).padStart(6)} req/s (${o.connections} connections, 10 s)`);
  console.log(`  storm:   POST /api/v1/registrations      ${storm.rate.toFixed(0).padStart(6)} registrations/s (${storm.total} requests in ${storm.seconds.toFixed(2)} s)`);
  console.log(`           latency p50 ${storm.p50} ms, p99 ${storm.p99} ms; non-2xx ${storm.non2xx}, errors ${storm.errors}`);
  console.log(`  ratio:   ${((storm.rate / ceiling) * 100).toFixed(1)}% of the trivial route (target: at least 75%)`);
  const exact = outcome.confirmed === o.seats && outcome.confirmed + outcome.waitlisted === o.customerIds.length;
  console.log(
    `  check:   ${outcome.confirmed} confirmed of ${o.seats} seats, ${outcome.waitlisted} waitlisted; registered twice ${outcome.customersRegisteredTwice}, charged twice ${outcome.chargedTwice}, balances off their ledgers ${outcome.balancesOff} -> ${exact && outcome.customersRegisteredTwice + outcome.chargedTwice + outcome.balancesOff === 0 ? 'OK' : 'FAILED'}`,
  );
  return { rate: storm.rate, p50: storm.p50, p99: storm.p99, ceiling };
}
