import { defineConfig } from 'vitest/config';

// Unit, database and HTTP tests. Browser tests live in test/e2e and run with `npm run test:e2e`;
// reliability tests (real server processes, killed under load) in test/reliability, with `npm run test:reliability`.
export default defineConfig({
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'test/reliability/**', 'node_modules/**'],
    globalSetup: ['test/support/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 120_000,
    env: { NODE_ENV: 'test' },
  },
});
