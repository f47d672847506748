import { describe, expect, it } from 'vitest';
import { floatToHalf } from './half';

/** A reference decoder, straight from the format's definition. */
function halfToFloat(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exponent = (h >> 10) & 0x1f;
  const mantissa = h & 0x3ff;
  if (exponent === 0) return sign * mantissa * 2 ** -24;
  if (exponent === 0x1f) return mantissa ? Number.NaN : sign * Infinity;
  return sign * (1 + mantissa / 1024) * 2 ** (exponent - 15);
}

describe('floatToHalf', () => {
  it('converts known values', () => {
    expect(floatToHalf(0)).toBe(0);
    expect(floatToHalf(-0)).toBe(0x8000);
    expect(floatToHalf(1)).toBe(0x3c00);
    expect(floatToHalf(-2)).toBe(0xc000);
    expect(floatToHalf(0.5)).toBe(0x3800);
    expect(floatToHalf(0.1)).toBe(0x2e66);
    expect(floatToHalf(1 / 3)).toBe(0x3555);
    expect(floatToHalf(65504)).toBe(0x7bff);
    expect(floatToHalf(2 ** -14)).toBe(0x0400); // smallest normal
    expect(floatToHalf(2 ** -24)).toBe(0x0001); // smallest subnormal
    expect(floatToHalf(Infinity)).toBe(0x7c00);
    expect(floatToHalf(-Infinity)).toBe(0xfc00);
    expect(floatToHalf(Number.NaN) & 0x7c00).toBe(0x7c00);
    expect(floatToHalf(Number.NaN) & 0x3ff).not.toBe(0);
  });

  it('rounds to nearest, ties to even, in normals and subnormals, up to Infinity', () => {
    expect(floatToHalf(1 + 2 ** -11)).toBe(0x3c00); // tie, even stays
    expect(floatToHalf(1 + 3 * 2 ** -11)).toBe(0x3c02); // tie, odd rounds up
    expect(floatToHalf(1 + 2 ** -11 + 2 ** -20)).toBe(0x3c01); // past the tie
    expect(floatToHalf(2 ** -25)).toBe(0); // tie to even zero
    expect(floatToHalf(3 * 2 ** -25)).toBe(0x0002);
    expect(floatToHalf(2 ** -26)).toBe(0);
    expect(floatToHalf(2 ** -14 - 2 ** -26)).toBe(0x0400); // the largest subnormal rounds up into the normals
    expect(floatToHalf(65520)).toBe(0x7c00); // halfway to the next power: rounds to Infinity
    expect(floatToHalf(65519)).toBe(0x7bff);
    expect(floatToHalf(1e10)).toBe(0x7c00);
  });

  it('gives back every finite half exactly, and the nearest half for values between', () => {
    for (let h = 0; h < 0x10000; h++) {
      const value = halfToFloat(h);
      if (Number.isNaN(value)) continue;
      expect(floatToHalf(value)).toBe(h);
      // Just above a positive finite value: still nearer it than its successor.
      if (h < 0x7bff) {
        const next = halfToFloat(h + 1);
        expect(floatToHalf(value + (next - value) * 0.49)).toBe(h);
        expect(floatToHalf(value + (next - value) * 0.51)).toBe(h + 1);
      }
    }
  });
});
