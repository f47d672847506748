import { describe, expect, it } from 'vitest';
import { mergeMasks, overlayPixels } from './maskPixels';

const gray = (width: number, height: number, values: number[]) => ({ width, height, data: Uint8Array.from(values) });

describe('overlayPixels', () => {
  it('leaves background transparent, tints the inside and outlines the boundary', () => {
    // 3x1: outside, boundary pixel, inside pixel whose neighbours are all inside or off the image.
    const mask = gray(4, 1, [0, 255, 255, 255]);
    const out = overlayPixels([{ mask, color: [255, 0, 0] }], 4, 1, 0.5);
    expect(out[3]).toBe(0);
    expect(Array.from(out.slice(4, 8))).toEqual([255, 0, 0, 255]);
    expect(Array.from(out.slice(8, 12))).toEqual([255, 0, 0, 128]);
  });

  it('composites later masks over earlier ones', () => {
    const mask = gray(3, 1, [255, 255, 255]);
    const out = overlayPixels(
      [
        { mask, color: [255, 0, 0] },
        { mask, color: [0, 0, 255] },
      ],
      3,
      1,
      0.5,
    );
    // Middle pixel: blue at 0.5 over red at 0.5 → alpha 0.75, colour 2/3 blue.
    const near = (value: number, expected: number) => expect(Math.abs(value - expected)).toBeLessThanOrEqual(1);
    near(out[7], 191);
    near(out[4], 85);
    near(out[6], 170);
  });
});

describe('mergeMasks', () => {
  it('keeps the highest probability per pixel, and is empty without masks', () => {
    expect(Array.from(mergeMasks([gray(3, 1, [0, 200, 50]), gray(3, 1, [100, 10, 50])], 3, 1).data)).toEqual([100, 200, 50]);
    expect(Array.from(mergeMasks([], 2, 1).data)).toEqual([0, 0]);
  });
});
