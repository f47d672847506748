import { describe, expect, it } from 'vitest';
import type { GrayImage, RgbaImage } from '../../../shared/media';
import { solveClosedForm } from './closed-form';
import { conjugateGradient } from './conjugate-gradient';
import { mattingLaplacian, multiply } from './matting-laplacian';

/** alpha·F + (1 − alpha)·B with constant F and B: alpha is a linear function of colour, the Laplacian's null space. */
function composite(width: number, height: number, alphaAt: (x: number, y: number) => number): { image: RgbaImage; alpha: Float32Array } {
  const image = { width, height, data: new Uint8Array(width * height * 4) };
  const alpha = new Float32Array(width * height);
  const F = [230, 180, 40],
    B = [20, 60, 200];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const a = alphaAt(x, y);
      const i = y * width + x;
      alpha[i] = a;
      image.data.set([F[0] * a + B[0] * (1 - a), F[1] * a + B[1] * (1 - a), F[2] * a + B[2] * (1 - a), 255], 4 * i);
    }
  }
  return { image, alpha };
}

const ramp = (x: number) => Math.min(1, Math.max(0, (x - 12) / 16));

function trimapOf(width: number, height: number, alpha: Float32Array, band: (x: number) => boolean): GrayImage {
  const data = new Uint8Array(width * height);
  for (let i = 0; i < data.length; i++) data[i] = band(i % width) ? 128 : alpha[i] >= 0.5 ? 255 : 0;
  return { width, height, data };
}

describe('mattingLaplacian', () => {
  it('has zero row sums (constant alpha costs nothing) and a symmetric band', () => {
    const { image } = composite(12, 9, (x, y) => ((x * 7 + y * 13) % 11) / 10);
    const width = 12,
      height = 9;
    const unknown = new Uint8Array(width * height).map((_, i) => (i % 5 === 0 ? 0 : 1));
    const known = new Float32Array(width * height).fill(1);
    const system = mattingLaplacian({ width, height, rgba: image.data, unknown, known, epsilon: 1e-5 });
    const ones = new Float64Array(system.pixels.length).fill(1);
    const product = new Float64Array(ones.length);
    multiply(system, ones, product);
    // L·1 = 0 splits into the unknown columns (product) and the known ones (−rhs with known alpha 1).
    for (let u = 0; u < ones.length; u++) expect(product[u] - system.rhs[u]).toBeCloseTo(0, 6);
    const entry = new Map<string, number>();
    for (let u = 0; u < ones.length; u++) {
      for (let k = system.rowStart[u]; k < system.rowStart[u + 1]; k++) entry.set(`${u},${system.columns[k]}`, system.values[k]);
      expect(entry.get(`${u},${u}`)).toBe(system.diagonal[u]);
    }
    for (const [key, value] of entry) {
      const [u, v] = key.split(',');
      expect(entry.get(`${v},${u}`)).toBeCloseTo(value, 6);
    }
  });
});

describe('conjugateGradient', () => {
  it('solves a small SPD system from a guess', () => {
    // Tridiagonal [−1 3 −1]: well conditioned, exact answer known.
    const size = 50;
    const truth = Float64Array.from({ length: size }, (_, i) => Math.sin(i));
    const apply = (x: Float64Array, out: Float64Array) => {
      for (let i = 0; i < size; i++) out[i] = 3 * x[i] - (i > 0 ? x[i - 1] : 0) - (i < size - 1 ? x[i + 1] : 0);
    };
    const rhs = new Float64Array(size);
    apply(truth, rhs);
    const x = new Float64Array(size);
    const result = conjugateGradient({ size, multiply: apply, diagonal: new Float64Array(size).fill(3), rhs }, x, { tolerance: 1e-10, maxIterations: 200 });
    expect(result.relativeResidual).toBeLessThan(1e-10);
    for (let i = 0; i < size; i++) expect(x[i]).toBeCloseTo(truth[i], 8);
  });
});

describe('solveClosedForm', () => {
  it('recovers a soft edge between two flat colours exactly, from a poor guess', () => {
    const width = 40,
      height = 20;
    const { image, alpha: truth } = composite(width, height, ramp);
    const trimap = trimapOf(width, height, truth, (x) => x >= 8 && x < 32);
    const alpha = Float32Array.from(trimap.data, (v) => (v === 255 ? 1 : v === 0 ? 0 : 0.5));
    const result = solveClosedForm(image, trimap, alpha, { epsilon: 1e-7, prior: 0, tolerance: 1e-6, maxIterations: 2000 });
    expect(result.relativeResidual).toBeLessThan(1e-6);
    let worst = 0;
    for (let i = 0; i < alpha.length; i++) worst = Math.max(worst, Math.abs(alpha[i] - truth[i]));
    // Colours are quantised to 8 bits, so alpha is only that exact.
    expect(worst).toBeLessThan(0.02);
  });

  it('keeps known pixels and leaves a too-small region alone', () => {
    const trimap = { width: 2, height: 2, data: Uint8Array.of(0, 128, 128, 255) };
    const alpha = Float32Array.of(0, 0.3, 0.6, 1);
    solveClosedForm({ width: 2, height: 2, data: new Uint8Array(16) }, trimap, alpha);
    expect(Array.from(alpha)).toEqual([0, Math.fround(0.3), Math.fround(0.6), 1]);
  });
});
