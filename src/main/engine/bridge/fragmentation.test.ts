import { describe, expect, it } from 'vitest';
import { fragmentsPerOutline } from './fragmentation';

const W = 40;
const H = 40;
const OPTIONS = { minBodyArea: 20, reach: 4 };

/** A 20x20 square body at (10, 10): an outline of 76 pixels. */
function square(): Uint8Array {
  const mask = new Uint8Array(W * H);
  for (let y = 10; y < 30; y++) mask.fill(255, y * W + 10, y * W + 30);
  return mask;
}

describe('fragmentsPerOutline', () => {
  it('is 0 for a clean body, and for no body at all', () => {
    expect(fragmentsPerOutline(square(), W, H, OPTIONS)).toBe(0);
    expect(fragmentsPerOutline(new Uint8Array(W * H), W, H, OPTIONS)).toBe(0);
  });

  it('counts the specks beside the body per outline pixel, not those far out', () => {
    const mask = square();
    // Three single-pixel specks 2 px outside the right side, one 8 px out (beyond reach).
    for (const y of [12, 18, 24]) mask[y * W + 31] = 255;
    mask[20 * W + 37] = 255;
    expect(fragmentsPerOutline(mask, W, H, OPTIONS)).toBeCloseTo(3 / 76, 9);
  });

  it('does not count a strand attached to the body', () => {
    const mask = square();
    for (let x = 30; x < 38; x++) mask[20 * W + x] = 255;
    expect(fragmentsPerOutline(mask, W, H, OPTIONS)).toBe(0);
  });
});
