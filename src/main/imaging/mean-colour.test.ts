import { describe, expect, it } from 'vitest';
import { meanColourUnder } from './mean-colour';

describe('meanColourUnder', () => {
  // 4x2 frame: left half red, right half blue.
  const frame = { width: 4, height: 2, data: new Uint8Array(32) };
  for (let i = 0; i < 8; i++) frame.data.set(i % 4 < 2 ? [200, 0, 0, 255] : [0, 0, 100, 255], i * 4);

  it('averages the frame under a mask of another size', () => {
    // A 2x1 mask: its left cell covers the red half.
    expect(meanColourUnder(frame, { width: 2, height: 1, data: Uint8Array.from([255, 0]) })).toEqual([200, 0, 0]);
    expect(meanColourUnder(frame, { width: 2, height: 1, data: Uint8Array.from([200, 130]) })).toEqual([100, 0, 50]);
  });

  it('is null under an empty mask', () => {
    expect(meanColourUnder(frame, { width: 2, height: 1, data: Uint8Array.from([127, 0]) })).toBeNull();
  });
});
