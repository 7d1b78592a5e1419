import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';

/**
 * This process's name in the claims and leases it takes in the shared database (outbox batches,
 * scheduler jobs): unique across servers and restarts, and readable in a query of who holds what.
 */
export const INSTANCE = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
