import { defineConfig } from 'drizzle-kit';

// The schema's files build PostgreSQL tables when DATABASE_URL names PostgreSQL (db/dialect.ts):
// say so before drizzle-kit loads them. Generating needs no server; the URL is never dialled.
process.env.DATABASE_URL = 'postgres://drizzle-kit/generate';

export default defineConfig({
  dialect: 'postgresql',
  schema: './db/schema/index.ts',
  out: './db/migrations-pg',
  casing: 'snake_case',
});
