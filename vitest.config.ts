import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Media tests spawn ffmpeg; two cores are all there is.
    maxWorkers: 2,
  },
});
