import { describe, expect, it } from 'vitest';
import { blockConvolve, fillSmallHoles, logitsToMask, maskToLogits, resizeBilinear, upsampledMaskForMemory, type FloatMap } from './logit-maps';
import { bilinearAt, maxAbsDiff, randomMap } from './testing/bilinear-reference';

/** src resized to width×height per pixel from the definition, each value mapped by `f`. */
function reference(src: FloatMap, width: number, height: number, f: (v: number) => number = (v) => v): Float64Array {
  const at = (x: number, y: number) => src.data[y * src.width + x];
  const out = new Float64Array(width * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) out[y * width + x] = f(bilinearAt(at, [src.width, src.height, width, height], x, y));
  return out;
}

const map = (width: number, height: number, values: number[]) => ({ width, height, data: Float32Array.from(values) });

describe('logit maps', () => {
  it('resizes bilinearly with pixel centres aligned (align_corners=false)', () => {
    const up = resizeBilinear(map(2, 1, [0, 4]), 4, 1);
    expect(Array.from(up.data)).toEqual([0, 1, 3, 4]);
  });

  it('block-convolves with stride k (a 2×2 average here)', () => {
    const src = map(4, 2, [1, 3, 5, 7, 1, 3, 5, 7]);
    expect(Array.from(blockConvolve(src, 2, Float32Array.of(0.25, 0.25, 0.25, 0.25), 1).data)).toEqual([3, 7]);
  });

  it("fills small background holes with 0.1 and leaves foreground specks, as SAM2's video predictor does", () => {
    const values = new Array(64).fill(5);
    values[9] = -3; // one-pixel hole inside
    for (let i = 48; i < 64; i++) values[i] = -5; // a large background band (16 px)
    values[62] = 2; // a one-pixel speck in it
    const cleaned = fillSmallHoles(map(8, 8, values), 8);
    expect(cleaned.data[9]).toBeCloseTo(0.1, 6);
    expect(cleaned.data[62]).toBe(2);
    expect(cleaned.data[50]).toBe(-5);
    expect(cleaned.data[0]).toBe(5);
  });

  it('turns logits into 0..255 probabilities with 0 at the 128 boundary, and back to clamped logits', () => {
    const mask = logitsToMask(map(2, 1, [0, -1024]), 2, 1);
    expect(Array.from(mask.data)).toEqual([128, 0]);
    // Resized like resizeBilinear, each byte within one of the exact sigmoid.
    const src = map(3, 2, [-6, -0.3, 2, 0.7, 5, -2.5]);
    const exact = resizeBilinear(src, 7, 5).data.map((v) => 255 / (1 + Math.exp(-v)));
    logitsToMask(src, 7, 5).data.forEach((v, i) => expect(Math.abs(v - exact[i])).toBeLessThanOrEqual(0.63));
    const back = maskToLogits({ width: 2, height: 1, data: Uint8Array.of(255, 0) }, 2, 1);
    expect(Array.from(back.data)).toEqual([32, -32]);
  });

  it('resizes random maps up and down as the per-pixel definition does', () => {
    for (const [w, h, W, H] of [
      [13, 7, 40, 31],
      [40, 31, 13, 7],
      [1, 1, 3, 2],
      [16, 16, 64, 64],
    ]) {
      const src = randomMap(w, h, 20);
      expect(maxAbsDiff(resizeBilinear(src, W, H).data, reference(src, W, H))).toBeLessThan(1e-5);
    }
  });

  it('upsamples the mask for memory: sigmoid × 20 − 10 of the resized logits, or ±10 of their sign after clicks', () => {
    const src = randomMap(16, 16, 24);
    const soft = reference(src, 64, 64, (v) => 20 / (1 + Math.exp(-v)) - 10);
    expect(maxAbsDiff(upsampledMaskForMemory(src, 64, false), soft)).toBeLessThan(1e-4);
    const hard = reference(src, 64, 64, (v) => (v > 0 ? 10 : -10));
    expect(Array.from(upsampledMaskForMemory(src, 64, true))).toEqual(Array.from(hard));
  });

  it("maps random logits to probability bytes within the table's bound of the exact sigmoid", () => {
    const src = randomMap(16, 16, 24);
    const exact = reference(src, 37, 21, (v) => 255 / (1 + Math.exp(-v)));
    expect(maxAbsDiff(logitsToMask(src, 37, 21).data, exact)).toBeLessThanOrEqual(0.63);
  });
});
