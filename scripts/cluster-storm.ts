/**
 * The registration storm as members' apps and hall systems make it against several servers (the
 * cluster tests in tests/cluster and the benchmark's `cluster` section): every contender registers
 * through the channel API with an Idempotency-Key, and every request is sent twice with the same
 * key, at once: most both through the balancer, one contender in `crossEvery` first to one server
 * and the replay to another, directly. One in `cancelEvery` then cancels, again twice. A request
 * that meets a dead server (no answer, 502/503/504 from the balancer, a busy database) is sent
 * again through the balancer with the same key, as a client would retry, until it is answered.
 */

export interface StormAnswer {
  status: number;
  body: { registrationId?: number; status?: string; code?: string };
  /** When the answer came (Date.now()). */
  at: number;
}

export interface ContenderOutcome {
  customerId: number;
  key: string;
  /** The final answers of the two registration requests, and of the two cancellations when made. */
  registered: [StormAnswer, StormAnswer];
  cancelled: [StormAnswer, StormAnswer] | null;
}

export interface StormResult {
  contenders: ContenderOutcome[];
  /** Every request's time, first byte out to answer, retries included (ms). */
  latencies: number[];
  /** Requests sent, retries included, and the attempts that met a failure and were sent again. */
  requests: number;
  retried: number;
  seconds: number;
}

export interface StormPlan {
  balancer: string;
  /** The servers' own URLs, for the replays sent to another server. */
  servers: string[];
  token: string;
  eventId: number;
  customerIds: number[];
  concurrency: number;
  cancelEvery?: number;
  crossEvery?: number;
  /** Each request sent twice with its key (the default), or once (the benchmark's plain rate). */
  twice?: boolean;
  /** Called after each contender is done, with how many are. */
  onProgress?: (done: number) => void;
}

const RETRIED_STATUSES = new Set([502, 503, 504]);
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** p-th percentile of sorted values (nearest rank). */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export async function clusterStorm(plan: StormPlan): Promise<StormResult> {
  const cancelEvery = plan.cancelEvery ?? 10;
  const crossEvery = plan.crossEvery ?? 4;
  const latencies: number[] = [];
  let requests = 0;
  let retried = 0;

  /** One request, sent again through the balancer until a server answers it (at most 2 minutes). */
  async function send(base: string, path: string, key: string, body: unknown): Promise<StormAnswer> {
    const deadline = Date.now() + 120_000;
    let target = base;
    for (let attempt = 1; ; attempt++) {
      const started = performance.now();
      requests++;
      try {
        const response = await fetch(`${target}${path}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${plan.token}`, 'content-type': 'application/json', 'idempotency-key': key },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(30_000),
        });
        const answer = { status: response.status, body: (await response.json()) as StormAnswer['body'], at: Date.now() };
        latencies.push(performance.now() - started);
        if (!RETRIED_STATUSES.has(answer.status)) return answer;
      } catch {
        // The server died with the request, or the connection was refused: sent again below.
      }
      if (Date.now() > deadline) throw new Error(`${path} (${key}) was not answered in 2 minutes`);
      retried++;
      target = plan.balancer;
      await pause(Math.min(1000, 50 * attempt));
    }
  }

  const contenders: ContenderOutcome[] = [];
  let next = 0;
  const started = performance.now();
  async function worker(): Promise<void> {
    while (next < plan.customerIds.length) {
      const i = next++;
      const customerId = plan.customerIds[i]!;
      const key = `cluster-${plan.eventId}-${customerId}`;
      const cross = plan.servers.length > 1 && i % crossEvery === 0;
      const [first, replay] = cross ? [plan.servers[i % plan.servers.length]!, plan.servers[(i + 1) % plan.servers.length]!] : [plan.balancer, plan.balancer];
      const body = { customerId, eventId: plan.eventId, waitlist: true };
      const sendTwice = async (path: string, k: string, b: unknown): Promise<[StormAnswer, StormAnswer]> => {
        if (plan.twice === false) {
          const answer = await send(first, path, k, b);
          return [answer, answer];
        }
        return Promise.all([send(first, path, k, b), send(replay, path, k, b)]);
      };
      const registered = await sendTwice('/api/v1/registrations', key, body);
      let cancelled: ContenderOutcome['cancelled'] = null;
      const id = registered[0].body.registrationId;
      if (i % cancelEvery === cancelEvery - 1 && id !== undefined) {
        const path = `/api/v1/registrations/${id}/cancel`;
        cancelled = await sendTwice(path, `${key}-cancel`, {});
      }
      contenders.push({ customerId, key, registered, cancelled });
      plan.onProgress?.(contenders.length);
    }
  }
  await Promise.all(Array.from({ length: plan.concurrency }, worker));
  latencies.sort((a, b) => a - b);
  return { contenders, latencies, requests, retried, seconds: (performance.now() - started) / 1000 };
}
