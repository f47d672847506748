import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkpointBytes, fakeSam2Checkpoint, writeCheckpoint, zipBytes, type FakeCheckpoint } from './testing/torch-writer';
import { halfToFloat, readCheckpointTensors, TorchCheckpoint, withCheckpoint } from './torch-checkpoint';

let dir: string;
const path = (name: string) => join(dir, name);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sam2m-torch-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('readCheckpointTensors', () => {
  it.each(['float32', 'float16', 'bfloat16'] as const)('reads %s tensors as float32 with their dims', async (dtype) => {
    const fake = fakeSam2Checkpoint(3, dtype);
    const file = await writeCheckpoint(path(`sam2-${dtype}.pt`), fake);
    const keys = ['no_obj_ptr', 'maskmem_tpos_enc', 'mask_downsample.bias'];
    const tensors = await readCheckpointTensors(file, keys);
    for (const key of keys) {
      expect(tensors.get(key)!.dims).toEqual(fake.values[key].dims);
      expect([...tensors.get(key)!.data]).toEqual(fake.values[key].values);
    }
  });

  it('gathers strided and offset views of a shared storage in row-major order', async () => {
    // storage 0..23; a = transpose of a 3×4 block starting at 2; b = every third element from 5.
    const fake: FakeCheckpoint = {
      storages: { s: { dtype: 'float32', values: Array.from({ length: 24 }, (_, i) => i) } },
      tensors: { a: { storage: 's', offset: 2, size: [4, 3], stride: [1, 4] }, b: { storage: 's', offset: 5, size: [4], stride: [3] } },
    };
    const tensors = await readCheckpointTensors(await writeCheckpoint(path('views.pt'), fake, { zip64: true }), ['a', 'b']);
    expect(tensors.get('a')).toEqual({ dims: [4, 3], data: Float32Array.of(2, 6, 10, 3, 7, 11, 4, 8, 12, 5, 9, 13) });
    expect([...tensors.get('b')!.data]).toEqual([5, 8, 11, 14]);
  });

  it('reads deflated storages', async () => {
    const fake = fakeSam2Checkpoint(5);
    const file = await writeCheckpoint(path('deflated.pt'), fake, { deflate: ['data.pkl', 'data/4'] });
    expect([...(await readCheckpointTensors(file, ['no_obj_ptr'])).get('no_obj_ptr')!.data]).toEqual(fake.values.no_obj_ptr.values);
  });

  it('names the keys a checkpoint lacks and some it has', async () => {
    const fake = fakeSam2Checkpoint();
    const file = await writeCheckpoint(path('partial.pt'), fake);
    await expect(readCheckpointTensors(file, ['no_obj_ptr', 'nope', 'also_not'])).rejects.toThrow(
      'partial.pt lacks nope, also_not: is it a SAM 2 checkpoint? (it holds image_encoder.trunk.pos_embed, no_mem_embed,',
    );
  });

  it('says a zip without data.pkl is no PyTorch checkpoint, and a damaged storage is damaged', async () => {
    const other = path('other.pt');
    await writeFile(other, zipBytes([['docs/readme.txt', new TextEncoder().encode('hello')]]));
    await expect(readCheckpointTensors(other, ['x'])).rejects.toThrow('other.pt is a zip archive but no PyTorch checkpoint: it has no <archive>/data.pkl');
    const short: FakeCheckpoint = { storages: { s: { dtype: 'float32', values: [1, 2] } }, tensors: { t: { storage: 's', size: [3] } } };
    await expect(readCheckpointTensors(await writeCheckpoint(path('short.pt'), short), ['t'])).rejects.toThrow(
      'short.pt: t reaches element 2 of a storage of 2 elements: the checkpoint is damaged',
    );
  });
});

describe('TorchCheckpoint', () => {
  const views: FakeCheckpoint = {
    storages: { s: { dtype: 'float32', values: Array.from({ length: 24 }, (_, i) => i) }, h: { dtype: 'float16', values: [1, -2] } },
    tensors: { a: { storage: 's', offset: 2, size: [4, 3], stride: [1, 4] }, h: { storage: 'h', size: [2] } },
  };

  it('reads a checkpoint held in memory: names, and row-major bytes in the stored type', async () => {
    await withCheckpoint({ name: 'memory.pt', bytes: checkpointBytes(views) }, async (checkpoint) => {
      expect(checkpoint.label).toBe('memory.pt');
      expect(checkpoint.tensorNames()).toEqual(['a', 'h']);
      const a = await checkpoint.readBytes('a');
      expect(a).toMatchObject({ type: 'FloatStorage', dims: [4, 3] });
      expect([...new Float32Array(a.bytes.slice().buffer)]).toEqual([2, 6, 10, 3, 7, 11, 4, 8, 12, 5, 9, 13]);
      expect(await checkpoint.readBytes('h')).toEqual({ type: 'HalfStorage', dims: [2], bytes: Uint8Array.of(0x00, 0x3c, 0x00, 0xc0) });
      await expect(checkpoint.readFloats('b')).rejects.toThrow('memory.pt has no tensor b');
    });
  });

  it.each([
    ['a negative size', { storage: 's', size: [-2, -3] }, 'bad.pt: t has a negative size, offset or stride'],
    ['a negative stride', { storage: 's', offset: 5, size: [2], stride: [-1] }, 'bad.pt: t has a negative size, offset or stride'],
    [
      'more elements than its storage',
      { storage: 's', size: [1000, 1000], stride: [0, 0] },
      'bad.pt: t has 1000000 elements, more than its storage of 24: the checkpoint is damaged',
    ],
    ['a size past 2^53', { storage: 's', size: [2 ** 40, 2 ** 20], stride: [0, 0] }, /^bad\.pt: t has \d+ elements, more than its storage of 24/],
    ['strides past the end', { storage: 's', size: [2, 2], stride: [30, 1] }, 'bad.pt: t reaches element 31 of a storage of 24 elements: the checkpoint is damaged'],
  ])('refuses %s before allocating anything', async (_, tensor, message) => {
    const bad: FakeCheckpoint = { storages: { s: views.storages.s }, tensors: { t: tensor } };
    const checkpoint = await TorchCheckpoint.open({ name: 'bad.pt', bytes: checkpointBytes(bad) });
    await expect(checkpoint.readFloats('t')).rejects.toThrow(message);
    await checkpoint.close();
  });
});

describe('halfToFloat', () => {
  it('decodes normal, subnormal and special halves', () => {
    expect([0x3c00, 0xc000, 0x3555, 0x0001, 0x7c00, 0x0000].map(halfToFloat)).toEqual([1, -2, 0.333251953125, 2 ** -24, Infinity, 0]);
    expect(halfToFloat(0x7e00)).toBeNaN();
  });
});
