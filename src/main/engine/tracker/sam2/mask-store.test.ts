import { describe, expect, it } from 'vitest';
import { packMask, unpackMask } from './mask-store';

describe('packMask', () => {
  it('round-trips a mask exactly and stores one run per change', () => {
    const data = new Uint8Array(100);
    data.fill(255, 30, 60);
    data[60] = 128;
    const packed = packMask({ width: 10, height: 10, data });
    expect(Array.from(packed.values)).toEqual([0, 255, 128, 0]);
    expect(Array.from(packed.lengths)).toEqual([30, 30, 1, 39]);
    expect(unpackMask(packed)).toEqual({ width: 10, height: 10, data });
  });
});
