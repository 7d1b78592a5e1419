import path from 'node:path';
import { defineConfig } from 'vitest/config';

// The cluster tests (tests/cluster): HAProxy, two app servers of the production build, PostgreSQL
// primary and replica, started by the tests themselves (scripts/cluster.mts) on ports of their own.
// `npm test` runs them after the build; alone: npx vitest run --config vitest.cluster.config.mts
export default defineConfig({
  resolve: {
    alias: {
      '@': path.resolve(import.meta.dirname),
      'server-only': path.resolve(import.meta.dirname, 'tests/server-only-stub.ts'),
    },
  },
  test: {
    include: ['tests/cluster/**/*.test.ts'],
    setupFiles: ['tests/setup.ts'],
    environment: 'node',
    pool: 'forks',
    testTimeout: 600_000,
    hookTimeout: 600_000,
    // The cluster's database, on a PostgreSQL primary of its own (5548) and its replica (5549).
    env: { DATABASE_URL: 'postgres://postgres@localhost:5548/club_hub_cluster' },
  },
});
