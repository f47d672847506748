import { describe, expect, it } from 'vitest';
import type { RgbaImage } from '../../../../shared/media';
import { frameToModelInput, normalise } from './frame-input';
import { bilinearAt, maxAbsDiff } from './testing/bilinear-reference';

/** Per-pixel bilinear blend of the normalised neighbours, straight from the definition. */
function reference(frame: RgbaImage, size: number): Float64Array {
  const out = new Float64Array(3 * size * size);
  for (let c = 0; c < 3; c++) {
    const at = (x: number, y: number) => normalise(frame.data[(y * frame.width + x) * 4 + c], c);
    for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) out[(c * size + y) * size + x] = bilinearAt(at, [frame.width, frame.height, size, size], x, y);
  }
  return out;
}

describe('frameToModelInput', () => {
  it('normalises each channel with the ImageNet mean and std into planar RGB', () => {
    const frame = { width: 2, height: 2, data: Uint8Array.from({ length: 16 }, (_, i) => (i % 4 === 3 ? 255 : [255, 0, 128][i % 4])) };
    const input = frameToModelInput(frame, 2);
    expect(input.length).toBe(12);
    expect(input[0]).toBeCloseTo((1 - 0.485) / 0.229, 5);
    expect(input[4]).toBeCloseTo(-0.456 / 0.224, 5);
    expect(input[8]).toBeCloseTo(normalise(128, 2), 6);
  });

  it('resizes bilinearly to the square model size whatever the aspect ratio', () => {
    // Red ramp 0, 100 across two columns; one row.
    const frame = { width: 2, height: 1, data: Uint8Array.of(0, 0, 0, 255, 100, 0, 0, 255) };
    const input = frameToModelInput(frame, 4);
    expect(input.length).toBe(3 * 16);
    // Column centres at source x = -0.25, 0.25, 0.75, 1.25 → clamped 0, 0.25, 0.75, 1.
    [0, 25, 75, 100].forEach((v, x) => expect(input[x]).toBeCloseTo(normalise(v, 0), 5));
    expect(input[12]).toBeCloseTo(normalise(0, 0), 5);
  });

  it('area-averages a frame more than twice the model size', () => {
    const data = new Uint8Array(8 * 8 * 4);
    for (let i = 0; i < 64; i++) data.set([i % 2 === 0 ? 200 : 0, 0, 0, 255], i * 4);
    const input = frameToModelInput({ width: 8, height: 8, data }, 2);
    expect(input[0]).toBeCloseTo(normalise(100, 0), 5);
  });

  // Down to half size at most: beyond that the frame is area-averaged first.
  it('matches the per-pixel bilinear definition on random frames, up and down', () => {
    for (const [width, height, size] of [[37, 23, 32], [50, 61, 31], [1, 1, 4]]) {
      const frame = { width, height, data: Uint8Array.from({ length: width * height * 4 }, () => Math.floor(Math.random() * 256)) };
      expect(maxAbsDiff(frameToModelInput(frame, size), reference(frame, size))).toBeLessThan(1e-5);
    }
  });
});
