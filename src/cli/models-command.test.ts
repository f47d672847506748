import { copyFile, mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedFile, SHARED_DATA_TAG } from '../testing/paths';
import { runModelsCommand } from './models-command';

const TWIN = sharedFile('sam2-twin', 'slim');
const HEADS_TWIN = sharedFile('sam2matting-heads-twin', 'sam2matting_twin.pt');
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sam2m-models-cli-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function run(...argv: string[]) {
  const lines: string[] = [];
  const errors: string[] = [];
  const code = await runModelsCommand(argv, { log: (l) => lines.push(l), error: (l) => errors.push(l) });
  return { code, out: lines.join('\n'), err: errors.join('\n') };
}

/** A folder with the twin's files except those named. */
async function twinWithout(name: string, ...left: string[]): Promise<string> {
  const folder = join(dir, name);
  await mkdir(folder, { recursive: true });
  for (const file of await readdir(TWIN)) if (!left.includes(file)) await copyFile(join(TWIN, file), join(folder, file));
  return folder;
}

describe('sam2matting models', { tags: [SHARED_DATA_TAG] }, () => {
  it('imports the SAM 2.1 twin folder, found by its file names, and lists it installed', async () => {
    const modelsDir = join(dir, 'models');
    const imported = await run('import', TWIN, '--models-dir', modelsDir);
    expect(imported).toMatchObject({ code: 0, err: '' });
    expect(imported.out).toMatch(/^sam2\.1-hiera-tiny\s+installed/);
    const listed = await run('list', '--models-dir', modelsDir);
    expect(listed.code).toBe(0);
    expect(listed.out).toMatch(/sam2\.1-hiera-tiny\s+installed .*SAM 2\.1 Tiny \(Apache-2\.0\)/);
    expect(listed.out).toMatch(/sam2\.1-hiera-small\s+missing/);
  }, 120_000);

  it('names the file, tensor, expected and found when a file matches no form of its module', async () => {
    const folder = await twinWithout('wrong', 'memory_encoder_hiera_t_2.1.onnx');
    // The pointer MLP under the memory encoder's name.
    await copyFile(join(TWIN, 'mlp_hiera_t_2.1.onnx'), join(folder, 'memory_encoder_hiera_t_2.1.onnx'));
    const { code, err } = await run('import', folder, '--model', 'sam2.1-hiera-tiny', '--models-dir', join(dir, 'models-wrong'));
    expect(code).toBe(1);
    expect(err).toMatch(/memory_encoder_hiera_t_2\.1\.onnx/);
    expect(err).toMatch(/pix_feat/);
    expect(err).toMatch(/expected pix_feat float32 \[1,256,64,64\], but the graph has no input named pix_feat \(graph inputs: x float32/);
  }, 120_000);

  it('imports SAM2Matting heads only with their licence accepted, and names the licence after', async () => {
    const modelsDir = join(dir, 'models-heads');
    const refused = await run('import', HEADS_TWIN, '--model', 'sam2matting-sam2.1-tiny', '--models-dir', modelsDir);
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(
      /is licensed under CC BY-NC 4\.0 \(https:\/\/creativecommons\.org\/licenses\/by-nc\/4\.0\/\): non-commercial use only\. Accept its licence to import it: --accept-licence "CC BY-NC 4\.0"/,
    );
    expect((await run('list', '--models-dir', modelsDir)).out).toMatch(/sam2matting-sam2\.1-tiny\s+missing/);
    const wrong = await run('import', HEADS_TWIN, '--model', 'sam2matting-sam2.1-tiny', '--accept-licence', 'MIT', '--models-dir', modelsDir);
    expect(wrong).toMatchObject({ code: 2, err: expect.stringMatching(/--accept-licence "MIT" is not its licence/) });

    const imported = await run('import', HEADS_TWIN, '--model', 'sam2matting-sam2.1-tiny', '--accept-licence', 'CC BY-NC 4.0', '--models-dir', modelsDir);
    expect(imported).toMatchObject({ code: 0, err: '' });
    expect(imported.out).toMatch(/^sam2matting-sam2\.1-tiny\s+installed/);
    expect(imported.out).toMatch(/Licence: CC BY-NC 4\.0 \(https:\/\/creativecommons\.org\/licenses\/by-nc\/4\.0\/\): non-commercial use only\. Its terms apply to this copy\./);
  }, 120_000);

  it('is a usage error (exit 2) without an action or with a path that holds no model', async () => {
    expect((await run()).code).toBe(2);
    const empty = join(dir, 'empty');
    await mkdir(empty);
    const { code, err } = await run('import', empty, '--models-dir', join(dir, 'm'));
    expect(code).toBe(2);
    expect(err).toMatch(/^sam2matting models: .* holds no file of a known model/);
  });
});
