import path from 'node:path';
import { defineConfig } from 'vitest/config';

// TEST_DATABASE=postgres runs the same suite on PostgreSQL (tests/postgres-setup.ts starts one).
const onPostgres = process.env.TEST_DATABASE === 'postgres';

export default defineConfig({
  resolve: {
    alias: {
      '@': path.resolve(import.meta.dirname),
      // lib/server modules guard against client bundles with `server-only`; tests run them in Node.
      'server-only': path.resolve(import.meta.dirname, 'tests/server-only-stub.ts'),
    },
  },
  test: {
    include: ['{lib,db,tests,scripts,app,components}/**/*.test.{ts,tsx}'],
    // tests/cluster runs on its own (vitest.cluster.config.mts), against the production build.
    exclude: ['tests/cluster/**', '**/node_modules/**'],
    setupFiles: ['tests/setup.ts'],
    ...(onPostgres ? { globalSetup: ['tests/postgres-setup.ts'] } : {}),
    environment: 'node',
    pool: 'forks',
    testTimeout: 20_000,
  },
});
