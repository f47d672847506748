import { describe, expect, it } from 'vitest';
import { downscaleRgba, resizeGrayBilinear, resizeGrayBilinearWindow, resizeRgbaArea } from './resize';

const gray = (width: number, height: number, values: number[]) => ({ width, height, data: Uint8Array.from(values) });

describe('resizeGrayBilinear', () => {
  it('upsamples with align_corners=false: edges clamp, centres interpolate', () => {
    const out = resizeGrayBilinear(gray(2, 1, [0, 255]), 4, 1);
    // Destination centres 0.5..3.5 map to source −0.25, 0.25, 0.75, 1.25.
    expect(Array.from(out.data)).toEqual([0, 64, 191, 255]);
  });

  it('is the identity at the same size and keeps constants when shrinking', () => {
    const src = gray(3, 2, [1, 2, 3, 4, 5, 6]);
    expect(Array.from(resizeGrayBilinear(src, 3, 2).data)).toEqual([1, 2, 3, 4, 5, 6]);
    const flat = gray(8, 8, new Array(64).fill(77));
    expect(Array.from(resizeGrayBilinear(flat, 3, 5).data)).toEqual(new Array(15).fill(77));
  });

  it('gives a window exactly as the whole resize has it', () => {
    const src = gray(
      5,
      4,
      Array.from({ length: 20 }, (_, i) => (i * 37) % 256),
    );
    const whole = resizeGrayBilinear(src, 13, 9).data;
    const window = { x: 3, y: 2, width: 7, height: 5 };
    const part = resizeGrayBilinearWindow(src, 13, 9, window);
    for (let y = 0; y < window.height; y++) expect(Array.from(part.subarray(y * 7, y * 7 + 7))).toEqual(Array.from(whole.subarray((y + 2) * 13 + 3, (y + 2) * 13 + 10)));
  });

  it('halving averages the two middle source pixels', () => {
    const out = resizeGrayBilinear(gray(4, 1, [0, 100, 200, 40]), 2, 1);
    expect(Array.from(out.data)).toEqual([50, 120]);
  });
});

describe('resizeRgbaArea', () => {
  it('averages whole blocks for integer ratios', () => {
    const data = new Uint8Array(4 * 4 * 4);
    for (let i = 0; i < 16; i++) data.set([i % 2 ? 200 : 0, 10, 20, 255], i * 4);
    const out = resizeRgbaArea({ width: 4, height: 4, data }, 2, 2);
    expect(Array.from(out.data.subarray(0, 4))).toEqual([100, 10, 20, 255]);
    expect(out.data.length).toBe(16);
  });

  it('keeps the mean for fractional ratios', () => {
    const w = 7,
      h = 5;
    const data = new Uint8Array(w * h * 4);
    for (let i = 0; i < data.length; i++) data[i] = (i * 37) % 256;
    const out = resizeRgbaArea({ width: w, height: h, data }, 3, 2);
    const mean = (d: Uint8Array, c: number) => d.filter((_, i) => i % 4 === c).reduce((a, b) => a + b, 0) / (d.length / 4);
    for (let c = 0; c < 4; c++) expect(mean(out.data, c)).toBeCloseTo(mean(data, c), -0.5);
  });
});

describe('downscaleRgba', () => {
  it('keeps the aspect ratio and leaves small images alone', () => {
    const src = { width: 640, height: 360, data: new Uint8Array(640 * 360 * 4) };
    const out = downscaleRgba(src, 320);
    expect([out.width, out.height]).toEqual([320, 180]);
    expect(downscaleRgba(src, 1000)).toBe(src);
  });
});
