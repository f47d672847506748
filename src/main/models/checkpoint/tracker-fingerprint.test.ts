import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { sharedFile, SHARED_DATA_TAG } from '../../../testing/paths';
import { checkpointBytes, fakeSam2Checkpoint, rezip, type FakeCheckpoint } from './testing/torch-writer';
import { trackerFingerprint } from './tracker-fingerprint';
import { withCheckpoint } from './torch-checkpoint';

const HEADS_TWIN = sharedFile('sam2matting-heads-twin', 'sam2matting_twin.pt');
const SAM2_TWIN = sharedFile('sam2-twin', 'slim', 'sam2.1_hiera_tiny_twin.pt');

describe('trackerFingerprint', { tags: [SHARED_DATA_TAG] }, () => {
  it('pairs the SAM2Matting twin with the SAM 2.1 twin whose tracker it holds, and one changed byte breaks the pair', async () => {
    const paired = await trackerFingerprint(SAM2_TWIN);
    expect(paired).toMatch(/^[0-9a-f]{64}$/);
    expect(await trackerFingerprint(HEADS_TWIN)).toBe(paired);

    const bias = await withCheckpoint(SAM2_TWIN, (c) => c.readBytes('sam_mask_decoder.iou_prediction_head.layers.2.bias'));
    // One byte of that tensor's storage, with the archive's CRC kept right: a valid checkpoint of another tracker.
    const isBias = (name: string, content: Uint8Array) => name.includes('/data/') && Buffer.from(content).equals(bias.bytes);
    const changed = await rezip(await readFile(SAM2_TWIN), (name, content) => (isBias(name, content) ? content.map((b, i) => (i === 5 ? b ^ 1 : b)) : content));
    expect(await trackerFingerprint({ name: 'changed.pt', bytes: changed })).not.toBe(paired);
  });

  it('hashes what the tensors hold, not how the file lays out their storages', async () => {
    const values = Array.from({ length: 6 }, (_, i) => i / 4);
    const own: FakeCheckpoint = {
      storages: { 0: { dtype: 'float32', values: values.slice(0, 4) }, 1: { dtype: 'float32', values: values.slice(4) } },
      tensors: { 'sam_mask_decoder.w': { storage: '0', size: [2, 2] }, 'sam_prompt_encoder.b': { storage: '1', size: [2] } },
    };
    const shared: FakeCheckpoint = {
      storages: { 7: { dtype: 'float32', values: [99, ...values.slice(4), ...values.slice(0, 4)] } },
      tensors: {
        'sam_prompt_encoder.b': { storage: '7', offset: 1, size: [2] },
        'sam_mask_decoder.w': { storage: '7', offset: 3, size: [2, 2] },
        other: { storage: '7', size: [1] },
      },
    };
    const fingerprint = (c: FakeCheckpoint) => trackerFingerprint({ name: 'fake.pt', bytes: checkpointBytes(c) });
    expect(await fingerprint(shared)).toBe(await fingerprint(own));
    const transposed = { ...own, tensors: { ...own.tensors, 'sam_mask_decoder.w': { storage: '0', size: [2, 2], stride: [1, 2] } } };
    expect(await fingerprint(transposed)).not.toBe(await fingerprint(own));
  });

  it('says a checkpoint without the tracker holds none', async () => {
    await expect(trackerFingerprint({ name: 'constants.pt', bytes: checkpointBytes(fakeSam2Checkpoint()) })).rejects.toThrow(
      'constants.pt holds no SAM 2 tracker tensors sam_mask_decoder.*, sam_prompt_encoder.*: is it a SAM 2.1 or SAM2Matting checkpoint?',
    );
  });
});
