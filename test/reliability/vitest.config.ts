import { defineConfig } from 'vitest/config';

// Reliability tests (`npm run test:reliability`, which builds first): the real server process,
// killed and restarted under load, on PGlite and on PostgreSQL.
export default defineConfig({
  test: {
    include: ['test/reliability/**/*.test.ts'],
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 120_000,
    env: { NODE_ENV: 'test' },
  },
});
