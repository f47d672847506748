import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModelManifest, ModelSpec } from '../../../shared/models';
import { CHECKPOINT_KEYS, convertCheckpoint } from '../../models/checkpoint/convert';
import { checkpointOf, writeCheckpoint, type TensorValues } from '../../models/checkpoint/testing/torch-writer';
import { loadManifest, modelDir } from '../../models/manifest';
import { doubleModelSpec, writeDoubleModel } from '../../models/testing/sam2-double-model';
import { SMALL } from '../../models/testing/sam2-doubles';
import { ClassicTracker } from './classic/classic-tracker';
import { createTracker } from './create-tracker';
import { CONSTANTS_ROLE } from './sam2/constants';
import { InProcessRunner } from '../../inference/in-process-runner';
import { Sam2Tracker } from './sam2/sam2-tracker';
import { syntheticClip } from './sam2/testing/synthetic-clip';

let modelsDir: string;
let manifest: ModelManifest;
const clip = syntheticClip({ size: SMALL.image, frameCount: 4, object: 16, cell: 8 });

beforeAll(async () => {
  modelsDir = await mkdtemp(join(tmpdir(), 'sam2-create-'));
  const shipped = await loadManifest();
  const sam2 = shipped.models.filter((m) => m.family === 'sam2-tracker').map((m) => doubleModelSpec(m));
  manifest = { ...shipped, executionProviders: ['cpu'], models: sam2 };
});

afterAll(() => rm(modelsDir, { recursive: true, force: true }));

describe('createTracker', () => {
  it('falls back to the classic tracker, saying so, when no model is installed', async () => {
    const created = await createTracker(clip, join(modelsDir, 'empty'), manifest);
    expect(created.tracker).toBeInstanceOf(ClassicTracker);
    expect(created.fallbackReason).toBe(`no SAM 2.1 model installed in ${join(modelsDir, 'empty')}`);
    expect(created.providers).toEqual({});
  });

  it('uses the smallest complete SAM 2.1 model and reports the provider of each module', async () => {
    const [, small, basePlus] = manifest.models as ModelSpec[];
    await writeDoubleModel(small, modelDir(modelsDir, small.id));
    await writeDoubleModel(basePlus, modelDir(modelsDir, basePlus.id));
    const created = await createTracker(clip, modelsDir, manifest);
    expect(created.tracker).toBeInstanceOf(Sam2Tracker);
    expect(created).toMatchObject({ name: small.title, fallbackReason: null });
    expect(Object.keys(created.providers).sort()).toEqual(Object.keys(small.modules).sort());
    expect(new Set(Object.values(created.providers))).toEqual(new Set(['cpu']));
    const result = await created.tracker.setPrompts(1, 0, [{ kind: 'point', x: 16, y: 24, positive: true }]);
    expect(result?.present).toBe(true);
    await (created.tracker as Sam2Tracker).close();
  });

  it('names the model and file when an installed model is broken', async () => {
    const dir = join(modelsDir, 'broken');
    const [tiny] = manifest.models;
    const renamed: ModelSpec = { ...tiny, modules: { ...tiny.modules, mlp: { ...tiny.modules.mlp, inputs: { token: { ...tiny.modules.mlp.inputs.token, name: 'y' } } } } };
    await writeDoubleModel(renamed, modelDir(dir, tiny.id));
    const created = await createTracker(clip, dir, { ...manifest, models: [tiny] });
    expect(created.tracker).toBeInstanceOf(ClassicTracker);
    expect(created.fallbackReason).toBe(
      'SAM 2.1 Tiny: Model sam2.1-hiera-tiny, module mlp (mlp_hiera_t_2.1.onnx): the graph does not match the manifest: ' +
        'input role "token": expected x float32 [B,8], but the graph has no input named x (graph inputs: y float32 [B,8])',
    );
  });

  it('names the files a partly installed model lacks', async () => {
    const dir = join(modelsDir, 'partial');
    const [tiny] = manifest.models;
    await writeDoubleModel(tiny, modelDir(dir, tiny.id));
    await rm(join(modelDir(dir, tiny.id), tiny.modules.constants.file));
    const created = await createTracker(clip, dir, { ...manifest, models: [tiny] });
    expect(created.fallbackReason).toBe(`SAM 2.1 Tiny: ${tiny.modules.constants.file} missing in ${modelDir(dir, tiny.id)}`);
  });

  it('tracks the same with a constants graph converted from a checkpoint as with the hand-built one', async () => {
    const [tiny] = manifest.models;
    const built = modelDir(join(modelsDir, 'built'), tiny.id);
    const converted = modelDir(join(modelsDir, 'converted'), tiny.id);
    await writeDoubleModel(tiny, built);
    await writeDoubleModel(tiny, converted);
    // The hand-built graph's values, saved as SAM2's checkpoint keys, then converted over the copy's graph.
    const runner = await InProcessRunner.open(tiny, built, ['cpu'], [CONSTANTS_ROLE]);
    const values: TensorValues = {};
    try {
      const out = await runner.run(CONSTANTS_ROLE, {});
      for (const [name, key] of Object.entries(CHECKPOINT_KEYS)) values[key] = { dims: out[name].dims, values: [...(out[name].data as Float32Array)] };
    } finally {
      await runner.close();
    }
    const pt = await writeCheckpoint(join(modelsDir, 'small.pt'), checkpointOf(values));
    await convertCheckpoint(pt, join(converted, tiny.modules[CONSTANTS_ROLE].file));

    const track = async (root: string) => {
      const created = await createTracker(clip, root, { ...manifest, models: [tiny] });
      expect(created.tracker).toBeInstanceOf(Sam2Tracker);
      try {
        await created.tracker.setPrompts(1, 0, [{ kind: 'point', x: 16, y: 24, positive: true }]);
        const results = [];
        for await (const r of created.tracker.propagate({ direction: 'forward' })) results.push([r.frame, r.present, [...r.mask.data]]);
        return results;
      } finally {
        await (created.tracker as Sam2Tracker).close();
      }
    };
    const expected = await track(join(modelsDir, 'built'));
    expect(expected.length).toBe(clip.frameCount);
    expect(await track(join(modelsDir, 'converted'))).toEqual(expected);
  });
});
