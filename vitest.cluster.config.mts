import { defineConfig } from 'vitest/config';
import unitConfig from './vitest.config.mts';

// The cluster tests (tests/cluster): HAProxy, two app servers of the production build, PostgreSQL
// primary and replica, started by the tests themselves (scripts/cluster.mts) on ports of their own.
// `npm test` runs them after the build; alone: npx vitest run --config vitest.cluster.config.mts
export default defineConfig({
  // The same module aliases as the unit tests ('@', the server-only stub).
  resolve: unitConfig.resolve,
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
