/** Paths for tests, evals and benchmarks: shared data lives beside the repo, never in it. */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(fileURLToPath(new URL('../..', import.meta.url)));
/** ../shared: the data sets in data/, the twins of real models beside them. */
export const sharedDir = resolve(repoRoot, '../shared');
export const sharedDataDir = resolve(sharedDir, 'data');

export function sharedData(...parts: string[]): string {
  return resolve(sharedDataDir, ...parts);
}

export function sharedFile(...parts: string[]): string {
  return resolve(sharedDir, ...parts);
}
