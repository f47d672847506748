import { describe, expect, it } from 'vitest';
import { readImageRgba } from '../../../media/image-file';
import { sharedFile, SHARED_DATA_TAG } from '../../../../testing/paths';
import { frameToModelInput, normalise } from './frame-input';

describe('frameToModelInput', () => {
  it('normalises each channel with the ImageNet mean and std into planar RGB', () => {
    const frame = { width: 2, height: 2, data: Uint8Array.from({ length: 16 }, (_, i) => (i % 4 === 3 ? 255 : [255, 0, 128][i % 4])) };
    const input = frameToModelInput(frame, 2);
    expect(input.length).toBe(12);
    expect(input[0]).toBeCloseTo((1 - 0.485) / 0.229, 5);
    expect(input[4]).toBeCloseTo(-0.456 / 0.224, 5);
    expect(input[8]).toBeCloseTo(normalise(128, 2), 6);
  });

  it('feeds a frame already at the model size unresized (the twin clip1024 frames are what SAM2 fed)', { tags: [SHARED_DATA_TAG] }, async () => {
    const frame = await readImageRgba(sharedFile('sam2-twin', 'clip1024', '00005.png'));
    const input = frameToModelInput(frame, 1024);
    for (const i of [0, 4097, 1024 * 1024 - 1]) expect(input[1024 * 1024 + i]).toBeCloseTo(normalise(frame.data[4 * i + 1], 1), 6);
  });
});
