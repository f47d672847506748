import { defineConfig } from 'vitest/config';
import { SHARED_DATA_TAG, sharedDataDir, sharedDataProblem } from './src/testing/paths.ts';
import { SharedDataReporter } from './src/testing/shared-data-reporter.ts';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // Tests that spawn bin/sam2matting.js need the built command line.
    globalSetup: ['src/testing/build-cli.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Media tests spawn ffmpeg; two cores are all there is.
    maxWorkers: 2,
    // Tests that read the evaluation data say so with this tag (a describe's or an it's option, or a file's @module-tag).
    tags: [{ name: SHARED_DATA_TAG, description: `reads the evaluation data in ${sharedDataDir} (SAM2M_DATA)`, skip: sharedDataProblem() !== null }],
    reporters: ['default', new SharedDataReporter()],
  },
});
