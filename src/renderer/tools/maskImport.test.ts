import { describe, expect, it } from 'vitest';
import { maskFromRgba } from './maskImport';

describe('maskFromRgba', () => {
  it('takes luma from an opaque image', () => {
    const out = maskFromRgba([255, 255, 255, 255, 0, 0, 0, 255, 0, 255, 0, 255], 3, 1);
    expect(Array.from(out)).toEqual([255, 0, 182]);
  });

  it('takes alpha from a cut-out', () => {
    const out = maskFromRgba([255, 255, 255, 0, 10, 20, 30, 255, 0, 0, 0, 128], 3, 1);
    expect(Array.from(out)).toEqual([0, 255, 128]);
  });

  it('refuses a wrong byte count', () => {
    expect(() => maskFromRgba([1, 2, 3], 1, 1)).toThrow(/RGBA bytes/);
  });
});
