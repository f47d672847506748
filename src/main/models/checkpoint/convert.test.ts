import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModelSpec } from '../../../shared/models';
import { loadConstants } from '../../engine/tracker/sam2/constants';
import { InProcessRunner } from '../../inference/in-process-runner';
import { SHARED_DATA_TAG, sharedFile } from '../../../testing/paths';
import { readNpz } from '../testing/npz';
import { CONSTANTS_ROLE, constantsModuleSpec } from '../sam2-constants';
import { CHECKPOINT_KEYS, convertCheckpoint } from './convert';
import { fakeSam2Checkpoint, PickleWriter, writeCheckpoint, type FakeCheckpoint } from './testing/torch-writer';

let dir: string;
const FILE = 'sam2_constants.onnx';
const model: ModelSpec = {
  id: 'converted',
  family: 'sam2-tracker',
  title: 'Converted',
  licence: 'Apache-2.0',
  modules: { [CONSTANTS_ROLE]: constantsModuleSpec(FILE, 'https://example.invalid/sam2.1_hiera_tiny.pt') },
};

async function loadConverted(folder: string) {
  const runner = await InProcessRunner.open(model, folder, ['cpu']);
  try {
    return await loadConstants(runner);
  } finally {
    await runner.close();
  }
}

async function convertInto(name: string, fake: FakeCheckpoint): Promise<string> {
  const folder = join(dir, name);
  await rm(folder, { recursive: true, force: true });
  await mkdir(folder, { recursive: true });
  await convertCheckpoint(await writeCheckpoint(join(folder, 'in.pt'), fake), join(folder, FILE));
  return folder;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sam2m-convert-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('convertCheckpoint', () => {
  it.each(['float32', 'bfloat16'] as const)("writes a %s checkpoint's constants as the graph the tracker loads", async (dtype) => {
    const fake = fakeSam2Checkpoint(2, dtype);
    const constants = await loadConverted(await convertInto(`ok-${dtype}`, fake));
    const v = (key: string) => fake.values[key].values;
    expect(constants.channels).toBe(256);
    expect(constants.memChannels).toBe(64);
    expect([...constants.noMemEmbed]).toEqual(v('no_mem_embed'));
    expect(constants.maskmemTposEnc.flatMap((row) => [...row])).toEqual(v('maskmem_tpos_enc'));
    expect(constants.maskmemTposEnc[6]).toEqual(Float32Array.from(v('maskmem_tpos_enc').slice(6 * 64)));
    expect([...constants.noObjPtr]).toEqual(v('no_obj_ptr'));
    expect([...constants.noObjEmbedSpatial]).toEqual(v('no_obj_embed_spatial'));
    expect(constants.maskDownsample).toEqual({ kernel: 4, weight: Float32Array.from(v('mask_downsample.weight')), bias: v('mask_downsample.bias')[0] });
  });

  it('converts constants stored as strided views (a transposed weight, an offset into a shared storage)', async () => {
    const fake = fakeSam2Checkpoint(4);
    // mask_downsample.weight as the transpose of a 4×4 block inside a bigger storage, starting at 3.
    const block = Array.from({ length: 40 }, (_, i) => i / 8);
    fake.storages.shared = { dtype: 'float32', values: block };
    fake.tensors['mask_downsample.weight'] = { storage: 'shared', offset: 3, size: [1, 1, 4, 4], stride: [16, 16, 1, 4] };
    fake.tensors['mask_downsample.bias'] = { storage: 'shared', offset: 39, size: [1] };
    const constants = await loadConverted(await convertInto('strided', fake));
    const expected = [0, 1, 2, 3].flatMap((r) => [0, 1, 2, 3].map((c) => block[3 + r + 4 * c]));
    expect([...constants.maskDownsample.weight]).toEqual(expected);
    expect(constants.maskDownsample.bias).toBe(block[39]);
  });

  it('refuses tensors of the wrong shape, naming each and what was expected', async () => {
    const fake = fakeSam2Checkpoint();
    fake.tensors.no_obj_ptr = { ...fake.tensors.no_obj_ptr, size: [2, 128] };
    fake.tensors['mask_downsample.bias'] = { ...fake.tensors['mask_downsample.bias'], size: [] };
    await expect(convertInto('shape', fake)).rejects.toThrow(
      "in.pt does not hold SAM 2.1's constants: no_obj_ptr has shape [2,128], expected [1,C=256]; mask_downsample.bias has shape [], expected [1]",
    );
    expect(await readdir(join(dir, 'shape'))).toEqual(['in.pt']);
  });

  it('names a missing constant', async () => {
    const fake = fakeSam2Checkpoint();
    delete fake.tensors.no_obj_embed_spatial;
    await expect(convertInto('missing', fake)).rejects.toThrow(/^in\.pt lacks no_obj_embed_spatial: is it a SAM 2 checkpoint\?/);
    expect(existsSync(join(dir, 'missing', FILE))).toBe(false);
  });

  it('refuses a checkpoint whose pickle would run code, writing nothing', async () => {
    const evil = new PickleWriter().global('subprocess', 'Popen').unicode('id').op(0x85, 0x52).finish();
    await expect(convertInto('evil', { ...fakeSam2Checkpoint(), pickle: evil })).rejects.toThrow(/^in\.pt \(sam2\.1_hiera_tiny\/data\.pkl\): forbidden global subprocess\.Popen/);
    expect(await readdir(join(dir, 'evil'))).toEqual(['in.pt']);
  });

  it("covers every constant of the tracker's spec", () => {
    expect(Object.keys(CHECKPOINT_KEYS).sort()).toEqual(Object.keys(model.modules[CONSTANTS_ROLE].outputs).sort());
  });
});

describe("convertCheckpoint on the SAM 2.1 twin's checkpoint, in SAM2's own layout", { tags: [SHARED_DATA_TAG] }, () => {
  it('writes the constants SAM2 itself holds, exactly', async () => {
    const folder = join(dir, 'twin');
    await mkdir(folder);
    await convertCheckpoint(sharedFile('sam2-twin', 'slim', 'sam2.1_hiera_tiny_twin.pt'), join(folder, FILE));
    const runner = await InProcessRunner.open(model, folder, ['cpu']);
    try {
      const outputs = await runner.run(CONSTANTS_ROLE, {});
      const reference = await readNpz(sharedFile('sam2-twin', 'slim', 'sam2_constants_hiera_t_2.1.npz'));
      // no_mem_pos_enc is in the reference but unused by SAM2 (directly_add_no_mem_embed), so not converted.
      const roles = Object.keys(outputs).sort();
      expect(roles).toEqual([...reference.keys()].filter((k) => k !== 'no_mem_pos_enc').sort());
      for (const role of roles) {
        expect(outputs[role].dims, role).toEqual(reference.get(role)!.dims);
        expect(Buffer.from((outputs[role].data as Float32Array).buffer).equals(Buffer.from(reference.get(role)!.data.buffer)), role).toBe(true);
      }
    } finally {
      await runner.close();
    }
  });
});
