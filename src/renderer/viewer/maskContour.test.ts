import { describe, expect, it } from 'vitest';
import { contourSegments } from './maskContour';

const gray = (width: number, height: number, values: number[]) => ({ width, height, data: Uint8Array.from(values) });
const segments = (s: Float32Array) => Array.from({ length: s.length / 4 }, (_, i) => Array.from(s.slice(i * 4, i * 4 + 4)));

describe('contourSegments', () => {
  it('crosses where the bilinear mask reaches 128, in the stretched coordinates', () => {
    // 2x2 cell, the left column inside: a vertical cut halfway between the centres, stretched 10x.
    const s = segments(contourSegments(gray(2, 2, [255, 0, 255, 0]), 20, 20));
    expect(s).toEqual([[10, 5, 10, 15]]);
  });

  it('interpolates the crossing between unequal neighbours', () => {
    const [x0] = contourSegments(gray(2, 2, [200, 100, 200, 100]), 2, 2);
    expect(x0).toBeCloseTo(0.5 + (200 - 127.5) / 100);
  });

  it('closes around an inside pixel and draws nothing along the image border', () => {
    const island = contourSegments(gray(3, 3, [0, 0, 0, 0, 255, 0, 0, 0, 0]), 3, 3);
    expect(island.length / 4).toBe(4);
    expect(contourSegments(gray(3, 3, Array(9).fill(255)), 3, 3).length).toBe(0);
    // Inside along the top row: only the cut below it.
    const top = segments(contourSegments(gray(3, 2, [255, 255, 255, 0, 0, 0]), 3, 2));
    expect(top.every(([, y0, , y1]) => y0 === 1 && y1 === 1)).toBe(true);
  });

  it('parts a saddle by its centre', () => {
    // tl and br inside. Centre inside: the segments cut off the outside corners, tr first; centre outside: the inside ones, tl first.
    const midpoint = (s: Float32Array) => [(s[0] + s[2]) / 2, (s[1] + s[3]) / 2];
    const joined = contourSegments(gray(2, 2, [255, 0, 100, 255]), 2, 2);
    const parted = contourSegments(gray(2, 2, [200, 0, 0, 200]), 2, 2);
    expect([joined.length / 4, parted.length / 4]).toEqual([2, 2]);
    expect(midpoint(joined)).toEqual([1.25, 0.75]);
    const [px, py] = midpoint(parted);
    expect(px).toBeLessThan(1);
    expect(py).toBeLessThan(1);
  });
});
