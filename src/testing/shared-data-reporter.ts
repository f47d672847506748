/**
 * Vitest's side of the evaluation data: without it, tests tagged SHARED_DATA_TAG are skipped and this
 * reporter ends the run with one line naming their files. Under CI=true its absence fails the run.
 */
import { relative } from 'node:path';
import type { Reporter, TestModule } from 'vitest/node';
import { repoRoot, SHARED_DATA_TAG, sharedDataProblem } from './paths.ts';

export class SharedDataReporter implements Reporter {
  constructor(private readonly problem = sharedDataProblem()) {}

  onInit(): void {
    if (!this.problem || !/^(true|1)$/i.test(process.env.CI ?? '')) return;
    console.error(`CI=${process.env.CI} runs every test, but ${this.problem}.`);
    process.exit(1);
  }

  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    if (!this.problem) return;
    const skipped = modules
      .map((m) => ({
        file: relative(repoRoot, m.moduleId),
        tests: [...m.children.allTests()].filter((t) => t.tags.includes(SHARED_DATA_TAG) && t.result().state === 'skipped').length,
      }))
      .filter((m) => m.tests > 0)
      .sort((a, b) => a.file.localeCompare(b.file));
    if (!skipped.length) return;
    const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
    const tests = skipped.reduce((n, m) => n + m.tests, 0);
    console.log(`\nskipped ${count(tests, 'test')} in ${count(skipped.length, 'suite')} (${skipped.map((m) => m.file).join(', ')}): ${this.problem}`);
  }
}
