import { describe, expect, it } from 'vitest';
import { boxMean } from '../../../imaging/box-filter';
import { estimateTranslation } from './motion';

function texture(width: number, height: number, seed: number): Float32Array {
  let s = seed;
  const noise = Float32Array.from({ length: width * height }, () => (s = (s * 16807) % 2147483647) / 2147483647);
  return boxMean(noise, width, height, 1);
}

function shifted(src: Float32Array, width: number, height: number, dx: number, dy: number): Float32Array {
  const out = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const sx = x - dx,
        sy = y - dy;
      if (sx >= 0 && sy >= 0 && sx < width && sy < height) out[y * width + x] = src[sy * width + sx];
    }
  }
  return out;
}

describe('estimateTranslation', () => {
  const width = 120,
    height = 90;
  const prev = texture(width, height, 11);
  const weight = new Float32Array(width * height);
  for (let y = 30; y < 60; y++) for (let x = 40; x < 80; x++) weight[y * width + x] = 1;

  it.each([
    [7, -3],
    [-15, 9],
    [0, 0],
  ])('finds a shift of (%i, %i) from no prediction', (dx, dy) => {
    const next = shifted(prev, width, height, dx, dy);
    expect(estimateTranslation({ width, height, prev, next, weight }, { dx: 0, dy: 0 }, 20)).toEqual({ dx, dy });
  });

  it('searches around the predicted shift', () => {
    const next = shifted(prev, width, height, 30, 0);
    expect(estimateTranslation({ width, height, prev, next, weight }, { dx: 26, dy: 0 }, 8)).toEqual({ dx: 30, dy: 0 });
  });
});
