import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';

/**
 * This process's name in the claims and leases it takes in the shared database (outbox batches,
 * scheduler jobs): unique across servers and restarts, and readable in a query of who holds what.
 */
export const INSTANCE = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

/**
 * How often each server's scheduler ticks (SCHEDULER_TICK_MS; a minute by default, a second in the
 * cluster tests). Claims and leases last a few ticks: a server that dies holding one delays that
 * work by so much, and no more.
 */
export function schedulerTickMs(): number {
  const configured = Number(process.env.SCHEDULER_TICK_MS);
  return Number.isInteger(configured) && configured >= 100 ? configured : 60_000;
}
