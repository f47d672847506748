import { describe, expect, it } from 'vitest';
import { binaryMask } from './mask-output';

describe('binaryMask', () => {
  it('joins the objects, thresholds at 128 and scales to the frame', () => {
    const a = { width: 2, height: 1, data: Uint8Array.of(200, 0) };
    const b = { width: 2, height: 1, data: Uint8Array.of(0, 127) };
    expect(Array.from(binaryMask([a, b, undefined], 2, 1).data)).toEqual([255, 0]);
    // Doubled: the left half is inside, the right half outside (bilinear, 128 at the middle).
    expect(Array.from(binaryMask([a], 4, 1).data)).toEqual([255, 255, 0, 0]);
    expect(binaryMask([], 3, 2).data.every((v) => v === 0)).toBe(true);
  });
});
