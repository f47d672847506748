import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.test.ts'],
    testTimeout: 240_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    // The page answers in seconds on a loaded 2-core machine; a poll still fails when the outcome never comes.
    expect: { poll: { timeout: 15_000 } },
  },
});
