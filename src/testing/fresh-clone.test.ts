/**
 * A fresh clone (this checkout's HEAD, its node_modules linked in, nothing beside it) runs the unit
 * tests: those that read the evaluation data are skipped and named in one line, unless CI=true, where
 * their absence fails the run. A few files stand for the suite, to keep this cheap.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, realpath, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from './paths';

const run = promisify(execFile);
/** Two files that read the data (one wholly, one in part) and one that does not. */
const FILES = ['src/main/engine/engine.test.ts', 'src/main/engine/matting/metrics.test.ts', 'src/main/imaging/iou.test.ts'];

let dir = '';
let clone = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sam2m-clone-'));
  clone = join(dir, 'repo');
  const { stdout: head } = await run('git', ['rev-parse', 'HEAD'], { cwd: repoRoot });
  await run('git', ['clone', '--quiet', '--no-checkout', repoRoot, clone]);
  await run('git', ['checkout', '--quiet', head.trim()], { cwd: clone });
  await symlink(await realpath(join(repoRoot, 'node_modules')), join(clone, 'node_modules'));
});

afterAll(() => rm(dir, { recursive: true, force: true }));

/** `npm run test:unit` on FILES in the clone, with no data settings; `ci` sets CI=true. */
async function unitTests(ci: boolean): Promise<{ code: number; output: string }> {
  const { CI: _ci, SAM2M_DATA: _data, SAM2M_SHARED: _shared, ...env } = process.env;
  return run('npm', ['run', '--silent', 'test:unit', '--', ...FILES], { cwd: clone, env: { ...env, ...(ci ? { CI: 'true' } : {}) } }).then(
    ({ stdout, stderr }) => ({ code: 0, output: stdout + stderr }),
    (err: { code: number; stdout: string; stderr: string }) => ({ code: err.code, output: err.stdout + err.stderr }),
  );
}

describe('a fresh clone without the evaluation data', () => {
  it('passes the unit tests, naming the suites it skipped', { timeout: 120_000 }, async () => {
    const { code, output } = await unitTests(false);
    expect(code, output).toBe(0);
    const summary = output.split('\n').filter((line) => line.startsWith('skipped '));
    expect(summary.map((line) => line.replace(/^skipped \d+ tests /, 'skipped N tests '))).toEqual([
      `skipped N tests in 2 suites (${FILES.slice(0, 2).join(', ')}): no evaluation data at ${join(dir, 'shared', 'data')} (set SAM2M_DATA, or run npm run data)`,
    ]);
  });

  it('fails under CI=true, saying why', { timeout: 120_000 }, async () => {
    const { code, output } = await unitTests(true);
    expect(code).toBe(1);
    expect(output).toContain(`CI=true runs every test, but no evaluation data at ${join(dir, 'shared', 'data')}`);
  });
});
