import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModelSpec } from '../../shared/models';
import { loadManifest } from '../models/manifest';
import { doubleModelSpec, writeDoubleModel } from '../models/testing/sam2-double-model';
import { SMALL } from '../models/testing/sam2-doubles';
import { DOUBLE_CONSTANTS, SMALL_MEM_CHANNELS } from '../models/testing/sam2-memory-doubles';
import { loadConstants } from '../engine/tracker/sam2/constants';
import { InProcessRunner } from './in-process-runner';

let dir: string;
let model: ModelSpec;
let runner: InProcessRunner;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sam2-runner-'));
  const tiny = (await loadManifest()).models.find((m) => m.id === 'sam2.1-hiera-tiny')!;
  model = doubleModelSpec(tiny);
  await writeDoubleModel(model, dir);
  runner = await InProcessRunner.open(model, dir, ['cpu']);
});

afterAll(async () => {
  await runner.close();
  await rm(dir, { recursive: true, force: true });
});

const f32 = (dims: number[], fill = 0) => ({ type: 'float32' as const, dims, data: new Float32Array(dims.reduce((a, b) => a * b, 1)).fill(fill) });

describe('InProcessRunner', () => {
  it('opens every module on cpu and runs them by role, returning outputs by role', async () => {
    expect(Object.values(runner.providers)).toEqual(Object.keys(model.modules).map(() => 'cpu'));
    const { channels: C, grid, lowRes } = SMALL;
    const out = await runner.run('prompt_encoder', {
      coords: { type: 'float32', dims: [1, 1, 2], data: Float32Array.of(16, 8) },
      labels: { type: 'int32', dims: [1, 1], data: Int32Array.of(1) },
      mask_prompt: f32([1, 1, lowRes, lowRes], 3),
      mask_enable: { type: 'int32', dims: [1], data: Int32Array.of(1) },
    });
    expect(out.sparse.dims).toEqual([1, 2, C]);
    expect(Array.from(out.sparse.data.slice(0, 3) as Float32Array)).toEqual([0.5, 0.25, 1]);
    expect(Array.from(out.sparse.data.slice(C, C + 3) as Float32Array)).toEqual([0, 0, -1]);
    expect(out.dense.dims).toEqual([1, C, grid, grid]);
    expect(new Set(out.dense.data as Float32Array)).toEqual(new Set([3]));
  });

  it('reads outputs by name: the image-encoder double lists them in another order than the manifest', async () => {
    const { image, grid, highRes0 } = SMALL;
    const out = await runner.run('image_encoder', { image: f32([1, 3, image, image], 1) });
    expect(Object.keys(out)).toEqual(Object.keys(model.modules.image_encoder.outputs));
    expect(out.pos_enc_2.dims).toEqual([1, SMALL.channels, grid, grid]);
    expect(new Set(out.pos_enc_2.data as Float32Array)).toEqual(new Set([Math.fround(0.3)]));
    expect(out.high_res_0.dims).toEqual([1, highRes0.channels, highRes0.size, highRes0.size]);
  });

  it('loads the constants graph', async () => {
    const constants = await loadConstants(runner);
    expect(constants.channels).toBe(SMALL.channels);
    expect(constants.memChannels).toBe(SMALL_MEM_CHANNELS);
    expect(constants.maskmemTposEnc.map((row) => row[0])).toEqual([100, 200, 300, 400, 500, 600, 700]);
    expect(constants.noObjPtr[0]).toBe(DOUBLE_CONSTANTS.noObjPtr);
    expect(constants.maskDownsample.kernel).toBe(SMALL.image / SMALL.lowRes);
  });

  it('refuses inputs that do not fit the manifest, naming the module and role', async () => {
    await expect(runner.run('mlp', { token: f32([1, 3]) })).rejects.toThrow(
      'Model sam2.1-hiera-tiny, module mlp: input role "token": expected x float32 [B,8], given float32 [1,3] with 3 values',
    );
    await expect(runner.run('nope', {})).rejects.toThrow('has no open module "nope"');
  });

  it('rejects with an AbortError when the signal is aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(runner.run('mlp', { token: f32([1, 8]) }, controller.signal)).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('fails to open a model whose graph names differ, saying which module and tensor', async () => {
    const renamed = { ...model.modules.mlp, inputs: { token: { ...model.modules.mlp.inputs.token, name: 'input' } } };
    const err = await InProcessRunner.open({ ...model, modules: { ...model.modules, mlp: renamed } }, dir, ['cpu']).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'mismatch', message: expect.stringContaining('module mlp (mlp_hiera_t_2.1.onnx)') });
    expect((err as Error).message).toContain('no input named input');
  });
});
