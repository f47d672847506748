/**
 * Vitest global setup: builds the command line once per run, so the tests that spawn bin/sam2matting.js run
 * the JavaScript a user runs, from the current sources (a stale out/cli/ would test yesterday's code).
 */
import { build } from 'vite';

export default async function setup(): Promise<void> {
  await build({ configFile: new URL('../../vite.cli.config.ts', import.meta.url).pathname, logLevel: 'warn' });
}
