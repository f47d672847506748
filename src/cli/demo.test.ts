import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempFolder } from '../main/media/test-media';
import { repoRoot } from '../testing/paths';

let dir = '';
let remove = async () => {};

beforeAll(async () => {
  ({ dir, remove } = await tempFolder('demo'));
});
afterAll(() => remove());

/** `npm run demo -- ARGS`, as tsx runs it. */
function demo(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', join(repoRoot, 'src/cli/demo.ts'), ...args], { cwd: repoRoot }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
  });
}

describe('npm run demo', () => {
  it('explains itself, and a wrong command line in one line with exit code 2', async () => {
    expect(await demo('--help')).toMatchObject({ code: 0, stdout: expect.stringContaining('a mean IoU below 0.9 fails the demo'), stderr: '' });
    const hint = 'Run npm run demo -- --help for the options.\n';
    expect(await demo('--video', 'clip.mp4')).toEqual({ code: 2, stdout: '', stderr: `demo: --video needs --point X,Y@FRAME: where the object is. ${hint}` });
    expect(await demo('--colour')).toEqual({ code: 2, stdout: '', stderr: `demo: Unknown option --colour. ${hint}` });
  });

  it('fails when its matte misses the truth: a click on the background', { timeout: 120_000 }, async () => {
    const result = await demo('--point', '5,5@0', '--out', join(dir, 'miss.mov'));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^demo failed: the matte misses the truth: exported alpha vs truth: mean IoU 0\.\d+ over 48 frames \(the bar: 0\.9\)\n$/);
  });
});
