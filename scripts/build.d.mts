// Types of scripts/build.mjs, for the TypeScript that imports it (cluster).
export const WRITE_WORKER: string;
export const HTTP_SERVER: string;
export function buildIfStale(): Promise<boolean>;
