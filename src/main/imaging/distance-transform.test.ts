import { describe, expect, it } from 'vitest';
import { columnDistances, nearestFeature, pixelsWithin, signedDistance, squaredDistanceTo, withinDistance } from './distance-transform';

describe('squaredDistanceTo', () => {
  it('is the exact squared Euclidean distance to the nearest feature', () => {
    const w = 23,
      h = 17;
    const mask = new Uint8Array(w * h);
    const features: Array<[number, number]> = [
      [3, 4],
      [20, 1],
      [11, 15],
      [12, 8],
    ];
    for (const [x, y] of features) mask[y * w + x] = 1;
    const d = squaredDistanceTo(mask, w, h);
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const brute = Math.min(...features.map(([fx, fy]) => (x - fx) ** 2 + (y - fy) ** 2));
        expect(d[y * w + x]).toBe(brute);
      }
    }
  });

  it('is Infinity without features', () => {
    const d = squaredDistanceTo(new Uint8Array(6), 3, 2);
    expect(Array.from(d).every((v) => v === Infinity)).toBe(true);
  });
});

describe('signedDistance', () => {
  it('is positive inside, negative outside, ±0.5 beside the boundary', () => {
    const w = 9;
    const mask = new Uint8Array(w * w);
    for (let y = 2; y <= 6; y++) for (let x = 2; x <= 6; x++) mask[y * w + x] = 255;
    const sd = signedDistance(mask, w, w);
    expect(sd[4 * w + 4]).toBe(2.5);
    expect(sd[4 * w + 2]).toBe(0.5);
    expect(sd[4 * w + 1]).toBe(-0.5);
    expect(sd[4 * w + 0]).toBe(-1.5);
    expect(sd[0]).toBeCloseTo(0.5 - Math.SQRT2 * 2, 6);
  });
});

describe('nearestFeature', () => {
  it('points at a feature at the exact nearest distance', () => {
    const w = 31,
      h = 19;
    const mask = new Uint8Array(w * h);
    const features: Array<[number, number]> = [
      [0, 0],
      [30, 18],
      [15, 9],
      [4, 15],
      [22, 2],
    ];
    for (const [x, y] of features) mask[y * w + x] = 1;
    const nearest = nearestFeature(mask, w, h);
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const j = nearest[y * w + x];
        expect(mask[j]).toBe(1);
        const brute = Math.min(...features.map(([fx, fy]) => (x - fx) ** 2 + (y - fy) ** 2));
        expect((x - (j % w)) ** 2 + (y - Math.floor(j / w)) ** 2).toBe(brute);
      }
    }
  });

  it('is −1 without features', () => {
    expect(Array.from(nearestFeature(new Uint8Array(4), 2, 2))).toEqual([-1, -1, -1, -1]);
  });
});

describe('pixelsWithin and withinDistance', () => {
  it('agree with the exact distance transform at every limit, features or none', () => {
    const w = 41,
      h = 29;
    // A fixed scatter of features (a multiplicative hash, no randomness) and an empty image.
    const scattered = Uint8Array.from({ length: w * h }, (_, i) => (((i * 2654435761) >>> 0) % 97 === 0 ? 1 : 0));
    for (const features of [scattered, new Uint8Array(w * h)]) {
      const d2 = squaredDistanceTo(features, w, h);
      const columns = columnDistances(features, w, h);
      for (const limit of [0, 1, 2.5, 4.5, 9]) {
        const within = pixelsWithin(columns, w, h, limit);
        for (let i = 0; i < w * h; i++) {
          expect(within[i]).toBe(d2[i] <= limit * limit ? 1 : 0);
          expect(withinDistance(columns, w, i % w, Math.floor(i / w), limit)).toBe(d2[i] <= limit * limit);
        }
      }
    }
  });
});
