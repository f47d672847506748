import { describe, expect, it } from 'vitest';
import { cropGray, cropRgba } from './crop';

describe('crop', () => {
  it('copies a region of a grey image', () => {
    const image = { width: 4, height: 3, data: Uint8Array.from({ length: 12 }, (_, i) => i) };
    expect(Array.from(cropGray(image, { x: 1, y: 1, width: 2, height: 2 }).data)).toEqual([5, 6, 9, 10]);
  });

  it('copies a region of an RGBA image', () => {
    const image = { width: 2, height: 2, data: Uint8Array.from({ length: 16 }, (_, i) => i) };
    const out = cropRgba(image, { x: 1, y: 0, width: 1, height: 2 });
    expect([out.width, out.height]).toEqual([1, 2]);
    expect(Array.from(out.data)).toEqual([4, 5, 6, 7, 12, 13, 14, 15]);
  });
});
