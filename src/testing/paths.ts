/** Paths for tests, evals and benchmarks: shared data lives beside the repo, never in it. */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const sharedDataDir = resolve(repoRoot, '../shared/data');

export function sharedData(...parts: string[]): string {
  return resolve(sharedDataDir, ...parts);
}
