import { defineConfig } from 'vitest/config';

// Browser tests (`npm run test:e2e`, which builds first): the real server, Debian's Chromium.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    globalSetup: ['test/e2e/global-setup.ts'],
    pool: 'forks',
    // One browser at a time: the machines have two cores, and the server needs one.
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 90_000,
    env: { NODE_ENV: 'test' },
  },
});
