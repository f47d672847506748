import { describe, expect, it } from 'vitest';
import { translatePlane } from './translate';

describe('translatePlane', () => {
  const src = Uint8Array.from([1, 2, 3, 4, 5, 6]); // 3x2

  it('moves content by whole pixels and fills what comes in', () => {
    expect(Array.from(translatePlane(src, 3, 2, 1, 0))).toEqual([0, 1, 2, 0, 4, 5]);
    expect(Array.from(translatePlane(src, 3, 2, -1, 1, 9))).toEqual([9, 9, 9, 2, 3, 9]);
  });

  it('is empty when moved out of frame', () => {
    expect(Array.from(translatePlane(src, 3, 2, 3, 0))).toEqual([0, 0, 0, 0, 0, 0]);
  });
});
