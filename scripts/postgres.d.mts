// Types of scripts/postgres.mjs, for the TypeScript that imports it (tests, cluster).
export const DEFAULT_PORT: number;
export function binDir(): string;
export function startPostgres(port?: number): string;
export function startReplica(primaryPort: number, port: number): string;
export function freshDatabase(name: string, port?: number): string;
export function stopPostgres(port?: number): void;
