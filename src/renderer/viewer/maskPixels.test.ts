import { describe, expect, it } from 'vitest';
import { mergeMasks, outlineBand, overlayPixels, overlayStyle } from './maskPixels';

const gray = (width: number, height: number, values: number[]) => ({ width, height, data: Uint8Array.from(values) });
const red = [255, 0, 0] as const;

describe('overlayPixels', () => {
  it('leaves background transparent, tints the inside and outlines the boundary', () => {
    // 4x1: outside, boundary pixel, inside pixels whose neighbours are all inside or off the image.
    const mask = gray(4, 1, [0, 255, 255, 255]);
    const out = overlayPixels([{ mask, color: red, ...overlayStyle('both', 0.5) }], 4, 1);
    expect(out[3]).toBe(0);
    expect(Array.from(out.slice(4, 8))).toEqual([255, 0, 0, 255]);
    expect(Array.from(out.slice(8, 12))).toEqual([255, 0, 0, 128]);
  });

  it('draws only the outline, or only the tint, as the object asks, at its opacity', () => {
    const mask = gray(4, 1, [0, 255, 255, 255]);
    const alphas = (mode: 'outline' | 'fill', opacity: number) => Array.from(overlayPixels([{ mask, color: red, ...overlayStyle(mode, opacity) }], 4, 1).filter((_, i) => i % 4 === 3));
    expect(alphas('outline', 0.5)).toEqual([0, 255, 0, 0]);
    expect(alphas('outline', 0.25)).toEqual([0, 128, 0, 0]);
    expect(alphas('fill', 0.8)).toEqual([0, 204, 204, 204]);
  });

  it('composites later masks over earlier ones', () => {
    const mask = gray(3, 1, [255, 255, 255]);
    const style = { fill: 0.5, outline: 0 };
    const out = overlayPixels([{ mask, color: red, ...style }, { mask, color: [0, 0, 255], ...style }], 3, 1);
    // Middle pixel: blue at 0.5 over red at 0.5 → alpha 0.75, colour 2/3 blue.
    const near = (value: number, expected: number) => expect(Math.abs(value - expected)).toBeLessThanOrEqual(1);
    near(out[7], 191);
    near(out[4], 85);
    near(out[6], 170);
  });

  it('outlines thicker on bigger frames, so the outline still shows when a frame is fitted to the viewer', () => {
    const width = 1280;
    const data = new Array(width).fill(255);
    data[0] = 0;
    const alpha = overlayPixels([{ mask: gray(width, 1, data), color: red, fill: 0, outline: 1 }], width, 1).filter((_, i) => i % 4 === 3);
    expect(Array.from(alpha.slice(0, 5))).toEqual([0, 255, 255, 0, 0]);
  });
});

describe('outlineBand', () => {
  it('marks inside pixels within the width of the outside, diagonals included, not the image border', () => {
    // A 5x5 square inside a 7x7 image; width 1 marks its rim, width 2 all but its centre.
    const data = Array.from({ length: 49 }, (_, i) => (i % 7 >= 1 && i % 7 <= 5 && i >= 7 && i < 42 ? 255 : 0));
    const rim = Array.from(outlineBand(gray(7, 7, data), 1));
    expect(rim.reduce((a, b) => a + b)).toBe(16);
    expect(Array.from(outlineBand(gray(7, 7, data), 2)).reduce((a, b) => a + b)).toBe(24);
    expect(Array.from(outlineBand(gray(3, 1, [255, 255, 255]), 1))).toEqual([0, 0, 0]);
  });
});

describe('mergeMasks', () => {
  it('keeps the highest probability per pixel, and is empty without masks', () => {
    expect(Array.from(mergeMasks([gray(3, 1, [0, 200, 50]), gray(3, 1, [100, 10, 50])], 3, 1).data)).toEqual([100, 200, 50]);
    expect(Array.from(mergeMasks([], 2, 1).data)).toEqual([0, 0]);
  });
});
