/**
 * Where tests, evaluations and benchmarks find material kept beside the repo, never in it. Two settings,
 * relative paths taken from the repo root: SAM2M_SHARED (default ../shared) and SAM2M_DATA, the
 * evaluation data (default SAM2M_SHARED/data; `npm run data` fetches its public sets).
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(fileURLToPath(new URL('../..', import.meta.url)));
/** The team's shared folder: the evaluation data by default, and the SAM 2.1 twins (sam2-twin/, ...). */
export const sharedDir = resolve(repoRoot, process.env.SAM2M_SHARED || '../shared');
export const sharedDataDir = resolve(repoRoot, process.env.SAM2M_DATA || join(sharedDir, 'data'));

/** The sets the tests read; the data counts as present only with all of them. */
const TESTED_SETS = ['alphamatting', 'bedroom', 'clips', 'images', 'synthetic-matting', 'synthetic-video'];

/** The twins of real models (their graphs, checkpoints and reference runs), in the shared folder. */
const TWINS = ['sam2-twin', 'sam2matting-heads-twin'];

/** Why the evaluation data cannot be used, or null when it can. */
export function sharedDataProblem(): string | null {
  if (!existsSync(sharedDataDir)) return `no evaluation data at ${sharedDataDir} (set SAM2M_DATA, or run npm run data)`;
  const missing = TESTED_SETS.filter((set) => !existsSync(join(sharedDataDir, set)));
  if (missing.length) return `the evaluation data at ${sharedDataDir} lacks ${missing.join(', ')} (set SAM2M_DATA, or run npm run data)`;
  const twins = TWINS.filter((twin) => !existsSync(join(sharedDir, twin)));
  return twins.length ? `the shared folder ${sharedDir} lacks the model twins ${twins.join(', ')} (set SAM2M_SHARED)` : null;
}

/** The vitest tag of tests that read the evaluation data: skipped without it (see vitest.config.ts). */
export const SHARED_DATA_TAG = 'shared-data';

export function sharedData(...parts: string[]): string {
  return resolve(sharedDataDir, ...parts);
}

/** A path in the shared folder outside the data sets (the twins of real models). */
export function sharedFile(...parts: string[]): string {
  return resolve(sharedDir, ...parts);
}

/** For evaluations and benchmarks: stops with the reason before any work when the data is absent. */
export function requireSharedData(): void {
  const problem = sharedDataProblem();
  if (problem) throw new Error(problem);
}
