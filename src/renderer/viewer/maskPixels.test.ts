import { describe, expect, it } from 'vitest';
import { mergeMasks, outlineWidth, overlayStyle } from './maskPixels';

const gray = (width: number, height: number, values: number[]) => ({ width, height, data: Uint8Array.from(values) });

describe('overlayStyle', () => {
  it('draws only the outline, only the tint, or both, the outline twice as strong as the tint', () => {
    expect(overlayStyle('outline', 0.5)).toEqual({ fill: 0, outline: 1 });
    expect(overlayStyle('fill', 0.5)).toEqual({ fill: 0.5, outline: 0 });
    expect(overlayStyle('both', 0.3)).toEqual({ fill: 0.3, outline: 0.6 });
  });
});

describe('outlineWidth', () => {
  it('is about a screen pixel of a fitted frame, at least one', () => {
    expect(outlineWidth(320)).toBe(1);
    expect(outlineWidth(1280)).toBe(2);
    expect(outlineWidth(3840)).toBe(6);
  });
});

describe('mergeMasks', () => {
  it('keeps the highest probability per pixel, and is empty without masks', () => {
    expect(Array.from(mergeMasks([gray(3, 1, [0, 200, 50]), gray(3, 1, [100, 10, 50])], 3, 1).data)).toEqual([100, 200, 50]);
    expect(Array.from(mergeMasks([], 2, 1).data)).toEqual([0, 0]);
  });
});
