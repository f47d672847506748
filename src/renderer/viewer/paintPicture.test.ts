import { describe, expect, it } from 'vitest';
import { tintedMaskPixels } from './paintPicture';

describe('tintedMaskPixels', () => {
  it('is the colour with the probability as alpha, at the mask size', () => {
    const out = tintedMaskPixels({ width: 3, height: 1, data: Uint8Array.from([0, 128, 255]) }, [10, 20, 30]);
    expect(Array.from(out)).toEqual([10, 20, 30, 0, 10, 20, 30, 128, 10, 20, 30, 255]);
  });
});
