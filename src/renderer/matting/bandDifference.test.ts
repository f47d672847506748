import { describe, expect, it } from 'vitest';
import type { GrayImage } from '../../shared/media';
import { bandDifference } from './bandDifference';

const gray = (values: number[]): GrayImage => ({ width: values.length, height: 1, data: Uint8Array.from(values) });

describe('bandDifference', () => {
  it('marks band pixels where final and preview differ, by direction and size, and nothing outside the band', () => {
    const trimap = gray([0, 128, 128, 128, 128, 255]);
    const preview = gray([0, 100, 100, 100, 100, 255]);
    const final = gray([40, 104, 200, 60, 132, 200]);
    const d = bandDifference(preview, final, trimap);
    expect({ changed: d.changed, band: d.band }).toEqual({ changed: 3, band: 4 });
    const pixel = (i: number) => [...d.pixels.subarray(4 * i, 4 * i + 4)];
    expect(pixel(0)).toEqual([0, 0, 0, 0]); // outside the band
    expect(pixel(1)).toEqual([0, 0, 0, 0]); // below what shows
    expect(pixel(2)).toEqual([255, 0, 255, 255]); // more opaque in final, by 100
    expect(pixel(3)).toEqual([0, 230, 255, 159]); // less opaque, by 40
    expect(pixel(4)[3]).toBe(128); // by 32
    expect(pixel(5)).toEqual([0, 0, 0, 0]);
  });

  it('refuses mattes of another size than the trimap', () => {
    expect(() => bandDifference(gray([0]), gray([0, 0]), gray([0, 0]))).toThrow(/preview matte is 1x1, the trimap 2x1/);
  });
});
