import { defineConfig } from 'vitest/config';

// Test files run in parallel forks; each one opens its own database (test/support/db.ts),
// so they never share state. Two cores here: more workers only add contention.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/bench/**', 'node_modules/**'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
