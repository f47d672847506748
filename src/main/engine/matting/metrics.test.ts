import { describe, expect, it } from 'vitest';
import type { GrayImage } from '../../../shared/media';
import { SHARED_DATA_TAG, sharedData } from '../../../testing/paths';
import { readImageGray } from '../../media/image-file';
import { connectivityError, dtSSD, gaussianDerivativeKernels, gradientError, matteErrors, mse, sad, unknownRegion } from './metrics';

const gray = (width: number, height: number, values: number[]): GrayImage => ({ width, height, data: Uint8Array.from(values) });
const everywhere = (n: number) => new Uint8Array(n).fill(1);

describe('SAD and MSE', () => {
  // |Δα| = 0, 1, 0.2 on the region; the fourth pixel is outside it.
  const estimate = gray(4, 1, [0, 255, 51, 204]);
  const truth = gray(4, 1, [0, 0, 102, 0]);
  const region = Uint8Array.of(1, 1, 1, 0);

  it('sums absolute errors over the region, / 1000', () => {
    expect(sad(estimate, truth, region)).toBeCloseTo(1.2 / 1000, 12);
  });

  it('averages squared errors over the region', () => {
    expect(mse(estimate, truth, region)).toBeCloseTo((1 + 0.04) / 3, 12);
  });

  it('takes the region from the trimap: neither 0 nor 255', () => {
    expect([...unknownRegion(gray(4, 1, [0, 1, 128, 255]))]).toEqual([0, 1, 1, 0]);
  });
});

describe('gradient error', () => {
  it('uses the benchmark kernel: half-width 4 for σ = 1.4, unit norm', () => {
    const { smooth, derivative } = gaussianDerivativeKernels(1.4);
    expect(smooth.length).toBe(9);
    expect(Math.hypot(...smooth)).toBeCloseTo(1, 12);
    expect(Math.hypot(...derivative)).toBeCloseTo(1, 12);
    expect(derivative[4]).toBe(-0);
  });

  it('measures the difference of gradient magnitudes: ramps of slope 20 and 10 levels per pixel', () => {
    // Away from the borders a ramp of slope s (in alpha per pixel) has magnitude K·s, with
    // K = |Σ u·g'(u)| · Σ g(u) for the unit-norm kernels = 9.68383 (worked out by hand from the kernels).
    const width = 12,
      height = 3;
    const ramp = (step: number) =>
      gray(
        width,
        height,
        Array.from({ length: width * height }, (_, i) => step * (i % width)),
      );
    const region = Uint8Array.from({ length: width * height }, (_, i) => (i % width >= 4 && i % width <= 7 ? 1 : 0));
    const K = 9.683830838816398;
    const expected = (12 * ((K * (20 - 10)) / 255) ** 2) / 1000;
    expect(gradientError(ramp(20), ramp(10), region)).toBeCloseTo(expected, 9);
  });

  it('ignores a constant offset, which SAD does not', () => {
    const a = gray(8, 8, new Array(64).fill(100));
    const b = gray(8, 8, new Array(64).fill(150));
    expect(gradientError(a, b, everywhere(64))).toBeCloseTo(0, 20);
    expect(sad(a, b, everywhere(64))).toBeGreaterThan(0);
  });
});

describe('connectivity error', () => {
  it('penalises a hole that cuts the estimate off from the rest', () => {
    // Truth is opaque; the estimate has a gap at x = 3. At t = 0.1 pixels 3 and 4 leave the largest
    // component {0, 1, 2}: level 0. φ(pixel 3) = 1 (estimate 0) vs 0 (truth 1); pixel 4 is 0 in both.
    const truth = gray(5, 1, [255, 255, 255, 255, 255]);
    expect(connectivityError(gray(5, 1, [255, 255, 255, 0, 255]), truth, everywhere(5))).toBeCloseTo(1 / 1000, 12);
    // A half-transparent gap keeps them connected up to t = 0.5: level 0.5; pixel 3 differs by
    // φ = 1 (d = 0.002 < 0.15) against 1 − 0.5, pixel 4 not at all.
    expect(connectivityError(gray(5, 1, [255, 255, 255, 128, 255]), truth, everywhere(5))).toBeCloseTo(0.5 / 1000, 12);
  });

  it('uses 4-connectivity: a diagonal touch does not connect', () => {
    // The corner pixel (alpha 230/255) touches the opaque block only diagonally: cut off at t = 0.1,
    // its φ is 1 − 230/255 against 0 for the truth. The four empty pixels count 1 each.
    // (8-connected it would stay until t = 1, d < 0.15 for both, and add nothing.)
    const truth = gray(3, 3, new Array(9).fill(255));
    const estimate = gray(3, 3, [255, 255, 0, 255, 255, 0, 0, 0, 230]);
    const corner = Uint8Array.of(0, 0, 0, 0, 0, 0, 0, 0, 1);
    expect(connectivityError(estimate, truth, corner)).toBeCloseTo(25 / 255 / 1000, 12);
    expect(connectivityError(estimate, truth, everywhere(9))).toBeCloseTo((4 + 25 / 255) / 1000, 12);
  });
});

describe('dtSSD', () => {
  it('measures the change between frames that the truth does not have', () => {
    // Frame 0 → 1: one of two pixels rises by 0.2 while the truth is still: √(0.04 / 2) · 100.
    const estimates = [gray(2, 1, [0, 0]), gray(2, 1, [51, 0]), gray(2, 1, [51, 0])];
    const truths = [gray(2, 1, [0, 0]), gray(2, 1, [0, 0]), gray(2, 1, [0, 0])];
    expect(dtSSD(estimates.slice(0, 2), truths.slice(0, 2))).toBeCloseTo(100 * Math.sqrt(0.02), 9);
    // The second pair changes nothing: the mean over pairs halves.
    expect(dtSSD(estimates, truths)).toBeCloseTo(50 * Math.sqrt(0.02), 9);
    // Restricted to the pixel that changed: √0.04 · 100 for the first pair.
    expect(dtSSD(estimates.slice(0, 2), truths.slice(0, 2), Uint8Array.of(1, 0))).toBeCloseTo(20, 9);
  });

  it('is zero for an error that stays the same from frame to frame', () => {
    const truths = [gray(3, 1, [0, 100, 200]), gray(3, 1, [10, 120, 180])];
    const estimates = truths.map((t) =>
      gray(
        3,
        1,
        [...t.data].map((v) => v + 20),
      ),
    );
    expect(dtSSD(estimates, truths)).toBe(0);
  });
});

describe('on the shared ground truth', { tags: [SHARED_DATA_TAG] }, () => {
  // README reference: GT thresholded at 0.5 scores SAD 7.31 / MSE 40.7e-3 (synthetic-matting) and 5.70 / 20.9e-3 (alphamatting).
  it.each([
    ['synthetic-matting', Array.from({ length: 8 }, (_, k) => `00${k}.png`), 7.31, 40.7e-3],
    ['alphamatting', Array.from({ length: 20 }, (_, k) => `GT${String(k + 1).padStart(2, '0')}.png`), 5.7, 20.9e-3],
  ])('%s: the truth scores 0, the thresholded truth scores the reference figures', async (dir, names, referenceSad, referenceMse) => {
    const totals = { sad: 0, mse: 0, gradient: 0, connectivity: 0 };
    for (const name of names) {
      const truth = await readImageGray(sharedData(dir, 'alpha', name));
      const region = unknownRegion(await readImageGray(sharedData(dir, 'trimap', name)));
      expect(matteErrors(truth, truth, region)).toEqual({ sad: 0, mse: 0, gradient: 0, connectivity: 0 });
      const binary = { ...truth, data: truth.data.map((v) => (v >= 128 ? 255 : 0)) };
      const errors = matteErrors(binary, truth, region);
      for (const key of Object.keys(totals) as (keyof typeof totals)[]) {
        expect(errors[key]).toBeGreaterThan(0);
        totals[key] += errors[key] / names.length;
      }
    }
    expect(totals.sad).toBeCloseTo(referenceSad, 1);
    expect(totals.mse).toBeCloseTo(referenceMse, 3);
  });
});
