/** IEEE 754 half precision (binary16), the pixel type of an OpenEXR HALF channel. */

const float = new Float32Array(1);
const bits = new Uint32Array(float.buffer);

/** The half-float bits nearest to a number (ties to even), as OpenEXR's own conversion rounds; ±Infinity past 65504. */
export function floatToHalf(value: number): number {
  float[0] = value;
  const x = bits[0];
  const sign = (x >>> 16) & 0x8000;
  const exponent = (x >>> 23) & 0xff;
  const mantissa = x & 0x7fffff;
  if (exponent === 0xff) return sign | 0x7c00 | (mantissa ? 0x200 : 0); // Infinity, or a quiet NaN
  const e = exponent - 127 + 15;
  if (e >= 0x1f) return sign | 0x7c00;
  if (e <= 0) {
    // A subnormal half (or zero): the 24-bit significand shifted down to units of 2^-24.
    if (e < -10) return sign;
    return sign | roundedShift(mantissa | 0x800000, 14 - e);
  }
  // A carry out of the mantissa correctly bumps the exponent, up to Infinity.
  return sign | (((e << 10) | (mantissa >>> 13)) + roundingCarry(mantissa, 13));
}

function roundedShift(value: number, shift: number): number {
  return (value >>> shift) + roundingCarry(value, shift);
}

/** 1 when the bits shifted out round `value >>> shift` up: more than half, or exactly half and the kept part odd. */
function roundingCarry(value: number, shift: number): number {
  const rest = value & ((1 << shift) - 1);
  const half = 1 << (shift - 1);
  return rest > half || (rest === half && (value >>> shift) & 1) ? 1 : 0;
}
