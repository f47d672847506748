import { describe, expect, it } from 'vitest';
import type { GrayImage } from '../../shared/media';
import { DETACHED_RAMP, ramp } from './drift';
import { cosineSimilarity, detachedWeight, frameContinuity, motionCompensatedIoU } from './mask-continuity';

const W = 40;
const H = 30;

/** A mask with the given rectangles (x, y, width, height) set. */
function mask(...rects: [number, number, number, number][]): GrayImage {
  const data = new Uint8Array(W * H);
  for (const [x0, y0, w, h] of rects) for (let y = y0; y < y0 + h; y++) for (let x = x0; x < x0 + w; x++) data[y * W + x] = 255;
  return { width: W, height: H, data };
}

describe('motionCompensatedIoU', () => {
  it('is 1 for an object that only moved, even far', () => {
    expect(motionCompensatedIoU(mask([2, 2, 8, 6]), mask([25, 20, 8, 6]))).toBe(1);
  });

  it('falls when a piece of something else joins the mask (a leak)', () => {
    // 48 pixels of object, 24 leaked beside it: the centroid moves, the shape does not match.
    const iou = motionCompensatedIoU(mask([10, 10, 8, 6]), mask([10, 10, 8, 6], [18, 10, 4, 6]));
    expect(iou).toBeGreaterThan(0.5);
    expect(iou).toBeLessThan(0.8);
  });

  it('is low when the mask becomes another object of another shape', () => {
    expect(motionCompensatedIoU(mask([10, 5, 4, 16]), mask([20, 12, 16, 4]))).toBeLessThan(0.3);
  });

  it("moves left and up as well, to the frame's edge", () => {
    expect(motionCompensatedIoU(mask([3, 3, 6, 6]), mask([0, 0, 6, 6]))).toBe(1);
  });

  it('is 1 when either mask is empty (losing the object is a sign of its own)', () => {
    expect(motionCompensatedIoU(mask(), mask([1, 1, 3, 3]))).toBe(1);
    expect(motionCompensatedIoU(mask([1, 1, 3, 3]), mask())).toBe(1);
  });
});

describe('detachedWeight', () => {
  /** The drift strip's doubt from the mask's pieces apart. */
  const doubt = (m: GrayImage) => ramp(detachedWeight(m), DETACHED_RAMP);
  // A body of 280 pixels (14 x 20), size about 17 pixels.
  const body: [number, number, number, number] = [2, 5, 14, 20];

  it('flags a piece that shows apart from the body, far from it (a leak left behind)', () => {
    // 16 pixels, 5 % of the mask, 15 pixels (0.9 sizes) from the body.
    expect(doubt(mask(body, [30, 5, 4, 4]))).toBe(1);
  });

  it('grows as the object moves away from a piece left behind', () => {
    const piece: [number, number, number, number] = [34, 5, 4, 4];
    const near = detachedWeight(mask([14, 5, 14, 20], piece));
    const far = detachedWeight(mask([2, 5, 14, 20], piece));
    expect(far).toBeGreaterThan(2 * near);
  });

  it('does not flag a limb just apart from the body, before or after both moved together', () => {
    // The same piece, 2 pixels from the body: what matters is how far, not whether it was there before.
    expect(doubt(mask(body, [17, 5, 4, 4]))).toBe(0);
    expect(doubt(mask([8, 7, 14, 20], [23, 7, 4, 4]))).toBe(0);
  });

  it('is 0 for a body in one piece, whatever its shape', () => {
    expect(detachedWeight(mask(body))).toBe(0);
    expect(detachedWeight(mask(body, [16, 5, 20, 3]))).toBe(0);
    expect(detachedWeight(mask())).toBe(0);
  });

  it('counts large pieces as the body: an object seen in two parts where something hides its middle', () => {
    // 140 and 70 pixels, 12 pixels apart: the smaller holds a third of the mask.
    expect(detachedWeight(mask([2, 2, 14, 10], [2, 24, 14, 5]))).toBe(0);
  });
});

describe('cosineSimilarity', () => {
  it('is 1 for vectors alike in direction, -1 for opposite ones, 0 for orthogonal or zero ones', () => {
    expect(cosineSimilarity(Float32Array.of(1, 2, 3), Float32Array.of(2, 4, 6))).toBeCloseTo(1);
    expect(cosineSimilarity(Float32Array.of(1, 2), Float32Array.of(-1, -2))).toBeCloseTo(-1);
    expect(cosineSimilarity(Float32Array.of(1, 0), Float32Array.of(0, 3))).toBe(0);
    expect(cosineSimilarity(Float32Array.of(0, 0), Float32Array.of(1, 1))).toBe(0);
  });
});

describe('frameContinuity', () => {
  it('names the frame tracked from, and carries the pointer similarity only where pointers are given', () => {
    const a = mask([2, 2, 8, 6]);
    const b = mask([4, 2, 8, 6]);
    expect(frameContinuity(6, a, b)).toEqual({ from: 6, shapeIoU: 1, detached: 0 });
    const withPointers = frameContinuity(6, a, b, { previous: Float32Array.of(1, 0), next: Float32Array.of(1, 1) });
    expect(withPointers).toMatchObject({ from: 6, shapeIoU: 1 });
    expect(withPointers.pointerSimilarity).toBeCloseTo(Math.SQRT1_2);
  });
});
