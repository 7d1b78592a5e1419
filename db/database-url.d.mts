// Types of db/database-url.mjs, for the TypeScript that imports it (db/config.ts, db/dialect.ts).
export const DEFAULT_DATABASE_PATH: string;
export const ACCEPTED_DATABASE_URLS: string;
export class DatabaseUrlError extends Error {}
export type DatabaseTarget =
  | { engine: 'sqlite'; file: string }
  | { engine: 'postgres'; url: string; shown: string; host: string; port: string; database: string };
export function parseDatabaseUrl(value: string | undefined): DatabaseTarget;
