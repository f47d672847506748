/** Paths for tests, evals and benchmarks: shared data lives beside the repo, never in it. */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const sharedDir = resolve(repoRoot, '../shared');
export const sharedDataDir = resolve(sharedDir, 'data');

/** A path in ../shared (twins, specs, data). */
export function sharedPath(...parts: string[]): string {
  return resolve(sharedDir, ...parts);
}

export function sharedData(...parts: string[]): string {
  return resolve(sharedDataDir, ...parts);
}
