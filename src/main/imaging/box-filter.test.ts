import { describe, expect, it } from 'vitest';
import { boxMean } from './box-filter';

function bruteBoxMean(src: Float32Array, w: number, h: number, r: number): Float32Array {
  const out = new Float32Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let sum = 0,
        n = 0;
      for (let yy = Math.max(0, y - r); yy <= Math.min(h - 1, y + r); yy++) {
        for (let xx = Math.max(0, x - r); xx <= Math.min(w - 1, x + r); xx++) {
          sum += src[yy * w + xx];
          n++;
        }
      }
      out[y * w + x] = sum / n;
    }
  }
  return out;
}

describe('boxMean', () => {
  it('matches the brute-force clipped window mean for small and oversized radii', () => {
    const w = 13,
      h = 9;
    const src = Float32Array.from({ length: w * h }, (_, i) => Math.sin(i * 1.7) * 50 + i);
    for (const r of [0, 1, 2, 5, 20]) {
      const fast = boxMean(src, w, h, r);
      const slow = bruteBoxMean(src, w, h, r);
      for (let i = 0; i < fast.length; i++) expect(fast[i]).toBeCloseTo(slow[i], 3);
    }
  });

  it('writes into the given output', () => {
    const out = new Float32Array(4);
    expect(boxMean(Float32Array.of(1, 2, 3, 4), 2, 2, 1, out)).toBe(out);
    expect(Array.from(out)).toEqual([2.5, 2.5, 2.5, 2.5]);
  });
});
